import type { ReadView, Transaction } from '../../state/transaction.js';
import { getPrice, priceAmount } from './catalog.js';
import { invalidParam } from './errors.js';
import { createInvoiceItem } from './invoices.js';
import type { StripeSubscription } from './model.js';

// Stripe's prorations for a price or quantity change in the middle of a period: the unused time of
// what the item was is credited and the remaining time of what it is now is charged, each an
// invoice item marked `proration` for the time from the change to the period end. They wait for
// the next invoice (`create_prorations`, the default), are invoiced at once (`always_invoice`), or
// are not made (`none`).

export type ProrationBehavior = 'create_prorations' | 'none' | 'always_invoice';

export const PRORATION_BEHAVIORS: readonly ProrationBehavior[] = ['create_prorations', 'none', 'always_invoice'];

/** What one subscription item was and is after an update (a removed item is now nothing, an added one was nothing). */
export interface ItemChange {
  item: string;
  before?: { price: string; quantity: number };
  after?: { price: string; quantity: number };
}

/** Prorations are for licensed items of a subscription that is being paid for (not trialing, not over). */
const PRORATED_STATUSES: ReadonlySet<StripeSubscription['status']> = new Set(['active', 'past_due', 'unpaid']);

/** The moment prorations count from: `proration_date` when given (inside the current period), else now. */
export function prorationMoment(subscription: StripeSubscription, now: number, prorationDate: number | undefined): number {
  if (prorationDate === undefined) return now;
  if (prorationDate < subscription.current_period_start || prorationDate > subscription.current_period_end) {
    throw invalidParam('proration_date', 'The proration date must fall within the current billing period.', 'parameter_invalid_integer');
  }
  return prorationDate;
}

const day = (unix: number): string => new Date(unix * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function label(view: ReadView, side: { price: string; quantity: number }): string {
  const price = getPrice(view, side.price);
  const product = view.get<{ name: string }>('stripe.product', price.product)?.name ?? price.product;
  return `${side.quantity} × ${product}`;
}

const licensed = (view: ReadView, side: { price: string } | undefined): boolean => !!side && getPrice(view, side.price).recurring?.usage_type !== 'metered';

/**
 * The proration items of the changes, pending for the customer's next invoice: for each changed
 * licensed item, a credit for the unused time of what it was and a charge for the remaining time of
 * what it is. Each amount is the full period's amount times (period end - from) / (period length),
 * rounded to the cent. Returns the items made.
 */
export function createProrations(tx: Transaction, subscription: StripeSubscription, changes: readonly ItemChange[], from: number): number {
  if (!PRORATED_STATUSES.has(subscription.status)) return 0;
  const { current_period_start: start, current_period_end: end } = subscription;
  if (end <= start || from >= end) return 0;
  const share = (amount: number): number => Math.round((amount * (end - from)) / (end - start));
  let made = 0;
  const add = (change: ItemChange, side: { price: string; quantity: number }, sign: 1 | -1, words: string) => {
    const amount = sign * share(priceAmount(getPrice(tx, side.price), side.quantity));
    createInvoiceItem(tx, {
      customer: subscription.customer,
      currency: subscription.currency,
      amount,
      quantity: side.quantity,
      price: side.price,
      description: `${words} ${label(tx, side)} after ${day(from)}`,
      period: { start: from, end },
      subscription: subscription.id,
      subscriptionItem: change.item,
      proration: true,
    });
    made += 1;
  };
  for (const change of changes) {
    const same = change.before && change.after && change.before.price === change.after.price && change.before.quantity === change.after.quantity;
    if (same) continue;
    if (change.before && licensed(tx, change.before)) add(change, change.before, -1, 'Unused time on');
    if (change.after && licensed(tx, change.after)) add(change, change.after, 1, 'Remaining time on');
  }
  return made;
}
