import { apiUserId } from '../state/ids.js';
import { extend } from '../state/paths.js';
import type { ReadView, Transaction } from '../state/transaction.js';
import { CONTACTS, createContact, updateContact, type Contact, type ContactInput } from './contacts.js';
import { checkCustomFields, type CustomFields } from './customFields.js';
import { conflict, invalidValue, missingField, notFound } from './errors.js';
import { DEFAULT_PAYMENT_TERM, findPaymentTerm } from './paymentTerms.js';
import { roundMoney } from './billing/rating.js';

export const ACCOUNTS = 'Account';

export const ACCOUNT_STATUSES = ['Draft', 'Active', 'Canceled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Settable account fields, named as Zuora's Account object names them (camelCase). */
export interface AccountFields {
  accountNumber?: string;
  name?: string;
  currency?: string;
  billCycleDay?: number;
  autoPay?: boolean;
  paymentTerm?: string;
  status?: AccountStatus;
  batch?: string;
  notes?: string;
  crmId?: string;
  salesRep?: string;
  parentId?: string;
  communicationProfileId?: string;
  invoiceTemplateId?: string;
  creditMemoTemplateId?: string;
  debitMemoTemplateId?: string;
  sequenceSetId?: string;
  paymentGateway?: string | null;
  paymentGatewayNumber?: string | null;
  purchaseOrderNumber?: string;
  customerServiceRepName?: string;
  partnerAccount?: boolean;
  defaultPaymentMethodId?: string | null;
  invoiceDeliveryPrefsEmail?: boolean;
  invoiceDeliveryPrefsPrint?: boolean;
  additionalEmailAddresses?: string[];
  taxInfo?: Readonly<Record<string, unknown>>;
  customFields?: CustomFields;
}

export interface NewAccountInput extends AccountFields {
  name: string;
  currency: string;
  /** Optional only for a Draft account (CRUD creates the account first, its contacts after). */
  billTo?: ContactInput;
  soldTo?: ContactInput;
}

export interface AccountPatch extends AccountFields {
  billTo?: ContactInput;
  soldTo?: ContactInput;
  /** Existing contacts of the account to bill to or sell to (the CRUD way of naming them). */
  billToId?: string;
  soldToId?: string;
}

export type Account = AccountFields & {
  id: string;
  accountNumber: string;
  name: string;
  currency: string;
  billCycleDay: number;
  bcdSettingOption: 'ManualSet' | 'AutoSet';
  autoPay: boolean;
  paymentTerm: string;
  status: AccountStatus;
  batch: string;
  defaultPaymentMethodId: string | null;
  invoiceDeliveryPrefsEmail: boolean;
  invoiceDeliveryPrefsPrint: boolean;
  /** Null on a Draft account created (through CRUD) before its contacts. */
  billToId: string | null;
  soldToId: string | null;
  /** What the account owes: its posted invoices' balances less the credit memo credit not yet applied. */
  balance: number;
  creditBalance: number;
  /** Credit memo credit not yet applied to invoices (absent on accounts stored before credit memos). */
  unappliedCreditMemoAmount?: number;
  customFields: CustomFields;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};

export interface AccountWithContacts {
  account: Account;
  /** Null only on a Draft account whose contacts are not yet named. */
  billTo: Contact | null;
  soldTo: Contact | null;
}

/** What the account's posted invoices still owe (its balance before credit memo credit). */
export const invoiceBalanceOf = (account: Account): number => roundMoney(account.balance + (account.unappliedCreditMemoAmount ?? 0));

export function createAccount(tx: Transaction, input: NewAccountInput): AccountWithContacts {
  const fields = checkAccountFields(tx, input);
  const accountNumber = tx.givenOrNextNumber('account', input.accountNumber, (number) => !!findAccountByNumber(tx, number), () =>
    conflict(ACCOUNTS, `An account with number '${input.accountNumber}' already exists`, 'account_number'),
  );
  if (!input.billTo && (input.status ?? 'Active') !== 'Draft') throw missingField(ACCOUNTS, 'bill_to');
  const id = tx.newId();
  const billTo = input.billTo ? createContact(tx, id, input.billTo, 'bill_to') : null;
  const soldTo = input.soldTo ? createContact(tx, id, input.soldTo, 'sold_to') : billTo;
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  // The input's members less its contacts, then `fields` over them, then the record's own, in one
  // `extend` (not a spread: see there why). `fields` holds no contact.
  const { billTo: _billTo, soldTo: _soldTo, ...rest } = input;
  const account = tx.insert<Account>(ACCOUNTS, extend(rest, fields, {
    id,
    accountNumber,
    billCycleDay: input.billCycleDay ?? 0,
    bcdSettingOption: input.billCycleDay ? ('ManualSet' as const) : ('AutoSet' as const),
    autoPay: input.autoPay ?? false,
    paymentTerm: fields.paymentTerm ?? DEFAULT_PAYMENT_TERM,
    status: input.status ?? 'Active',
    batch: input.batch ?? 'Batch1',
    defaultPaymentMethodId: input.defaultPaymentMethodId ?? null,
    invoiceDeliveryPrefsEmail: input.invoiceDeliveryPrefsEmail ?? false,
    invoiceDeliveryPrefsPrint: input.invoiceDeliveryPrefsPrint ?? false,
    billToId: billTo?.id ?? null,
    soldToId: soldTo?.id ?? null,
    balance: 0,
    creditBalance: 0,
    customFields: fields.customFields ?? {},
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  }));
  return { account, billTo, soldTo };
}

export function updateAccount(tx: Transaction, key: string, patch: AccountPatch): AccountWithContacts {
  const current = getAccount(tx, key);
  const fields = checkAccountFields(tx, patch, current);
  if (patch.accountNumber && patch.accountNumber !== current.accountNumber && findAccountByNumber(tx, patch.accountNumber)) {
    throw conflict(ACCOUNTS, `An account with number '${patch.accountNumber}' already exists`, 'account_number');
  }
  let billToId = patch.billToId !== undefined ? contactOf(tx, current, patch.billToId, 'bill_to_id') : current.billToId;
  let soldToId = patch.soldToId !== undefined ? contactOf(tx, current, patch.soldToId, 'sold_to_id') : current.soldToId;
  if (patch.billTo) {
    billToId = billToId === null ? createContact(tx, current.id, patch.billTo, 'bill_to').id : updateContact(tx, billToId, patch.billTo, 'bill_to').id;
  }
  if (patch.soldTo) {
    // Until sold-to is given separately it is the bill-to contact; editing it must not edit bill-to.
    soldToId =
      soldToId === null || soldToId === billToId
        ? createContact(tx, current.id, { ...contactFields(soldToId === null ? undefined : tx.get<Contact>(CONTACTS, soldToId)), ...patch.soldTo }, 'sold_to').id
        : updateContact(tx, soldToId, patch.soldTo, 'sold_to').id;
  }
  if ((patch.status ?? current.status) !== 'Draft' && (billToId === null || soldToId === null)) {
    throw conflict(ACCOUNTS, 'An account needs a bill-to and a sold-to contact before it is Active', billToId === null ? 'bill_to_id' : 'sold_to_id');
  }
  const { billTo: _billTo, soldTo: _soldTo, ...rest } = { ...patch, ...fields };
  const changesBcd = patch.billCycleDay !== undefined ? { bcdSettingOption: 'ManualSet' as const } : {};
  tx.update<Account>(ACCOUNTS, current.id, {
    ...rest,
    ...changesBcd,
    billToId,
    soldToId,
    customFields: { ...current.customFields, ...(fields.customFields ?? {}) },
    updatedById: apiUserId(tx.tenant),
    updatedDate: tx.now().toISOString(),
  });
  return withContacts(tx, current.id);
}

/** Finds an account by id or by account number, as Zuora's account-key parameters allow. */
export function getAccount(view: ReadView, key: string): Account {
  const account = view.get<Account>(ACCOUNTS, key) ?? findAccountByNumber(view, key);
  if (!account) throw notFound(ACCOUNTS, key, 'account_key');
  return account;
}

export function withContacts(view: ReadView, key: string): AccountWithContacts {
  const account = getAccount(view, key);
  const contact = (id: string | null): Contact | null => {
    if (id === null) return null;
    const found = view.get<Contact>(CONTACTS, id);
    if (!found) throw new Error(`account ${account.id} has lost a contact`);
    return found;
  };
  return { account, billTo: contact(account.billToId), soldTo: contact(account.soldToId) };
}

/** Every account in creation order, read lazily. */
export function listAccounts(view: ReadView): Generator<Account> {
  return view.scan<Account>(ACCOUNTS);
}

/** A contact named as the account's bill-to or sold-to must be one of the account's own. */
function contactOf(view: ReadView, account: Account, id: string, field: string): string {
  const contact = view.get<Contact>(CONTACTS, id);
  if (!contact || contact.accountId !== account.id) throw invalidValue(ACCOUNTS, field, `Contact '${id}' is not a contact of account ${account.accountNumber}`);
  return contact.id;
}

function findAccountByNumber(view: ReadView, accountNumber: string): Account | undefined {
  return view.findBy<Account>(ACCOUNTS, 'accountNumber', accountNumber);
}

function contactFields(contact: Contact | undefined): ContactInput {
  if (!contact) return {};
  const { id: _id, accountId: _accountId, createdDate: _created, updatedDate: _updated, ...fields } = contact;
  return fields;
}

/** Business rules shared by create and update; returns the normalised values. */
function checkAccountFields(tx: Transaction, input: AccountFields, current?: Account): AccountFields {
  const normalised: AccountFields = {};
  if (input.currency !== undefined) {
    if (!/^[A-Z]{3}$/.test(input.currency)) {
      throw invalidValue(ACCOUNTS, 'currency', `'currency' must be a three-letter ISO code, got '${input.currency}'`);
    }
    if (current && input.currency !== current.currency && current.balance !== 0) {
      throw conflict(ACCOUNTS, 'The currency of an account with a balance cannot change', 'currency');
    }
  }
  if (input.billCycleDay !== undefined && (input.billCycleDay < 0 || input.billCycleDay > 31)) {
    throw invalidValue(ACCOUNTS, 'bill_cycle_day', "'bill_cycle_day' must be between 0 and 31");
  }
  if (input.paymentTerm !== undefined) {
    const term = findPaymentTerm(input.paymentTerm);
    if (!term?.active) {
      throw invalidValue(ACCOUNTS, 'payment_terms', `Payment term '${input.paymentTerm}' does not exist`);
    }
    normalised.paymentTerm = term.name;
  }
  if (input.parentId !== undefined) {
    const parent = tx.get<Account>(ACCOUNTS, input.parentId);
    if (!parent || parent.id === current?.id) {
      throw invalidValue(ACCOUNTS, 'parent_account_id', `Parent account '${input.parentId}' does not exist`);
    }
  }
  if (input.customFields) normalised.customFields = checkCustomFields(tx, ACCOUNTS, input.customFields, 'custom_fields.');
  return normalised;
}
