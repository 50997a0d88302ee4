import type { SyncContext } from '../context.js';
import type { Subscription } from '../model/types.js';
import type { CrudInvoice } from '../zuora/types.js';
import { rememberBilled, rememberedBilled } from './postedInvoices.js';

/** The platform subscription billed through the first of these Zuora subscription ids it knows (now or before). */
export function subscriptionByBillingIds(ctx: SyncContext, ids: ReadonlyArray<string | undefined>): Subscription | undefined {
  for (const id of ids) {
    const found = id ? ctx.store.subscriptionByBillingId(id) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The platform subscription synced to a Zuora subscription number. With an account id, only one whose
 * customer is that account (seeds/002 matches versions to a subscription by the customer's billing id).
 */
export function subscriptionByNumber(ctx: SyncContext, subscriptionNumber: string, accountId?: string): Subscription | undefined {
  return ctx.store.subscriptions().find((sub) => {
    if (sub.billingSubscriptionNumber !== subscriptionNumber) return false;
    const customerAccount = ctx.store.customer(sub.customerId)?.billingId;
    return accountId === undefined || customerAccount === undefined || customerAccount === accountId;
  });
}

export interface InvoiceSubscriptions {
  /** The Zuora subscriptions the invoice bills; none for an invoice of one-time charges only. */
  zuoraIds: string[];
  /** Those of them the platform knows. */
  platform: Subscription[];
}

/**
 * The subscriptions an invoice bills, read from its items (seeds/002: "by fetching the invoice's line
 * items"). One invoice may bill several subscriptions of an account. The first page of items is read,
 * once for a posted invoice (its items never change: postedInvoices.ts).
 */
export async function subscriptionsOfInvoice(ctx: SyncContext, invoice: CrudInvoice): Promise<InvoiceSubscriptions> {
  const billed = rememberedBilled(ctx.zuora, invoice) ?? (await readBilled(ctx, invoice));
  const platform = new Map<string, Subscription>();
  for (const [id, number] of billed) {
    const sub = ctx.store.subscriptionByBillingId(id) ?? (number ? subscriptionByNumber(ctx, number) : undefined);
    if (sub) platform.set(sub.id, sub);
  }
  return { zuoraIds: [...billed.keys()], platform: [...platform.values()] };
}

/** The Zuora subscriptions (ids, with their numbers) the invoice's items bill, as Zuora lists them now. */
async function readBilled(ctx: SyncContext, invoice: CrudInvoice): Promise<Map<string, string | undefined>> {
  const { invoiceItems } = await ctx.zuora.getInvoiceItems(invoice.Id);
  const billed = new Map<string, string | undefined>();
  for (const item of invoiceItems) {
    if (item.subscriptionId && !billed.has(item.subscriptionId)) billed.set(item.subscriptionId, item.subscriptionName);
  }
  rememberBilled(ctx.zuora, invoice, billed);
  return billed;
}
