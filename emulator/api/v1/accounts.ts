import { invoiceBalanceOf, withContacts, type AccountWithContacts } from '../../domain/accounts.js';
import type { Contact } from '../../domain/contacts.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { decimal } from './wireValues.js';

export function toV1Contact(contact: Contact): Record<string, unknown> {
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    nickname: contact.nickname ?? '',
    workEmail: contact.workEmail ?? '',
    personalEmail: contact.personalEmail ?? '',
    workPhone: contact.workPhone ?? '',
    homePhone: contact.homePhone ?? '',
    mobilePhone: contact.mobilePhone ?? '',
    otherPhone: contact.otherPhone ?? '',
    otherPhoneType: contact.otherPhoneType ?? '',
    fax: contact.fax ?? '',
    address1: contact.address1 ?? '',
    address2: contact.address2 ?? '',
    city: contact.city ?? '',
    state: contact.state ?? '',
    county: contact.county ?? '',
    country: contact.country ?? '',
    zipCode: contact.postalCode ?? '',
    taxRegion: contact.taxRegion ?? '',
    ...contact.customFields,
  };
}

export function toV1Account({ account, billTo, soldTo }: AccountWithContacts): Record<string, unknown> {
  return {
    basicInfo: {
      id: account.id,
      accountNumber: account.accountNumber,
      name: account.name,
      status: account.status,
      batch: account.batch,
      notes: account.notes ?? '',
      crmId: account.crmId ?? '',
      salesRep: account.salesRep ?? '',
      parentId: account.parentId ?? '',
      communicationProfileId: account.communicationProfileId ?? '',
      invoiceTemplateId: account.invoiceTemplateId ?? '',
      creditMemoTemplateId: account.creditMemoTemplateId ?? '',
      debitMemoTemplateId: account.debitMemoTemplateId ?? '',
      sequenceSetId: account.sequenceSetId ?? '',
      ...account.customFields,
    },
    billingAndPayment: {
      billCycleDay: account.billCycleDay,
      bcdSettingOption: account.bcdSettingOption,
      currency: account.currency,
      paymentTerm: account.paymentTerm,
      paymentGateway: account.paymentGateway ?? '',
      autoPay: account.autoPay,
      defaultPaymentMethodId: account.defaultPaymentMethodId ?? '',
      invoiceDeliveryPrefsEmail: account.invoiceDeliveryPrefsEmail,
      invoiceDeliveryPrefsPrint: account.invoiceDeliveryPrefsPrint,
      additionalEmailAddresses: account.additionalEmailAddresses ?? [],
    },
    metrics: {
      balance: decimal(account.balance),
      totalInvoiceBalance: decimal(invoiceBalanceOf(account)),
      creditBalance: decimal(account.creditBalance),
      totalDebitMemoBalance: decimal(0),
      unappliedCreditMemoAmount: decimal(account.unappliedCreditMemoAmount ?? 0),
      unappliedPaymentAmount: decimal(0),
      contractedMrr: decimal(0),
      reservedPaymentAmount: 0,
    },
    billToContact: toV1Contact(billTo),
    soldToContact: toV1Contact(soldTo),
    success: true,
  };
}

export function getAccountV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: toV1Account(withContacts(view, ctx.params.account_key ?? '')) };
}
