import { ACCOUNTS, type Account } from '../domain/accounts.js';
import { CONTACTS } from '../domain/contacts.js';
import { INVOICES } from '../domain/invoices/model.js';
import { ORDERS } from '../domain/orders/model.js';
import { PAYMENT_METHODS, PAYMENTS, REFUNDS, type Payment, type PaymentMethod } from '../domain/payments/model.js';
import { SUBSCRIPTIONS } from '../domain/subscriptions/model.js';
import { tenantEntityId } from '../http/auth.js';
import type { StoredRecord } from '../state/document.js';
import type { PendingChange, ReadView } from '../state/transaction.js';
import { keptAnswers } from '../keptAnswers.js';
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

type Fields = Record<string, unknown>;

/** Names in lower case, kept: every callout compares the same few names again. */
export const lowerCase = keptAnswers((name) => name.toLowerCase(), 5000);

/**
 * An event's data sources in Zuora's order, each worked out when first read, then kept. Building
 * every joined object for every event cost more than the rest of raising it, and a template reads
 * one or two of them. A legacy merge field reads one source by name (`like`); Mustache templates
 * and filter rules read them as one object (`all`), built only for them: an object with a lazy
 * property per source cost more than the rest of rendering a callout.
 */
export class DataSources {
  private readonly names: string[] = [];
  private readonly builds: (() => Fields)[] = [];
  private readonly kept: (Fields | undefined)[] = [];
  private whole: Record<string, Fields> | undefined;

  /** Adds the source `name`; a name added before is replaced in its place (a Payment by its fuller fields). */
  set(name: string, build: () => Fields): void {
    const at = this.names.indexOf(name);
    if (at !== -1) {
      this.builds[at] = build;
      // What the replaced source worked out, if it was read already, is not the new one's.
      this.kept[at] = undefined;
      return;
    }
    this.names.push(name);
    this.builds.push(build);
    this.kept.push(undefined);
  }

  /** The first source whose name is `name` regardless of case (Zuora's legacy merge fields), if any. */
  like(name: string): Fields | undefined {
    const wanted = lowerCase(name);
    for (let at = 0; at < this.names.length; at += 1) if (lowerCase(this.names[at] as string) === wanted) return this.read(at);
    return undefined;
  }

  /**
   * Every source as a property of one object, in order, each worked out when first read. The
   * properties are there (and enumerable, in their places) from the start, so spreading or listing
   * them sees exactly what building them all at once did. They stay getters (of the kept value):
   * turning one into a plain value on first read reshaped the whole object, slower to read after.
   */
  get all(): Record<string, Fields> {
    if (this.whole) return this.whole;
    const whole: Record<string, Fields> = {};
    this.names.forEach((name, at) => Object.defineProperty(whole, name, { enumerable: true, configurable: true, get: () => this.read(at) }));
    return (this.whole = whole);
  }

  private read(at: number): Fields {
    let value = this.kept[at];
    if (value === undefined) {
      value = (this.builds[at] as () => Fields)();
      this.kept[at] = value;
    }
    return value;
  }
}

/**
 * An account's default payment method when it has none: one object for every such event, so the
 * merge fields that read it (nine in the standard account callout) find its keys kept from the
 * first (mergeFields.ts nameLike) rather than looked up afresh on a new object each time.
 */
const NO_PAYMENT_METHOD: Readonly<Fields> = Object.freeze({ Id: null, ID: null });

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

/** A stored record's fields under `name`, when the record exists (a record always has fields). */
function lazyRecord(data: DataSources, view: ReadView, name: string, collection: string, id: unknown): void {
  const record = typeof id === 'string' ? view.get<StoredRecord>(collection, id) : undefined;
  if (record) data.set(name, () => zuoraFields(record));
}

/** Account, its contacts and default payment method; the base object keeps its own place and fields. */
function accountSources(data: DataSources, view: ReadView, account: Account, baseObject: string): void {
  if (baseObject !== ACCOUNTS) data.set('Account', () => zuoraFields(account as unknown as StoredRecord));
  for (const [name, contactId] of [
    ['BillToContact', account.billToId],
    ['SoldToContact', account.soldToId],
  ] as const) {
    if (name === baseObject) continue;
    data.set(name, () => (typeof contactId === 'string' ? zuoraFields(view.get<StoredRecord>(CONTACTS, contactId)) : {}));
  }
  if (baseObject === 'DefaultPaymentMethod') return;
  const method = account.defaultPaymentMethodId ? view.get<PaymentMethod>(PAYMENT_METHODS, account.defaultPaymentMethodId) : undefined;
  data.set('DefaultPaymentMethod', () => (method ? paymentMethodFields(method) : NO_PAYMENT_METHOD));
}

/** The objects joined to the base object itself (beyond its account). */
function relatedSources(data: DataSources, view: ReadView, object: string, record: StoredRecord): void {
  if (object === 'Payment') {
    const payment = record as unknown as Payment;
    const parts = payment.paymentParts.map((part) => ({ InvoiceId: part.invoiceId, Amount: part.amount }));
    data.set('Payment', () => ({ ...zuoraFields(record), PaymentParts: parts, InvoiceId: parts[0]?.InvoiceId ?? null }));
    const method = payment.paymentMethodId ? view.get<PaymentMethod>(PAYMENT_METHODS, payment.paymentMethodId) : undefined;
    if (method) data.set('PaymentMethod', () => paymentMethodFields(method));
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
  const data = new DataSources();
  data.set(change.object, () => zuoraFields(record));
  const accountId = accountIdOf(change.object, record);
  const account = accountId ? view.get<Account>(ACCOUNTS, accountId) : undefined;
  if (account) accountSources(data, view, account, change.object);
  relatedSources(data, view, change.object, record);
  const entity = tenantEntityId(view.tenant);
  const fields = { Id: entity, ID: entity };
  data.set('Entity', () => fields);
  return data;
}
