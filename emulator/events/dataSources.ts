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

const stored = (view: ReadView, collection: string, id: unknown): Record<string, unknown> | undefined =>
  typeof id === 'string' ? zuoraFields(view.get<StoredRecord>(collection, id)) : undefined;

/** Account, its contacts and default payment method. */
function accountSources(view: ReadView, account: Account): DataSources {
  const method = account.defaultPaymentMethodId ? view.get<PaymentMethod>(PAYMENT_METHODS, account.defaultPaymentMethodId) : undefined;
  return {
    Account: zuoraFields(account as unknown as StoredRecord),
    BillToContact: stored(view, CONTACTS, account.billToId) ?? {},
    SoldToContact: stored(view, CONTACTS, account.soldToId) ?? {},
    DefaultPaymentMethod: method ? paymentMethodFields(method) : { Id: null, ID: null },
  };
}

/** The objects joined to the base object itself (beyond its account). */
function relatedSources(view: ReadView, object: string, record: StoredRecord, data: DataSources): DataSources {
  const related: DataSources = {};
  const add = (name: string, value: Record<string, unknown> | undefined) => {
    if (value && Object.keys(value).length > 0) related[name] = value;
  };
  if (object === 'Payment') {
    const payment = record as unknown as Payment;
    const parts = payment.paymentParts.map((part) => ({ InvoiceId: part.invoiceId, Amount: part.amount }));
    related.Payment = { ...data.Payment, PaymentParts: parts, InvoiceId: parts[0]?.InvoiceId ?? null };
    const method = payment.paymentMethodId ? view.get<PaymentMethod>(PAYMENT_METHODS, payment.paymentMethodId) : undefined;
    if (method) related.PaymentMethod = paymentMethodFields(method);
    add('Invoice', stored(view, INVOICES, parts[0]?.InvoiceId));
  }
  if (object === SUBSCRIPTIONS) add('Order', stored(view, ORDERS, record.orderId));
  if (record.subscriptionId !== undefined && object !== SUBSCRIPTIONS) add('Subscription', stored(view, SUBSCRIPTIONS, record.subscriptionId));
  if (object === 'InvoiceItem') add('Invoice', stored(view, INVOICES, record.invoiceId));
  if (object === REFUNDS) add('Payment', stored(view, PAYMENTS, record.paymentId));
  return related;
}

export function eventDataSources(view: ReadView, change: PendingChange): DataSources {
  const record = (change.after ?? change.before) as StoredRecord;
  const data: DataSources = { [change.object]: zuoraFields(record) };
  const accountId = accountIdOf(change.object, record);
  const account = accountId ? view.get<Account>(ACCOUNTS, accountId) : undefined;
  // The base object's own fields win over a joined object of the same name (an Account event's Account).
  if (account) Object.assign(data, accountSources(view, account), { [change.object]: data[change.object] });
  Object.assign(data, relatedSources(view, change.object, record, data));
  const entity = tenantEntityId(view.tenant);
  data.Entity = { Id: entity, ID: entity };
  return data;
}
