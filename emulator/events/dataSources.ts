import { ACCOUNTS, type Account } from '../domain/accounts.js';
import { CONTACTS } from '../domain/contacts.js';
import { INVOICES } from '../domain/invoices/model.js';
import { ORDERS } from '../domain/orders/model.js';
import { PAYMENT_METHODS, PAYMENTS, REFUNDS, type Payment, type PaymentMethod } from '../domain/payments/model.js';
import { SUBSCRIPTIONS } from '../domain/subscriptions/model.js';
import { tenantEntityId } from '../http/auth.js';
import type { StoredRecord } from '../state/document.js';
import type { PendingChange, ReadView } from '../state/transaction.js';
import { zuoraFields } from './fieldNames.js';

// The data an event's merge fields read, as Zuora's data sources join it: the changed record under
// its object name with every field it has, and the objects Zuora joins to that base object:
// - every object of an account: Account, BillToContact, SoldToContact, DefaultPaymentMethod;
// - a payment: the PaymentMethod it was made with, the Invoice it paid first (and PaymentParts);
// - a subscription: the Order that wrote the version;
// - an invoice item, rate plan charge or usage record: its Subscription; an invoice item: its Invoice;
// - every event: Entity (the tenant).
// A merge field naming an object outside the data source is left in the text as written; a field
// the object does not have renders empty (see mergeFields.ts).

type DataSources = Record<string, Record<string, unknown>>;

/** A payment method as the data sources show it: the card's mask, never its number. */
function paymentMethodFields(method: PaymentMethod): Record<string, unknown> {
  return {
    ...zuoraFields(method as unknown as StoredRecord),
    Type: method.type,
    CreditCardMaskNumber: method.creditCardLast4 ? `************${method.creditCardLast4}` : null,
    BankName: null,
  };
}

/** The account a record belongs to, by whichever field the object links it with. */
function accountIdOf(object: string, record: StoredRecord): string | undefined {
  if (object === ACCOUNTS) return record.id;
  const id = record.accountId ?? record.invoiceOwnerId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Sets `name` on `data` to be worked out when first read, then kept. Building every joined object
 * for every event cost more than the rest of raising it, and a template reads one or two of them.
 * The property is there (and enumerable, in its place) from the start, so spreading or listing the
 * data sources sees exactly what building them all at once did. It stays a getter (of the kept
 * value): turning it into a plain value on first read reshaped the whole object, slower to read after.
 */
function lazy(data: DataSources, name: string, build: () => Record<string, unknown>): void {
  let value: Record<string, unknown> | undefined;
  Object.defineProperty(data, name, { enumerable: true, configurable: true, get: () => (value ??= build()) });
}

/** A stored record's fields under `name`, when the record exists (a record always has fields). */
function lazyRecord(data: DataSources, view: ReadView, name: string, collection: string, id: unknown): void {
  const record = typeof id === 'string' ? view.get<StoredRecord>(collection, id) : undefined;
  if (record) lazy(data, name, () => zuoraFields(record));
}

/** Account, its contacts and default payment method; the base object keeps its own place and fields. */
function accountSources(data: DataSources, view: ReadView, account: Account, baseObject: string): void {
  if (baseObject !== ACCOUNTS) lazy(data, 'Account', () => zuoraFields(account as unknown as StoredRecord));
  for (const [name, contactId] of [
    ['BillToContact', account.billToId],
    ['SoldToContact', account.soldToId],
  ] as const) {
    if (name === baseObject) continue;
    lazy(data, name, () => (typeof contactId === 'string' ? zuoraFields(view.get<StoredRecord>(CONTACTS, contactId)) : {}));
  }
  if (baseObject === 'DefaultPaymentMethod') return;
  const method = account.defaultPaymentMethodId ? view.get<PaymentMethod>(PAYMENT_METHODS, account.defaultPaymentMethodId) : undefined;
  lazy(data, 'DefaultPaymentMethod', () => (method ? paymentMethodFields(method) : { Id: null, ID: null }));
}

/** The objects joined to the base object itself (beyond its account). */
function relatedSources(data: DataSources, view: ReadView, object: string, record: StoredRecord): void {
  if (object === 'Payment') {
    const payment = record as unknown as Payment;
    const parts = payment.paymentParts.map((part) => ({ InvoiceId: part.invoiceId, Amount: part.amount }));
    lazy(data, 'Payment', () => ({ ...zuoraFields(record), PaymentParts: parts, InvoiceId: parts[0]?.InvoiceId ?? null }));
    const method = payment.paymentMethodId ? view.get<PaymentMethod>(PAYMENT_METHODS, payment.paymentMethodId) : undefined;
    if (method) lazy(data, 'PaymentMethod', () => paymentMethodFields(method));
    lazyRecord(data, view, 'Invoice', INVOICES, parts[0]?.InvoiceId);
  }
  if (object === SUBSCRIPTIONS) lazyRecord(data, view, 'Order', ORDERS, record.orderId);
  if (record.subscriptionId !== undefined && object !== SUBSCRIPTIONS) lazyRecord(data, view, 'Subscription', SUBSCRIPTIONS, record.subscriptionId);
  if (object === 'InvoiceItem') lazyRecord(data, view, 'Invoice', INVOICES, record.invoiceId);
  if (object === REFUNDS) lazyRecord(data, view, 'Payment', PAYMENTS, record.paymentId);
}

/** The event's data sources, each built when a merge field, filter or condition first reads it. */
export function eventDataSources(view: ReadView, change: PendingChange): DataSources {
  const record = (change.after ?? change.before) as StoredRecord;
  const data: DataSources = {};
  lazy(data, change.object, () => zuoraFields(record));
  const accountId = accountIdOf(change.object, record);
  const account = accountId ? view.get<Account>(ACCOUNTS, accountId) : undefined;
  if (account) accountSources(data, view, account, change.object);
  relatedSources(data, view, change.object, record);
  const entity = tenantEntityId(view.tenant);
  data.Entity = { Id: entity, ID: entity };
  return data;
}
