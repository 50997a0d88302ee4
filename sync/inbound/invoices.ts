import type { SyncContext } from '../context.js';
import type { Subscription } from '../model/types.js';
import type { CrudInvoice } from '../zuora/types.js';
import { subscriptionsOfInvoice } from './lookup.js';
import { isNotFound } from './notFound.js';
import { issueOrderOf, rememberedIssueOrder, rememberIssue } from './postedInvoices.js';

/** An invoice as Zuora holds it now, and the platform subscriptions it bills. */
export interface InvoiceTargets {
  invoice: CrudInvoice;
  subscriptions: Subscription[];
}

/** The invoice and its subscriptions, or why there is nothing to apply it to. */
export async function invoiceTargets(ctx: SyncContext, invoiceId: string): Promise<InvoiceTargets | string> {
  const invoice = await ctx.zuora.getInvoice(invoiceId);
  const { zuoraIds, platform } = await subscriptionsOfInvoice(ctx, invoice);
  if (zuoraIds.length === 0) return `invoice ${invoice.Id} bills no subscription (one-time charges only)`;
  if (platform.length === 0) return `no platform subscription for Zuora subscription ${zuoraIds.join(', ')}`;
  return { invoice, subscriptions: platform };
}

export const balanceOf = (invoice: CrudInvoice): number => Number(invoice.Balance ?? 0);
export const amountOf = (invoice: CrudInvoice): number => Number(invoice.Amount ?? 0);

/** Which of two invoices Zuora issued first, by their issue orders (postedInvoices.ts). */
function compareIssue(left: readonly string[], right: readonly string[]): number {
  for (let index = 0; index < left.length; index += 1) {
    const order = (left[index] ?? '').localeCompare(right[index] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}

/** An invoice's issue order as Zuora holds it now (remembered once it is posted). */
async function readIssueOrder(ctx: SyncContext, invoiceId: string): Promise<string[]> {
  const invoice = await ctx.zuora.getInvoice(invoiceId);
  rememberIssue(ctx.zuora, invoice);
  return issueOrderOf(invoice);
}

/**
 * Whether the invoice may stand as the subscription's latest invoice: it already is, or it is not
 * older than the one recorded. Callouts arrive out of order, and a late one about last month's
 * invoice must not overwrite this month's.
 */
export async function isLatestInvoice(ctx: SyncContext, sub: Subscription, invoice: CrudInvoice): Promise<boolean> {
  const recorded = sub.latestInvoice;
  if (!recorded || recorded.id === invoice.Id) return true;
  try {
    return compareIssue(issueOrderOf(invoice), rememberedIssueOrder(ctx.zuora, recorded.id) ?? (await readIssueOrder(ctx, recorded.id))) >= 0;
  } catch (error) {
    // The recorded invoice is gone from Zuora (deleted): nothing to be older than.
    if (isNotFound(error)) return true;
    throw error;
  }
}
