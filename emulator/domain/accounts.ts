import { apiUserId } from '../state/ids.js';
import type { ReadView, Transaction } from '../state/transaction.js';
import { CONTACTS, createContact, updateContact, type Contact, type ContactInput } from './contacts.js';
import { checkCustomFields, type CustomFields } from './customFields.js';
import { conflict, invalidValue, notFound } from './errors.js';
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
  billTo: ContactInput;
  soldTo?: ContactInput;
}

export interface AccountPatch extends AccountFields {
  billTo?: ContactInput;
  soldTo?: ContactInput;
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
  billToId: string;
  soldToId: string;
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
  billTo: Contact;
  soldTo: Contact;
}

/** What the account's posted invoices still owe (its balance before credit memo credit). */
export const invoiceBalanceOf = (account: Account): number => roundMoney(account.balance + (account.unappliedCreditMemoAmount ?? 0));

export function createAccount(tx: Transaction, input: NewAccountInput): AccountWithContacts {
  const fields = checkAccountFields(tx, input);
  const accountNumber = input.accountNumber ?? tx.nextFreeNumber('account', (number) => !!findAccountByNumber(tx, number));
  if (findAccountByNumber(tx, accountNumber)) {
    throw conflict(ACCOUNTS, `An account with number '${accountNumber}' already exists`, 'account_number');
  }
  const id = tx.newId();
  const billTo = createContact(tx, id, input.billTo, 'bill_to');
  const soldTo = input.soldTo ? createContact(tx, id, input.soldTo, 'sold_to') : billTo;
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  const { billTo: _billTo, soldTo: _soldTo, ...rest } = { ...input, ...fields };
  const account = tx.insert<Account>(ACCOUNTS, {
    ...rest,
    id,
    accountNumber,
    billCycleDay: input.billCycleDay ?? 0,
    bcdSettingOption: input.billCycleDay ? 'ManualSet' : 'AutoSet',
    autoPay: input.autoPay ?? false,
    paymentTerm: fields.paymentTerm ?? DEFAULT_PAYMENT_TERM,
    status: input.status ?? 'Active',
    batch: input.batch ?? 'Batch1',
    defaultPaymentMethodId: input.defaultPaymentMethodId ?? null,
    invoiceDeliveryPrefsEmail: input.invoiceDeliveryPrefsEmail ?? false,
    invoiceDeliveryPrefsPrint: input.invoiceDeliveryPrefsPrint ?? false,
    billToId: billTo.id,
    soldToId: soldTo.id,
    balance: 0,
    creditBalance: 0,
    customFields: fields.customFields ?? {},
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
  return { account, billTo, soldTo };
}

export function updateAccount(tx: Transaction, key: string, patch: AccountPatch): AccountWithContacts {
  const current = getAccount(tx, key);
  const fields = checkAccountFields(tx, patch, current);
  if (patch.accountNumber && patch.accountNumber !== current.accountNumber && findAccountByNumber(tx, patch.accountNumber)) {
    throw conflict(ACCOUNTS, `An account with number '${patch.accountNumber}' already exists`, 'account_number');
  }
  if (patch.billTo) updateContact(tx, current.billToId, patch.billTo, 'bill_to');
  let soldToId = current.soldToId;
  if (patch.soldTo) {
    // Until sold-to is given separately it is the bill-to contact; editing it must not edit bill-to.
    soldToId =
      soldToId === current.billToId
        ? createContact(tx, current.id, { ...contactFields(tx.get<Contact>(CONTACTS, soldToId)), ...patch.soldTo }, 'sold_to').id
        : updateContact(tx, soldToId, patch.soldTo, 'sold_to').id;
  }
  const { billTo: _billTo, soldTo: _soldTo, ...rest } = { ...patch, ...fields };
  const changesBcd = patch.billCycleDay !== undefined ? { bcdSettingOption: 'ManualSet' as const } : {};
  tx.update<Account>(ACCOUNTS, current.id, {
    ...rest,
    ...changesBcd,
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
  const billTo = view.get<Contact>(CONTACTS, account.billToId);
  const soldTo = view.get<Contact>(CONTACTS, account.soldToId);
  if (!billTo || !soldTo) throw new Error(`account ${account.id} has lost a contact`);
  return { account, billTo, soldTo };
}

/** Every account in creation order, read lazily. */
export function listAccounts(view: ReadView): Generator<Account> {
  return view.scan<Account>(ACCOUNTS);
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
