import type { SyncContext } from '../context.js';
import type { Subscription } from '../model/types.js';
import type { CrudInvoice } from '../zuora/types.js';
import { param, type Handler } from './handler.js';
import { invoiceTargets, isLatestInvoice } from './invoices.js';
import { combine, skipped } from './outcome.js';

/** A subscription's change for one invoice: true, or why nothing changed. */
export type InvoiceChange = (sub: Subscription) => Promise<true | string>;

/**
 * A callout about one invoice (StiggInvoicePostedEvent, StiggInvoicePaidEvent). They differ only in
 * what Zuora's invoice must look like now and what it changes; finding the invoice, its subscriptions
 * and whether it is still their latest is the same for both.
 */
export interface InvoiceCallout {
  /** The EventType; with the InvoiceId it keys the callout. */
  event: string;
  /** Why the invoice, as Zuora holds it now, is not this callout's to apply; undefined when it is. */
  refuse(invoice: CrudInvoice): string | undefined;
  /** The change, readied once per callout (anything it reads, such as the clock, read once for all subscriptions). */
  change(ctx: SyncContext, invoice: CrudInvoice): Promise<InvoiceChange>;
}

export function invoiceHandler(callout: InvoiceCallout): Handler {
  return {
    key: (body) => `${callout.event}:${param(body, 'InvoiceId') ?? ''}`,
    async handle(ctx, body) {
      const invoiceId = param(body, 'InvoiceId');
      if (!invoiceId) return skipped('the callout names no invoice');
      const targets = await invoiceTargets(ctx, invoiceId);
      if (typeof targets === 'string') return skipped(targets);
      const { invoice } = targets;
      const refused = callout.refuse(invoice);
      if (refused !== undefined) return skipped(refused);
      if (invoice.Status !== 'Posted') return skipped(`invoice ${invoice.Id} is ${invoice.Status ?? 'of unknown status'}, not Posted`);
      const change = await callout.change(ctx, invoice);
      const results: Array<true | string> = [];
      for (const sub of targets.subscriptions) {
        if (!(await isLatestInvoice(ctx, sub, invoice))) results.push(`invoice ${invoice.Id} is older than subscription ${sub.id}'s latest invoice`);
        else results.push(await change(sub));
      }
      return combine(results);
    },
  };
}
