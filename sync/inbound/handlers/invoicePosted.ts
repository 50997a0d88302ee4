import type { SyncContext } from '../../context.js';
import type { Subscription } from '../../model/types.js';
import type { CrudInvoice } from '../../zuora/types.js';
import { invoiceHandler } from '../invoiceCallout.js';
import { amountOf, balanceOf } from '../invoices.js';
import { differs, saveSubscription } from '../subscriptionState.js';

async function markOpen(ctx: SyncContext, sub: Subscription, invoice: CrudInvoice): Promise<true | string> {
  // A failed payment on this invoice may have been applied first; its "action required" stands.
  const requiresAction = sub.latestInvoice?.id === invoice.Id ? sub.latestInvoice.requiresAction : false;
  const next: Subscription = { ...sub, latestInvoice: { id: invoice.Id, status: 'OPEN', amount: amountOf(invoice), requiresAction } };
  if (!differs(sub, next)) return `subscription ${sub.id} already shows invoice ${invoice.Id} open`;
  await saveSubscription(ctx, sub, next, [{ type: 'SUBSCRIPTION_UPDATED', data: { invoiceId: invoice.Id, latestInvoice: 'OPEN' } }]);
  return true;
}

/** StiggInvoicePostedEvent: an invoice with a balance is the subscription's latest, OPEN. */
export const invoicePosted = invoiceHandler({
  event: 'StiggInvoicePostedEvent',
  // Its payment may have come through before this callout did.
  refuse: (invoice) => (balanceOf(invoice) <= 0 ? `invoice ${invoice.Id} has since been paid` : undefined),
  change: async (ctx, invoice) => (sub) => markOpen(ctx, sub, invoice),
});
