import { invoiceBalanceOf, type Account, type AccountWithContacts } from '../../../domain/accounts.js';
import { unappliedPaymentsOf } from '../../../domain/payments/payments.js';
import { accountContractedMrr } from '../../../domain/subscriptions/metrics.js';
import type { ReadView } from '../../../state/transaction.js';
import { decimal } from '../wireValues.js';
import { toV1Contact } from './contact.js';
import { customFieldsOf } from './customFields.js';
import { orNull, unmodelled } from './nulls.js';

// GET /v1/accounts/{account-key} (GETAccountType), part by part, so the other account reads
// (summary, CRUD, lists) build their answers from the same pieces.

/** Account fields without a feature behind them, sent as null. */
export const UNMODELLED_ACCOUNT_FIELDS = [
  'basicInfo.profileNumber',
  'basicInfo.summaryStatementTemplateId',
  'basicInfo.organizationLabel',
  'basicInfo.tags',
  'shipToContact',
  'einvoiceProfile',
  'metricsData',
] as const;

const unmodelledIn = (part: string): string[] =>
  UNMODELLED_ACCOUNT_FIELDS.filter((field) => field.startsWith(`${part}.`)).map((field) => field.slice(part.length + 1));
// The null fields of each part, worked out once rather than on every read.
const UNMODELLED_BASIC_INFO = unmodelled(unmodelledIn('basicInfo'));
const UNMODELLED_TOP_LEVEL = unmodelled(UNMODELLED_ACCOUNT_FIELDS.filter((field) => !field.includes('.')));

/** `basicInfo`: every field of the official schema, null when unset, then the custom fields. */
export function v1AccountBasicInfo(view: ReadView, account: Account): Record<string, unknown> {
  return {
    id: account.id,
    accountNumber: account.accountNumber,
    name: account.name,
    status: account.status,
    batch: account.batch,
    notes: orNull(account.notes),
    crmId: orNull(account.crmId),
    salesRep: orNull(account.salesRep),
    parentId: orNull(account.parentId),
    communicationProfileId: orNull(account.communicationProfileId),
    invoiceTemplateId: orNull(account.invoiceTemplateId),
    creditMemoTemplateId: orNull(account.creditMemoTemplateId),
    debitMemoTemplateId: orNull(account.debitMemoTemplateId),
    sequenceSetId: orNull(account.sequenceSetId),
    purchaseOrderNumber: orNull(account.purchaseOrderNumber),
    customerServiceRepName: orNull(account.customerServiceRepName),
    // The emulator keeps metrics current on every change, so they were last updated with the account.
    lastMetricsUpdate: account.updatedDate,
    partnerAccount: account.partnerAccount ?? false,
    ...UNMODELLED_BASIC_INFO,
    ...customFieldsOf(view, 'Account', account.customFields),
  };
}

/** `billingAndPayment`. */
export function v1BillingAndPayment(account: Account): Record<string, unknown> {
  return {
    billCycleDay: account.billCycleDay,
    bcdSettingOption: account.bcdSettingOption,
    currency: account.currency,
    paymentTerm: account.paymentTerm,
    paymentGateway: orNull(account.paymentGateway),
    paymentGatewayNumber: orNull(account.paymentGatewayNumber),
    autoPay: account.autoPay,
    defaultPaymentMethodId: account.defaultPaymentMethodId,
    paymentMethodCascadingConsent: false,
    invoiceDeliveryPrefsEmail: account.invoiceDeliveryPrefsEmail,
    invoiceDeliveryPrefsPrint: account.invoiceDeliveryPrefsPrint,
    additionalEmailAddresses: account.additionalEmailAddresses ?? [],
  };
}

/**
 * `metrics`. Zuora's wire sends balance, totalInvoiceBalance, creditBalance and contractedMrr as
 * JSON numbers, with `currency` beside them, where the official schema has decimal strings and no
 * currency (listed in contracts/wireDifferences.ts); the others stay as the schema types them.
 */
export function v1AccountMetrics(view: ReadView, account: Account): Record<string, unknown> {
  return {
    balance: account.balance,
    currency: account.currency,
    totalInvoiceBalance: invoiceBalanceOf(account),
    creditBalance: account.creditBalance,
    contractedMrr: accountContractedMrr(view, account.id),
    totalDebitMemoBalance: decimal(0),
    unappliedCreditMemoAmount: decimal(account.unappliedCreditMemoAmount ?? 0),
    unappliedPaymentAmount: decimal(unappliedPaymentsOf(view, account.id)),
    reservedPaymentAmount: 0,
  };
}

const TAX_FIELDS = [
  'exemptCertificateId',
  'exemptCertificateType',
  'exemptIssuingJurisdiction',
  'exemptEffectiveDate',
  'exemptExpirationDate',
  'exemptDescription',
  'exemptEntityUseCode',
  'companyCode',
  'VATId',
] as const;

/** `taxInfo`: what the account was given, null for the rest; not exempt unless told. */
export function v1TaxInfo(account: Account): Record<string, unknown> {
  const given = account.taxInfo ?? {};
  const taxInfo: Record<string, unknown> = { exemptStatus: given.exemptStatus ?? 'No' };
  for (const field of TAX_FIELDS) taxInfo[field] = given[field] ?? null;
  return taxInfo;
}

export function toV1Account(view: ReadView, { account, billTo, soldTo }: AccountWithContacts): Record<string, unknown> {
  return {
    success: true,
    basicInfo: v1AccountBasicInfo(view, account),
    billingAndPayment: v1BillingAndPayment(account),
    metrics: v1AccountMetrics(view, account),
    billToContact: billTo && toV1Contact(view, billTo, account),
    soldToContact: soldTo && toV1Contact(view, soldTo, account),
    taxInfo: v1TaxInfo(account),
    ...UNMODELLED_TOP_LEVEL,
    gatewayRoutingEligible: false,
  };
}
