import type { Transaction } from '../state/transaction.js';
import { ACCOUNTS, getAccount, type Account } from './accounts.js';
import { CONTACTS } from './contacts.js';
import { conflict } from './errors.js';
import { INVOICE_ITEMS, INVOICES } from './invoices/model.js';
import { ORDERS } from './orders/model.js';
import { PAYMENT_METHODS, PAYMENTS } from './payments/model.js';
import { SUBSCRIPTION_CHARGES, SUBSCRIPTION_RATE_PLANS, SUBSCRIPTIONS, type Subscription } from './subscriptions/model.js';
import { USAGE } from './usage/model.js';

// Deleting an account, as Zuora does it: refused while the account is the invoice owner of another
// account's subscriptions; otherwise the account is Canceled (an UPDATE event triggers see) and then
// removed with everything it owns.

/** The records that belong to an account through their `accountId`. */
const OWNED = [CONTACTS, PAYMENT_METHODS, PAYMENTS, INVOICES, INVOICE_ITEMS, USAGE, ORDERS] as const;

export function deleteAccount(tx: Transaction, key: string): Account {
  const account = getAccount(tx, key);
  const billedForOthers = tx.filterBy<Subscription>(SUBSCRIPTIONS, 'invoiceOwnerId', account.id).filter((subscription) => subscription.accountId !== account.id);
  if (billedForOthers.length > 0) {
    throw conflict(ACCOUNTS, `Account '${account.accountNumber}' owns invoices of other accounts' subscriptions (${billedForOthers[0]?.subscriptionNumber}) and cannot be deleted`);
  }
  const canceled = tx.update<Account>(ACCOUNTS, account.id, { status: 'Canceled', updatedDate: tx.now().toISOString() });
  for (const subscription of tx.filterBy<Subscription>(SUBSCRIPTIONS, 'accountId', account.id)) {
    for (const object of [SUBSCRIPTION_CHARGES, SUBSCRIPTION_RATE_PLANS]) {
      for (const record of tx.filterBy(object, 'subscriptionId', subscription.id)) tx.remove(object, record.id);
    }
    tx.remove(SUBSCRIPTIONS, subscription.id);
  }
  for (const object of OWNED) for (const record of tx.filterBy(object, 'accountId', account.id)) tx.remove(object, record.id);
  tx.remove(ACCOUNTS, account.id);
  return canceled;
}
