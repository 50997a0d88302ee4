import type { SyncContext } from '../../context.js';
import type { Subscription } from '../../model/types.js';
import type { CrudInvoice } from '../../zuora/types.js';
import { param, type Handler } from '../handler.js';
import { amountOf, balanceOf, invoiceTargets, isLatestInvoice } from '../invoices.js';
import { combine, skipped } from '../outcome.js';
import { differs, saveSubscription } from '../subscriptionState.js';

async function markOpen(ctx: SyncContext, sub: Subscription, invoice: CrudInvoice): Promise<true | string> {
  if (!(await isLatestInvoice(ctx, sub, invoice))) return `invoice ${invoice.Id} is older than subscription ${sub.id}'s latest invoice`;
  // A failed payment on this invoice may have been applied first; its "action required" stands.
  const requiresAction = sub.latestInvoice?.id === invoice.Id ? sub.latestInvoice.requiresAction : false;
  const next: Subscription = { ...sub, latestInvoice: { id: invoice.Id, status: 'OPEN', amount: amountOf(invoice), requiresAction } };
  if (!differs(sub, next)) return `subscription ${sub.id} already shows invoice ${invoice.Id} open`;
  await saveSubscription(ctx, sub, next, [{ type: 'SUBSCRIPTION_UPDATED', data: { invoiceId: invoice.Id, latestInvoice: 'OPEN' } }]);
  return true;
}

/** StiggInvoicePostedEvent: an invoice with a balance is the subscription's latest, OPEN. */
export const invoicePosted: Handler = {
  key: (body) => `StiggInvoicePostedEvent:${param(body, 'InvoiceId') ?? ''}`,
  async handle(ctx, body) {
    const invoiceId = param(body, 'InvoiceId');
    if (!invoiceId) return skipped('the callout names no invoice');
    const targets = await invoiceTargets(ctx, invoiceId);
    if (typeof targets === 'string') return skipped(targets);
    const { invoice } = targets;
    // Its payment may have come through before this callout did.
    if (balanceOf(invoice) <= 0) return skipped(`invoice ${invoice.Id} has since been paid`);
    if (invoice.Status !== 'Posted') return skipped(`invoice ${invoice.Id} is ${invoice.Status ?? 'of unknown status'}, not Posted`);
    const results: Array<true | string> = [];
    for (const sub of targets.subscriptions) results.push(await markOpen(ctx, sub, invoice));
    return combine(results);
  },
};
