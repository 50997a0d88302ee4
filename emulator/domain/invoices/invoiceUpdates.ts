import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { ACCOUNTS, type Account } from '../accounts.js';
import { CONTACTS, type Contact } from '../contacts.js';
import { conflict, invalidValue } from '../errors.js';
import { getInvoice } from './invoicing.js';
import { INVOICES, type Invoice } from './model.js';

// Changes to an invoice after it was made: its due date, comments and accounting transfer flag,
// and the invoice emails Zuora sends, kept in an outbox so tests can read what was sent.

export const TRANSFER_STATES = ['Processing', 'Yes', 'Error', 'Ignore', 'No'] as const;

export interface InvoicePatch {
  dueDate?: string;
  comments?: string;
  transferredToAccounting?: (typeof TRANSFER_STATES)[number];
}

export function updateInvoice(tx: Transaction, key: string, patch: InvoicePatch): Invoice {
  const invoice = getInvoice(tx, key);
  if (invoice.status === 'Canceled') throw conflict(INVOICES, `Invoice ${invoice.invoiceNumber} is Canceled and cannot change`, 'invoiceKey');
  if (patch.dueDate !== undefined && patch.dueDate < invoice.invoiceDate) {
    throw invalidValue(INVOICES, 'dueDate', `The due date cannot be before the invoice date (${invoice.invoiceDate})`);
  }
  return tx.update<Invoice>(INVOICES, invoice.id, { ...patch, updatedById: apiUserId(tx.tenant), updatedDate: tx.now().toISOString() });
}

/** The emulator's record of invoice emails; an internal collection, so it raises no events. */
export const OUTBOX = '_Outbox';

export interface OutboxEmail {
  id: string;
  to: string[];
  subject: string;
  invoiceNumber: string;
  sentAt: string;
}

export interface EmailRequest {
  /** Comma-separated addresses; the bill-to contact's work email otherwise. */
  emailAddresses?: string;
  includeAdditionalEmailAddresses?: boolean;
}

export function emailInvoice(tx: Transaction, key: string, request: EmailRequest): OutboxEmail {
  const invoice = getInvoice(tx, key);
  if (invoice.status !== 'Posted') throw conflict(INVOICES, `Invoice ${invoice.invoiceNumber} is ${invoice.status}; only posted invoices are emailed`, 'invoiceKey');
  const account = tx.get<Account>(ACCOUNTS, invoice.accountId) as Account;
  const given = (request.emailAddresses ?? '').split(',').map((address) => address.trim()).filter(Boolean);
  const billTo = account.billToId === null ? undefined : tx.get<Contact>(CONTACTS, account.billToId)?.workEmail;
  const additional = request.includeAdditionalEmailAddresses ? (account.additionalEmailAddresses ?? []) : [];
  const to = [...new Set([...(given.length > 0 ? given : billTo ? [billTo] : []), ...additional])];
  for (const address of to) {
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) throw invalidValue(INVOICES, 'emailAddresses', `'${address}' is not an email address`);
  }
  if (to.length === 0) throw invalidValue(INVOICES, 'emailAddresses', 'No email address: the bill-to contact has no work email and none was given');
  const sentAt = tx.now().toISOString();
  tx.update<Invoice>(INVOICES, invoice.id, { lastEmailSentDate: sentAt, updatedDate: sentAt });
  return tx.insert<OutboxEmail>(OUTBOX, { id: tx.newId(), to, subject: `Invoice ${invoice.invoiceNumber} from ${account.name}`, invoiceNumber: invoice.invoiceNumber, sentAt });
}

export function outbox(view: ReadView): OutboxEmail[] {
  return view.all<OutboxEmail>(OUTBOX);
}
