import type { SyncContext } from '../context.js';
import type { Subscription } from '../model/types.js';
import { platformNow } from '../outbound/dates.js';
import { cents, usagePrices } from './catalog.js';
import { checkoutCompleted } from './checkout.js';
import type { StripeClient } from './client.js';
import { subscriptionLink } from './outbound.js';
import type { StripeEvent, StripeInvoice, StripeSubscription } from './types.js';

/** Seed 003 needs at least an hour between a renewal draft and its finalization to add usage to it. */
export const MIN_FINALIZATION_GRACE_SECONDS = 3600;

export interface StripeEventOutcome {
  event: string;
  applied: boolean;
  detail?: string;
}

function platformSubscription(ctx: SyncContext, stripeId: string): Subscription | undefined {
  return ctx.store.subscriptions().find((subscription) => ctx.store.stripeLink(subscriptionLink(subscription.id)) === stripeId);
}

const subscriptionOfInvoice = (invoice: StripeInvoice): string | undefined => invoice.parent?.subscription_details?.subscription;

/**
 * Usage lands on the renewal draft: for each usage charge of the plan and its add-ons, the period's
 * reported usage becomes one invoice item (quantity and total in its description and metadata).
 */
async function addUsage(ctx: SyncContext, client: StripeClient, invoice: StripeInvoice & { created?: number; automatically_finalizes_at?: number | null }, subscription: Subscription): Promise<string> {
  if (invoice.automatically_finalizes_at && invoice.created !== undefined && invoice.automatically_finalizes_at - invoice.created < MIN_FINALIZATION_GRACE_SECONDS) {
    const { at } = await platformNow(ctx);
    await ctx.store.appendEvent({ type: 'SYNC_FAILED', at, customerId: subscription.customerId, subscriptionId: subscription.id, data: { reason: 'The Stripe account finalizes invoices less than an hour after creating them; usage may miss its invoice', invoice: invoice.id } });
  }
  const [start, end] = [invoice.period_start * 1000, invoice.period_end * 1000];
  const packages = [ctx.store.package(subscription.planId), ...subscription.addons.map((addon) => ctx.store.package(addon.addonId))];
  const features = ctx.store.features();
  let added = 0;
  for (const pkg of packages) {
    if (!pkg) continue;
    for (const price of usagePrices(pkg, subscription.billingPeriod)) {
      const quantity = ctx.store
        .usage()
        .filter((report) => report.customerId === subscription.customerId && report.featureId === price.feature)
        .filter((report) => Date.parse(report.at) >= start && Date.parse(report.at) < end)
        .reduce((sum, report) => sum + report.value, 0);
      if (quantity === 0) continue;
      const name = features.find((feature) => feature.id === price.feature)?.name ?? price.feature;
      await client.post(
        '/v1/invoiceitems',
        {
          customer: invoice.customer,
          invoice: invoice.id,
          amount: cents(quantity * (price.unitPrice ?? 0)),
          currency: invoice.currency,
          description: `${name}: ${quantity} × ${price.unitPrice ?? 0}`,
          period: { start: invoice.period_start, end: invoice.period_end },
          metadata: { stiggFeatureId: price.feature ?? '', quantity: String(quantity) },
        },
        `stigg-usage-${invoice.id}-${pkg.id}-${price.feature}`,
      );
      added += 1;
    }
  }
  return `${added} usage item(s) added`;
}

async function cancelOnPlatform(ctx: SyncContext, subscription: Subscription): Promise<void> {
  if (subscription.status === 'CANCELED' || subscription.status === 'EXPIRED') return;
  const { at } = await platformNow(ctx);
  await ctx.store.putSubscription({ ...subscription, status: 'CANCELED', cancellationDate: at, endDate: at });
  await ctx.store.appendEvent({ type: 'SUBSCRIPTION_CANCELED', at, customerId: subscription.customerId, subscriptionId: subscription.id, data: { source: 'stripe' } });
}

async function invoicePaid(ctx: SyncContext, invoice: StripeInvoice, subscription: Subscription): Promise<void> {
  const { at } = await platformNow(ctx);
  const status = subscription.status === 'PAYMENT_PENDING' ? 'ACTIVE' : subscription.status;
  await ctx.store.putSubscription({
    ...subscription,
    status,
    paymentCollection: 'NOT_REQUIRED',
    latestInvoice: { id: invoice.id, status: 'PAID', amount: invoice.amount_due / 100, requiresAction: false },
  });
  if (status !== subscription.status) {
    await ctx.store.appendEvent({ type: 'SUBSCRIPTION_UPDATED', at, customerId: subscription.customerId, subscriptionId: subscription.id, data: { status, invoice: invoice.id } });
  }
}

async function paymentFailed(ctx: SyncContext, invoice: StripeInvoice, subscription: Subscription): Promise<void> {
  const { at } = await platformNow(ctx);
  // While Stripe retries, the subscription keeps its status with a payment error (seed 003's docs).
  await ctx.store.putSubscription({ ...subscription, paymentCollection: 'FAILED', latestInvoice: { id: invoice.id, status: 'OPEN', amount: invoice.amount_due / 100, requiresAction: false } });
  await ctx.store.appendEvent({ type: 'PAYMENT_FAILED', at, customerId: subscription.customerId, subscriptionId: subscription.id, data: { invoice: invoice.id } });
}

/**
 * Applies one Stripe event to the platform. Events are applied once (by id) and each handler
 * reads only the event, so duplicates and reordering do no harm.
 */
export async function handleStripeEvent(ctx: SyncContext, client: StripeClient, event: StripeEvent): Promise<StripeEventOutcome> {
  const seenKey = `stripe:${event.id}`;
  if (ctx.store.seen(seenKey)) return { event: event.type, applied: false, detail: 'already applied' };
  let detail: string | undefined;
  const object = event.data.object;
  if (event.type.startsWith('invoice.')) {
    const invoice = object as unknown as StripeInvoice;
    const subscription = platformSubscription(ctx, subscriptionOfInvoice(invoice) ?? '');
    if (subscription) {
      if (event.type === 'invoice.created' && invoice.status === 'draft' && ['subscription_cycle', 'subscription_update'].includes(invoice.billing_reason)) {
        detail = await addUsage(ctx, client, invoice, subscription);
      } else if (event.type === 'invoice.paid') await invoicePaid(ctx, invoice, subscription);
      else if (event.type === 'invoice.payment_failed') await paymentFailed(ctx, invoice, subscription);
    }
  } else if (event.type === 'checkout.session.completed') {
    detail = await checkoutCompleted(ctx, client, object as unknown as Parameters<typeof checkoutCompleted>[2]);
  } else if (event.type === 'customer.subscription.deleted' || event.type === 'customer.subscription.updated') {
    const stripeSubscription = object as unknown as StripeSubscription;
    const subscription = platformSubscription(ctx, stripeSubscription.id);
    if (subscription && (event.type === 'customer.subscription.deleted' || stripeSubscription.status === 'canceled')) await cancelOnPlatform(ctx, subscription);
  }
  await ctx.store.markSeen(seenKey);
  return { event: event.type, applied: true, ...(detail ? { detail } : {}) };
}
