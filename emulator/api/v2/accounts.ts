import {
  createAccount,
  getAccount,
  invoiceBalanceOf,
  listAccounts,
  updateAccount,
  withContacts,
  type AccountFields,
  type AccountStatus,
  type AccountWithContacts,
  type NewAccountInput,
} from '../../domain/accounts.js';
import type { Contact, ContactInput } from '../../domain/contacts.js';
import type { CustomFields } from '../../domain/customFields.js';
import { checkDefaultPaymentMethod } from '../../domain/payments/paymentMethods.js';
import type { RequestContext, Reply } from '../../http/routeTable.js';
import { compact } from '../shape.js';
import { expansions, quickstartObject } from './shape.js';
import { paginate } from './pagination.js';
import { createAccountPaymentMethod } from './paymentMethods.js';

type Body = Record<string, unknown>;

export function toV2Contact(contact: Contact): Record<string, unknown> {
  return quickstartObject(contact, {
    account_id: contact.accountId,
    first_name: contact.firstName,
    last_name: contact.lastName,
    nickname: contact.nickname,
    email: contact.personalEmail,
    work_email: contact.workEmail,
    work_phone: contact.workPhone,
    home_phone: contact.homePhone,
    mobile_phone: contact.mobilePhone,
    other_phone: contact.otherPhone,
    other_phone_type: contact.otherPhoneType,
    fax: contact.fax,
    tax_region: contact.taxRegion,
    address: compact({
      line1: contact.address1,
      line2: contact.address2,
      city: contact.city,
      state: contact.state,
      county: contact.county,
      country: contact.country,
      postal_code: contact.postalCode,
    }),
    custom_fields: contact.customFields,
  });
}

export function toV2Account({ account, billTo, soldTo }: AccountWithContacts, expand: ReadonlySet<string>): Record<string, unknown> {
  return quickstartObject(account, {
    account_number: account.accountNumber,
    name: account.name,
    description: account.notes,
    currency: account.currency,
    bill_cycle_day: account.billCycleDay,
    auto_pay: account.autoPay,
    payment_terms: account.paymentTerm,
    batch: account.batch,
    crm_id: account.crmId,
    sales_rep: account.salesRep,
    parent_account_id: account.parentId,
    communication_profile_id: account.communicationProfileId,
    sequence_set_id: account.sequenceSetId,
    payment_gateway: account.paymentGateway,
    default_payment_method_id: account.defaultPaymentMethodId ?? undefined,
    enabled: account.status === 'Active',
    bill_to_id: account.billToId,
    sold_to_id: account.soldToId,
    bill_to: expand.has('bill_to') && billTo ? toV2Contact(billTo) : undefined,
    sold_to: expand.has('sold_to') && soldTo ? toV2Contact(soldTo) : undefined,
    remaining_invoice_balance: invoiceBalanceOf(account),
    remaining_credit_memo_balance: account.unappliedCreditMemoAmount ?? 0,
    remaining_debit_memo_balance: 0,
    remaining_payment_balance: 0,
    billing_document_settings: compact({
      email_documents: account.invoiceDeliveryPrefsEmail,
      print_documents: account.invoiceDeliveryPrefsPrint,
      additional_email: account.additionalEmailAddresses,
      invoice_template_id: account.invoiceTemplateId,
      credit_memo_template_id: account.creditMemoTemplateId,
      debit_memo_template_id: account.debitMemoTemplateId,
    }),
    tax_certificate: account.taxInfo?.taxCertificate,
    tax_identifier: account.taxInfo?.taxIdentifier,
    custom_fields: account.customFields,
  });
}

function contactInput(body: Body | undefined): ContactInput | undefined {
  if (!body) return undefined;
  const address = (body.address ?? {}) as Body;
  return compact({
    firstName: body.first_name,
    lastName: body.last_name,
    nickname: body.nickname,
    personalEmail: body.email,
    workEmail: body.work_email,
    workPhone: body.work_phone,
    homePhone: body.home_phone,
    mobilePhone: body.mobile_phone,
    otherPhone: body.other_phone,
    otherPhoneType: body.other_phone_type,
    fax: body.fax,
    taxRegion: body.tax_region,
    address1: address.line1,
    address2: address.line2,
    city: address.city,
    state: address.state,
    county: address.county,
    country: address.country,
    postalCode: address.postal_code,
    customFields: body.custom_fields,
  }) as ContactInput;
}

function accountInput(body: Body): AccountFields & { billTo?: ContactInput; soldTo?: ContactInput } {
  const documents = (body.billing_document_settings ?? {}) as Body;
  const taxInfo = compact({ taxCertificate: body.tax_certificate, taxIdentifier: body.tax_identifier });
  return compact({
    accountNumber: body.account_number,
    name: body.name,
    notes: body.description,
    currency: body.currency,
    billCycleDay: body.bill_cycle_day,
    autoPay: body.auto_pay,
    paymentTerm: body.payment_terms,
    batch: body.batch,
    crmId: body.crm_id,
    salesRep: body.sales_rep,
    parentId: body.parent_account_id,
    communicationProfileId: body.communication_profile_id,
    sequenceSetId: body.sequence_set_id,
    paymentGateway: body.payment_gateway,
    defaultPaymentMethodId: body.default_payment_method_id,
    status: body.status as AccountStatus | undefined,
    invoiceDeliveryPrefsEmail: documents.email_documents,
    invoiceDeliveryPrefsPrint: documents.print_documents,
    additionalEmailAddresses: documents.additional_email,
    invoiceTemplateId: documents.invoice_template_id,
    creditMemoTemplateId: documents.credit_memo_template_id,
    debitMemoTemplateId: documents.debit_memo_template_id,
    taxInfo: Object.keys(taxInfo).length > 0 ? taxInfo : undefined,
    customFields: body.custom_fields as CustomFields | undefined,
    billTo: contactInput(body.bill_to as Body | undefined),
    soldTo: contactInput(body.sold_to as Body | undefined),
  }) as AccountFields & { billTo?: ContactInput; soldTo?: ContactInput };
}

export async function postAccount(ctx: RequestContext): Promise<Reply> {
  // The body schema has already required name, currency and bill_to.
  const body = ctx.body as Body;
  const input = accountInput(body) as NewAccountInput;
  const created = await ctx.services.store.transact(ctx.tenant, (tx) => {
    const { account } = createAccount(tx, input);
    // A new account owns no payment method yet, so a default it names can only be refused.
    if (input.defaultPaymentMethodId) checkDefaultPaymentMethod(tx, account, input.defaultPaymentMethodId);
    if (body.payment_method) createAccountPaymentMethod(tx, account.id, body.payment_method as Body);
    return withContacts(tx, account.id);
  });
  return { status: 201, body: toV2Account(created, expansions(ctx.query)) };
}

export function getAccountV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: toV2Account(withContacts(view, ctx.params.account_id ?? ''), expansions(ctx.query)) };
}

export async function patchAccount(ctx: RequestContext): Promise<Reply> {
  const key = ctx.params.account_id ?? '';
  const patch = accountInput((ctx.body ?? {}) as Body);
  const updated = await ctx.services.store.transact(ctx.tenant, (tx) => {
    if (patch.defaultPaymentMethodId) checkDefaultPaymentMethod(tx, getAccount(tx, key), patch.defaultPaymentMethodId);
    return updateAccount(tx, key, patch);
  });
  return { body: toV2Account(updated, expansions(ctx.query)) };
}

export function listAccountsV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const expand = expansions(ctx.query);
  return { body: paginate(listAccounts(view), (account) => toV2Account(withContacts(view, account.id), expand), ctx.query, 'Account') };
}
