import type { AnySchema } from 'ajv';
import { addContact, editContact, removeContact } from '../../domain/accountContacts.js';
import { ACCOUNT_STATUSES, createAccount, updateAccount, type AccountPatch, type NewAccountInput } from '../../domain/accounts.js';
import type { ContactInput } from '../../domain/contacts.js';
import { missingField } from '../../domain/errors.js';
import { setDefaultPaymentMethod } from '../../domain/payments/paymentMethods.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { Transaction } from '../../state/transaction.js';
import { crudDeleted, crudInput, crudSaved } from './crud.js';

// CRUD writes of accounts and contacts (/v1/object/account, /v1/object/contact). A CRUD account is
// made Draft, then its contacts are created with its AccountId, then an update names them its
// BillToId and SoldToId and makes it Active: the order Zuora's CRUD API imposes.

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;

/** ProxyCreateAccount's fields; the balances it lists are Zuora's to keep, accepted and ignored. */
const accountProperties = {
  AccountNumber: { type: 'string', minLength: 1, maxLength: 70 },
  AdditionalEmailAddresses: { type: 'string', maxLength: 1200 },
  AllowInvoiceEdit: bool,
  AutoPay: bool,
  Balance: { type: 'number' },
  Batch: str,
  BcdSettingOption: { enum: ['AutoSet', 'ManualSet'] },
  BillCycleDay: { type: 'integer', minimum: 0, maximum: 31 },
  BillToId: str,
  CommunicationProfileId: str,
  CreditBalance: { type: 'number' },
  CrmId: { type: 'string', maxLength: 100 },
  Currency: { type: 'string', minLength: 3, maxLength: 3 },
  CustomerServiceRepName: { type: 'string', maxLength: 50 },
  DefaultPaymentMethodId: str,
  InvoiceDeliveryPrefsEmail: bool,
  InvoiceDeliveryPrefsPrint: bool,
  InvoiceTemplateId: str,
  Name: { type: 'string', minLength: 1, maxLength: 255 },
  Notes: { type: 'string', maxLength: 65535 },
  ParentId: str,
  PaymentGateway: str,
  PaymentTerm: str,
  PurchaseOrderNumber: { type: 'string', maxLength: 100 },
  SalesRepName: { type: 'string', maxLength: 50 },
  SoldToId: str,
  Status: { enum: [...ACCOUNT_STATUSES] },
  TotalInvoiceBalance: { type: 'number' },
} as const;

/** Read-only or kept elsewhere: not passed to the domain as account fields. */
const ACCOUNT_RENAMES = {
  AllowInvoiceEdit: null,
  Balance: null,
  BcdSettingOption: null,
  CreditBalance: null,
  TotalInvoiceBalance: null,
  DefaultPaymentMethodId: null,
  SalesRepName: 'salesRep',
} as const;

/** Zuora requires these in practice; the 2017 spec's Balance, CreditBalance... are its own to set. */
export const crudAccountCreateSchema: AnySchema = { type: 'object', required: ['Name', 'Currency', 'BillCycleDay', 'Status'], properties: accountProperties };
export const crudAccountUpdateSchema: AnySchema = { type: 'object', properties: accountProperties };

type Body = Record<string, unknown>;

function accountInput(ctx: RequestContext): Record<string, unknown> {
  const body = ctx.body as Body;
  const input = crudInput(body, accountProperties, ctx.query, 'Account', ACCOUNT_RENAMES);
  if (typeof input.additionalEmailAddresses === 'string') {
    input.additionalEmailAddresses = input.additionalEmailAddresses.split(',').map((address) => address.trim()).filter(Boolean);
  }
  return input;
}

function setDefault(tx: Transaction, accountId: string, body: Body): void {
  if (typeof body.DefaultPaymentMethodId === 'string') setDefaultPaymentMethod(tx, accountId, body.DefaultPaymentMethodId);
}

export async function postCrudAccount(ctx: RequestContext): Promise<Reply> {
  const { billToId: _billTo, soldToId: _soldTo, ...input } = accountInput(ctx);
  const body = ctx.body as Body;
  // The contacts are created after the account, with its id: only a Draft account can be created.
  if (body.Status !== 'Draft') throw missingField('Account', 'BillToId');
  const account = await ctx.services.store.transact(ctx.tenant, (tx) => {
    const created = createAccount(tx, input as unknown as NewAccountInput).account;
    setDefault(tx, created.id, body);
    return created;
  });
  return crudSaved(account.id);
}

export async function putCrudAccount(ctx: RequestContext): Promise<Reply> {
  const patch = accountInput(ctx) as AccountPatch;
  const account = await ctx.services.store.transact(ctx.tenant, (tx) => {
    const updated = updateAccount(tx, ctx.params.id ?? '', patch).account;
    setDefault(tx, updated.id, ctx.body as Body);
    return updated;
  });
  return crudSaved(account.id);
}

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/** ProxyCreateContact's fields. */
const contactProperties = {
  AccountId: str,
  Address1: text(255),
  Address2: text(255),
  City: text(40),
  Country: text(64),
  County: text(32),
  Description: text(100),
  Fax: text(40),
  FirstName: { type: 'string', minLength: 1, maxLength: 100 },
  HomePhone: text(40),
  LastName: { type: 'string', minLength: 1, maxLength: 100 },
  MobilePhone: text(40),
  NickName: text(100),
  OtherPhone: text(40),
  OtherPhoneType: { enum: ['Work', 'Mobile', 'Home', 'Other'] },
  PersonalEmail: text(80),
  PostalCode: text(20),
  State: text(40),
  TaxRegion: text(32),
  WorkEmail: text(80),
  WorkPhone: text(40),
} as const;

export const crudContactCreateSchema: AnySchema = { type: 'object', required: ['AccountId', 'FirstName', 'LastName'], properties: contactProperties };
export const crudContactUpdateSchema: AnySchema = { type: 'object', properties: contactProperties };

function contactInput(ctx: RequestContext): ContactInput {
  return crudInput<ContactInput>(ctx.body as Body, contactProperties, ctx.query, 'Contact', { AccountId: null, NickName: 'nickname' });
}

export async function postCrudContact(ctx: RequestContext): Promise<Reply> {
  const input = contactInput(ctx);
  const accountId = String((ctx.body as Body).AccountId);
  const { contact } = await ctx.services.store.transact(ctx.tenant, (tx) => addContact(tx, accountId, input, {}));
  return crudSaved(contact.id);
}

export async function putCrudContact(ctx: RequestContext): Promise<Reply> {
  const input = contactInput(ctx);
  const { contact } = await ctx.services.store.transact(ctx.tenant, (tx) => editContact(tx, ctx.params.id ?? '', input, {}));
  return crudSaved(contact.id);
}

export async function deleteCrudContact(ctx: RequestContext): Promise<Reply> {
  const contact = await ctx.services.store.transact(ctx.tenant, (tx) => removeContact(tx, ctx.params.id ?? ''));
  return crudDeleted(contact.id);
}
