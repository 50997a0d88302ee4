import { ACCOUNTS, type Account } from '../domain/accounts.js';
import { PAYMENT_METHODS, type Payment, type PaymentMethod } from '../domain/payments/model.js';
import { tenantEntityId } from '../http/auth.js';
import type { StoredRecord } from '../state/document.js';
import type { PendingChange, ReadView } from '../state/transaction.js';
import { zuoraFields } from './fieldNames.js';

type DataSources = Record<string, Record<string, unknown>>;

/** A payment method as the DefaultPaymentMethod data source shows it: the card's mask, never its number. */
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
 * The data an event's merge fields read: the changed record under its object name, its account and
 * the account's default payment method, and the tenant's entity. A payment also shows the invoices
 * it was for (`PaymentParts`, and the first one as `InvoiceId`).
 */
export function eventDataSources(view: ReadView, change: PendingChange): DataSources {
  const record = (change.after ?? change.before) as StoredRecord;
  const data: DataSources = { [change.object]: zuoraFields(record) };
  const accountId = accountIdOf(change.object, record);
  const account = accountId ? view.get<Account>(ACCOUNTS, accountId) : undefined;
  if (account) {
    data.Account = zuoraFields(account as unknown as StoredRecord);
    const method = account.defaultPaymentMethodId ? view.get<PaymentMethod>(PAYMENT_METHODS, account.defaultPaymentMethodId) : undefined;
    data.DefaultPaymentMethod = method ? paymentMethodFields(method) : { Id: null, ID: null };
  }
  if (change.object === 'Payment') {
    const parts = (record as unknown as Payment).paymentParts.map((part) => ({ InvoiceId: part.invoiceId, Amount: part.amount }));
    data.Payment = { ...data.Payment, PaymentParts: parts, InvoiceId: parts[0]?.InvoiceId ?? null };
  }
  const entity = tenantEntityId(view.tenant);
  data.Entity = { Id: entity, ID: entity };
  return data;
}
