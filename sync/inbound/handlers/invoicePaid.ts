import type { SyncContext } from '../../context.js';
import type { Subscription, SubscriptionStatus } from '../../model/types.js';
import type { CrudInvoice } from '../../zuora/types.js';
import { param, type Handler } from '../handler.js';
import { amountOf, balanceOf, invoiceTargets, isLatestInvoice } from '../invoices.js';
import { combine, skipped } from '../outcome.js';
import { applyScheduledUpdate, differs, dueUpdates, saveSubscription, type LoggedEvent } from '../subscriptionState.js';

/**
 * The statuses a payment ends. Not IN_TRIAL (a trial's zero invoice is "paid" on posting and must not
 * end the trial) and not CANCELED or EXPIRED (a final invoice paid late revives nothing).
 */
const AWAITING_PAYMENT: readonly SubscriptionStatus[] = ['PAYMENT_PENDING', 'NOT_STARTED'];

async function markPaid(ctx: SyncContext, sub: Subscription, invoice: CrudInvoice, now: Date): Promise<true | string> {
  if (!(await isLatestInvoice(ctx, sub, invoice))) return `invoice ${invoice.Id} is older than subscription ${sub.id}'s latest invoice`;
  let next: Subscription = {
    ...sub,
    status: AWAITING_PAYMENT.includes(sub.status) ? 'ACTIVE' : sub.status,
    paymentCollection: 'NOT_REQUIRED',
    latestInvoice: { id: invoice.Id, status: 'PAID', amount: amountOf(invoice), requiresAction: false },
  };
  const events: LoggedEvent[] = [];
  // Changes whose date passed while payment was outstanding (seeds/002: "applies any pending future updates").
  for (const update of dueUpdates(next, now)) {
    const done = applyScheduledUpdate(next, update);
    next = done.subscription;
    events.push(...done.events);
  }
  if (!differs(sub, next)) return `subscription ${sub.id} already shows invoice ${invoice.Id} paid`;
  events.unshift({ type: 'SUBSCRIPTION_UPDATED', data: { invoiceId: invoice.Id, latestInvoice: 'PAID', status: next.status } });
  await saveSubscription(ctx, sub, next, events);
  return true;
}

/** StiggInvoicePaidEvent: the subscription is active again and its latest invoice PAID. */
export const invoicePaid: Handler = {
  key: (body) => `StiggInvoicePaidEvent:${param(body, 'InvoiceId') ?? ''}`,
  async handle(ctx, body) {
    const invoiceId = param(body, 'InvoiceId');
    if (!invoiceId) return skipped('the callout names no invoice');
    const targets = await invoiceTargets(ctx, invoiceId);
    if (typeof targets === 'string') return skipped(targets);
    const { invoice } = targets;
    // Zuora's balance now, not the callout, says whether it is paid.
    if (balanceOf(invoice) > 0) return skipped(`invoice ${invoice.Id} is not paid: its balance is ${balanceOf(invoice)}`);
    if (invoice.Status !== 'Posted') return skipped(`invoice ${invoice.Id} is ${invoice.Status ?? 'of unknown status'}, not Posted`);
    const now = await ctx.time.now();
    const results: Array<true | string> = [];
    for (const sub of targets.subscriptions) results.push(await markPaid(ctx, sub, invoice, now));
    return combine(results);
  },
};
