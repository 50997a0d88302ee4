import type { SyncContext } from '../../context.js';
import type { Subscription, SubscriptionStatus } from '../../model/types.js';
import type { CrudInvoice } from '../../zuora/types.js';
import { activatePaidGrants, isUnplaced } from '../../outbound/index.js';
import { param, type Handler } from '../handler.js';
import { invoiceHandler } from '../invoiceCallout.js';
import { applied } from '../outcome.js';
import { amountOf, balanceOf } from '../invoices.js';
import { applyScheduledUpdate, differs, dueUpdates, saveSubscription, type LoggedEvent } from '../subscriptionState.js';

/**
 * The statuses a payment ends. Not IN_TRIAL (a trial's zero invoice is "paid" on posting and must not
 * end the trial) and not CANCELED or EXPIRED (a final invoice paid late revives nothing).
 */
const AWAITING_PAYMENT: readonly SubscriptionStatus[] = ['PAYMENT_PENDING', 'NOT_STARTED'];

async function markPaid(ctx: SyncContext, sub: Subscription, invoice: CrudInvoice, now: Date): Promise<true | string> {
  let next: Subscription = {
    ...sub,
    status: AWAITING_PAYMENT.includes(sub.status) ? 'ACTIVE' : sub.status,
    paymentCollection: 'NOT_REQUIRED',
    latestInvoice: { id: invoice.Id, status: 'PAID', amount: amountOf(invoice), requiresAction: false },
  };
  const events: LoggedEvent[] = [];
  // Changes whose date passed while payment was outstanding (seeds/002: "applies any pending future updates").
  // A plan change is not among them: it starts a new subscription when Zuora's scheduled order runs.
  // Nor is one Zuora has no order for yet (its retry places it): Zuora has not made that change.
  for (const update of dueUpdates(next, now).filter((each) => each.type !== 'PLAN_CHANGE' && !isUnplaced(next, each))) {
    const done = applyScheduledUpdate(next, update);
    next = done.subscription;
    events.push(...done.events);
  }
  if (!differs(sub, next)) return `subscription ${sub.id} already shows invoice ${invoice.Id} paid`;
  events.unshift({ type: 'SUBSCRIPTION_UPDATED', data: { invoiceId: invoice.Id, latestInvoice: 'PAID', status: next.status } });
  await saveSubscription(ctx, sub, next, events);
  return true;
}

/** StiggInvoicePaidEvent for subscriptions: the subscription is active again and its latest invoice PAID. */
const subscriptionInvoicePaid = invoiceHandler({
  event: 'StiggInvoicePaidEvent',
  // Zuora's balance now, not the callout, says whether it is paid.
  refuse: (invoice) => (balanceOf(invoice) > 0 ? `invoice ${invoice.Id} is not paid: its balance is ${balanceOf(invoice)}` : undefined),
  async change(ctx, invoice) {
    const now = await ctx.time.now();
    return (sub) => markPaid(ctx, sub, invoice, now);
  },
});

/**
 * StiggInvoicePaidEvent: a paid credit grant's invoice (a one-time charge, no platform subscription)
 * makes its credits usable; a subscription's invoice is handled as above.
 */
export const invoicePaid: Handler = {
  key: (body) => subscriptionInvoicePaid.key?.(body) ?? '',
  async handle(ctx, body) {
    const invoiceId = param(body, 'InvoiceId');
    const grants = invoiceId ? await activatePaidGrants(ctx, invoiceId) : [];
    const outcome = await subscriptionInvoicePaid.handle(ctx, body);
    return grants.length > 0 && !outcome.applied ? applied() : outcome;
  },
};
