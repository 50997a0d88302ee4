import type { ReadView, Transaction } from '../state/transaction.js';
import { ACCOUNTS, getAccount, type Account } from './accounts.js';
import { CONTACTS, createContact, updateContact, type Contact, type ContactInput } from './contacts.js';
import { conflict, notFound, referenced } from './errors.js';

// Contacts as objects of their own (V1 /v1/contacts): added to an account, edited, and made its
// bill-to or sold-to contact.

export interface ContactRoles {
  asBillTo?: boolean;
  asSoldTo?: boolean;
}

export interface ContactWithAccount {
  contact: Contact;
  account: Account;
}

export function getContactWithAccount(view: ReadView, id: string): ContactWithAccount {
  const contact = view.get<Contact>(CONTACTS, id);
  const account = contact && view.get<Account>(ACCOUNTS, contact.accountId);
  if (!contact || !account) throw notFound(CONTACTS, id, 'contactId');
  return { contact, account };
}

/** Makes the contact the account's bill-to and/or sold-to contact; a role is never taken away by `false`. */
function assignRoles(tx: Transaction, account: Account, contactId: string, roles: ContactRoles): void {
  const patch: Partial<Account> = {};
  if (roles.asBillTo) patch.billToId = contactId;
  if (roles.asSoldTo) patch.soldToId = contactId;
  if (Object.keys(patch).length > 0) tx.update<Account>(ACCOUNTS, account.id, { ...patch, updatedDate: tx.now().toISOString() });
}

export function addContact(tx: Transaction, accountKey: string, input: ContactInput, roles: ContactRoles): ContactWithAccount {
  const account = referenced(() => getAccount(tx, accountKey), CONTACTS, 'accountId', `Account '${accountKey}'`);
  const contact = createContact(tx, account.id, input, 'contact');
  assignRoles(tx, account, contact.id, roles);
  return getContactWithAccount(tx, contact.id);
}

export function editContact(tx: Transaction, id: string, patch: ContactInput, roles: ContactRoles): ContactWithAccount {
  const { account } = getContactWithAccount(tx, id);
  const isBillTo = account.billToId === id;
  const isSoldTo = account.soldToId === id;
  if ((roles.asBillTo === false && isBillTo) || (roles.asSoldTo === false && isSoldTo)) {
    throw conflict(CONTACTS, 'An account keeps a bill-to and a sold-to contact: make another contact take the role instead', 'asBillTo');
  }
  updateContact(tx, id, patch, 'contact');
  assignRoles(tx, account, id, roles);
  return getContactWithAccount(tx, id);
}

/** A contact goes unless it is its account's bill-to or sold-to contact, which Zuora keeps. */
export function removeContact(tx: Transaction, id: string): Contact {
  const { contact, account } = getContactWithAccount(tx, id);
  if (account.billToId === id || account.soldToId === id) {
    throw conflict(CONTACTS, `Contact ${id} is the bill-to or sold-to contact of account ${account.accountNumber} and cannot be deleted`, 'id');
  }
  tx.remove(CONTACTS, id);
  return contact;
}
