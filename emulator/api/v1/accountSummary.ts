import { withContacts, type Account } from '../../domain/accounts.js';
import type { Contact } from '../../domain/contacts.js';
import { getProduct } from '../../domain/catalog/products.js';
import { invoicesOfAccount } from '../../domain/invoices/invoicing.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../../domain/payments/model.js';
import { paymentsOfAccount } from '../../domain/payments/payments.js';
import { ratePlansOf, subscriptionsOfAccount } from '../../domain/subscriptions/queries.js';
import { listUsage } from '../../domain/usage/usage.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { customFieldsOf } from './shapes/customFields.js';
import { orNull } from './shapes/nulls.js';
import { v1TaxInfo } from './shapes/account.js';
import { toV1Contact } from './shapes/contact.js';
import { decimal } from './wireValues.js';

// GET /v1/accounts/{account-key}/summary (GETAccountSummaryType): the account with its contacts,
// latest subscriptions, invoices, payments and usage in one read.

/** The summary's contacts carry a subset of the contact read's fields. */
const SUMMARY_CONTACT_FIELDS = [
  'id', 'firstName', 'lastName', 'workEmail', 'workPhone', 'address1', 'address2', 'city', 'state', 'county', 'country', 'zipCode', 'taxRegion', 'fax', 'asBillTo', 'asSoldTo', 'asShipTo',
] as const;

function summaryContact(view: ReadView, contact: Contact, account: Account): Record<string, unknown> {
  const full = toV1Contact(view, contact, account);
  return { ...Object.fromEntries(SUMMARY_CONTACT_FIELDS.map((field) => [field, full[field]])), isSpecifiedInSubscription: false };
}

function defaultPaymentMethod(view: ReadView, account: Account): Record<string, unknown> | null {
  const method = account.defaultPaymentMethodId ? view.get<PaymentMethod>(PAYMENT_METHODS, account.defaultPaymentMethodId) : undefined;
  if (!method) return null;
  return {
    id: method.id,
    paymentMethodType: method.type,
    creditCardType: method.creditCardType,
    creditCardNumber: method.creditCardLast4 ? `************${method.creditCardLast4}` : null,
    creditCardExpirationMonth: method.creditCardExpirationMonth === null ? null : String(method.creditCardExpirationMonth),
    creditCardExpirationYear: method.creditCardExpirationYear === null ? null : String(method.creditCardExpirationYear),
  };
}

function basicInfo(view: ReadView, account: Account): Record<string, unknown> {
  const invoices = invoicesOfAccount(view, account.id);
  const payments = paymentsOfAccount(view, account.id);
  const lastPayment = payments[payments.length - 1];
  return {
    id: account.id,
    accountNumber: account.accountNumber,
    name: account.name,
    status: account.status,
    balance: decimal(account.balance),
    currency: account.currency,
    billCycleDay: String(account.billCycleDay),
    bcdSettingOption: account.bcdSettingOption,
    batch: account.batch,
    autoPay: account.autoPay,
    invoiceDeliveryPrefsEmail: account.invoiceDeliveryPrefsEmail,
    invoiceDeliveryPrefsPrint: account.invoiceDeliveryPrefsPrint,
    additionalEmailAddresses: account.additionalEmailAddresses ?? [],
    defaultPaymentMethod: defaultPaymentMethod(view, account),
    lastInvoiceDate: invoices[invoices.length - 1]?.invoiceDate ?? null,
    lastPaymentAmount: lastPayment ? decimal(lastPayment.amount) : null,
    lastPaymentDate: lastPayment?.effectiveDate ?? null,
    lastMetricsUpdate: account.updatedDate,
    purchaseOrderNumber: orNull(account.purchaseOrderNumber),
    partnerAccount: account.partnerAccount ?? false,
    paymentMethodCascadingConsent: false,
    organizationLabel: null,
    tags: null,
    ...customFieldsOf(view, 'Account', account.customFields),
  };
}

function subscriptions(view: ReadView, account: Account): Record<string, unknown>[] {
  return subscriptionsOfAccount(view, account.id)
    .filter((subscription) => subscription.isLatestVersion)
    .map((subscription) => ({
      id: subscription.id,
      subscriptionNumber: subscription.subscriptionNumber,
      status: subscription.status,
      termType: subscription.termType,
      autoRenew: subscription.autoRenew,
      initialTerm: String(subscription.initialTerm),
      renewalTerm: String(subscription.renewalTerm),
      subscriptionStartDate: subscription.subscriptionStartDate,
      termStartDate: subscription.termStartDate,
      termEndDate: subscription.termEndDate,
      ratePlans: ratePlansOf(view, subscription.id)
        .filter((plan) => plan.lastChangeType !== 'Remove')
        .map((plan) => {
          const product = getProduct(view, plan.productId);
          return { productId: product.id, productName: product.name, productSku: product.sku, productRatePlanId: plan.productRatePlanId, ratePlanName: plan.name };
        }),
      ...customFieldsOf(view, 'Subscription', subscription.customFields),
    }));
}

export function getAccountSummaryV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const { account, billTo, soldTo } = withContacts(view, ctx.params.account_key ?? '');
  return {
    body: {
      success: true,
      basicInfo: basicInfo(view, account),
      billToContact: billTo && summaryContact(view, billTo, account),
      soldToContact: soldTo && summaryContact(view, soldTo, account),
      shipToContact: null,
      taxInfo: v1TaxInfo(account),
      subscriptions: subscriptions(view, account),
      invoices: invoicesOfAccount(view, account.id).map((invoice) => ({
        id: invoice.id,
        invoiceNumber: invoice.invoiceNumber,
        invoiceDate: invoice.invoiceDate,
        dueDate: invoice.dueDate,
        amount: invoice.amount,
        balance: decimal(invoice.balance),
        status: invoice.status,
      })),
      payments: paymentsOfAccount(view, account.id).map((payment) => ({
        id: payment.id,
        paymentNumber: payment.paymentNumber,
        paymentType: payment.type,
        status: payment.status,
        effectiveDate: payment.effectiveDate,
        paidInvoices: payment.paymentParts.map((part) => ({
          invoiceId: part.invoiceId,
          invoiceNumber: invoicesOfAccount(view, account.id).find((invoice) => invoice.id === part.invoiceId)?.invoiceNumber ?? null,
          appliedPaymentAmount: decimal(part.amount),
        })),
      })),
      usage: listUsage(view, { accountId: account.id }).map((usage) => ({
        startDate: usage.startDateTime.slice(0, 10),
        unitOfMeasure: usage.unitOfMeasure,
        quantity: String(usage.quantity),
      })),
    },
  };
}
