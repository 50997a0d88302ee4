import type { SyncContext } from '../context.js';
import type { Feature, Subscription, UsageReport } from '../model/types.js';
import type { V2UsageRecord } from '../zuora/types.js';
import { chargeTypeOf, featureOf, unitOf } from './charges.js';
import { dayOf, laterOf, platformNow } from './dates.js';
import { isSyncFailure, SyncPreconditionError } from './errors.js';
import { recordFailure } from './failures.js';
import { periodContaining } from './periods.js';

import { customerRecord } from './records.js';
import { save } from './subscriptions.js';

const dayBefore = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

// Usage -> Zuora usage records (seeds/000: hourly; seeds/001: list, then patch or create). Each
// metered feature of a synced subscription has ONE pending record per billing period holding the
// usage reported since the period started; every pass brings its quantity up to date.

export interface UsageSyncResult {
  records: Array<{ subscriptionId: string; featureId: string; usageRecordId: string; quantity: number }>;
  failed: Array<{ subscriptionId: string; reason: string }>;
}

/** Zuora bills these; the others have ended, not started, or are not billed yet. */
const BILLED = new Set<Subscription['status']>(['ACTIVE', 'PAYMENT_PENDING']);

const PAGE_SIZE = 99;

/** Quickstart nests lists as `{data, next_page}`; a plain array is read as it is. */
function listOf<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  const data = typeof value === 'object' && value !== null ? (value as { data?: unknown }).data : undefined;
  return Array.isArray(data) ? (data as T[]) : [];
}

/** Features the subscription's plan and add-ons bill by usage in its billing period. */
function meteredFeatures(ctx: SyncContext, subscription: Subscription): Feature[] {
  const features = ctx.store.features();
  const found = new Map<string, Feature>();
  for (const packageId of [subscription.planId, ...subscription.addons.map((addon) => addon.addonId)]) {
    for (const price of ctx.store.package(packageId)?.prices ?? []) {
      if (price.billingPeriod !== subscription.billingPeriod) continue;
      const feature = featureOf(features, price);
      if (feature && chargeTypeOf(price, feature) === 'Usage') found.set(feature.id, feature);
    }
  }
  return [...found.values()];
}

interface UsageItem {
  subscription_item_number?: string;
  charge_type?: string;
  unit_of_measure?: string;
  state?: string;
}

/** The pending record of this charge that lies in [from, until), if one exists. */
async function pendingRecord(ctx: SyncContext, subscriptionNumber: string, itemNumber: string, from: string, until: string): Promise<V2UsageRecord | undefined> {
  const filter = [`subscription_number.EQ:${subscriptionNumber}`, `subscription_item_number.EQ:${itemNumber}`, 'state.EQ:pending'];
  let cursor: string | undefined;
  do {
    const page = await ctx.zuora.listUsage({ filter, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    const match = page.data.find((record) => record.start_time !== undefined && dayOf(record.start_time) >= from && dayOf(record.start_time) < until);
    if (match) return match;
    cursor = page.next_page ?? undefined;
  } while (cursor);
  return undefined;
}

/**
 * One pass over every synced, billed subscription (the caller runs it every hour), or over one of them
 * (seeds/000's "Sync usage to Zuora" action on a subscription).
 */
export async function syncUsage(ctx: SyncContext, subscriptionId?: string): Promise<UsageSyncResult> {
  const { at, today } = await platformNow(ctx);
  const result: UsageSyncResult = { records: [], failed: [] };
  const reports = ctx.store.usage();
  const subscriptions = ctx.store.subscriptions().filter((subscription) => subscriptionId === undefined || subscription.id === subscriptionId);
  for (const subscription of subscriptions) {
    if (!BILLED.has(subscription.status) || !subscription.billingSubscriptionNumber) continue;
    const features = meteredFeatures(ctx, subscription);
    if (features.length === 0) continue;
    try {
      result.records.push(...(await syncSubscriptionUsage(ctx, subscription, features, reports, at, today)));
    } catch (error) {
      if (!isSyncFailure(error)) throw error;
      const sync = await recordFailure(ctx, { kind: 'usage', id: subscription.id, customerId: subscription.customerId, subscriptionId: subscription.id }, error, at);
      await save(ctx, { ...(ctx.store.subscription(subscription.id) ?? subscription), sync });
      result.failed.push({ subscriptionId: subscription.id, reason: error.message });
    }
  }
  return result;
}

async function syncSubscriptionUsage(
  ctx: SyncContext,
  subscription: Subscription,
  features: readonly Feature[],
  reports: readonly UsageReport[],
  at: string,
  today: string,
): Promise<UsageSyncResult['records']> {
  const number = subscription.billingSubscriptionNumber as string;
  const customer = customerRecord(ctx, subscription.customerId);
  if (!customer.billingId || !customer.billingAccountNumber) throw new SyncPreconditionError(`Customer '${customer.id}' has no Zuora account`);
  // By number, the latest version: its items are the charges in effect now.
  const zuoraSubscription = await ctx.zuora.getSubscription(number, { expand: ['subscription_plans.subscription_items'] });
  const items = listOf<{ subscription_items?: unknown }>(zuoraSubscription.subscription_plans).flatMap((plan) => listOf<UsageItem>(plan.subscription_items));
  const billCycleDay = (await ctx.zuora.getAccount(customer.billingId)).bill_cycle_day ?? 0;
  const start = dayOf(subscription.startDate);
  const current = periodContaining(start, subscription.billingPeriod, billCycleDay, today);
  // The period just ended may still hold usage reported after its last sync (its final hour): the
  // first pass of a new period pushes that too, before the bill run rates it.
  const previous =
    current.start > start ? periodContaining(start, subscription.billingPeriod, billCycleDay, dayBefore(current.start)) : undefined;
  const synced: UsageSyncResult['records'] = [];
  for (const feature of features) {
    const unit = unitOf(feature);
    // Resolved by unit, so a subscription on an older version of the plan's rate plan is found too.
    const item = items.find((candidate) => candidate.charge_type === 'usage' && candidate.unit_of_measure === unit && candidate.state === 'active');
    if (!item?.subscription_item_number) throw new SyncPreconditionError(`Zuora subscription ${number} has no usage charge in effect counting '${unit}'`);
    for (const period of previous ? [previous, current] : [current]) {
      const from = laterOf(period.start, start);
      const counted = reports.filter(
        (report) =>
          report.customerId === subscription.customerId &&
          report.featureId === feature.id &&
          report.at >= `${from}T00:00:00.000Z` &&
          report.at < `${period.end}T00:00:00.000Z` &&
          report.at <= at,
      );
      // An ended period is only revisited for usage it has not been given yet.
      if (period === previous && counted.every((report) => report.billingId)) continue;
      const quantity = counted.reduce((sum, report) => sum + report.value, 0);
      const existing = await pendingRecord(ctx, number, item.subscription_item_number, from, period.end);
      let record: V2UsageRecord | undefined = existing;
      if (existing && existing.quantity !== quantity) record = await ctx.zuora.updateUsage(existing.id, { quantity });
      if (!existing && quantity > 0) {
        record = await ctx.zuora.createUsage({
          account_number: customer.billingAccountNumber,
          subscription_number: number,
          subscription_item_number: item.subscription_item_number,
          unit_of_measure: unit,
          quantity,
          start_time: `${from}T00:00:00Z`,
          description: `Usage of ${feature.name} since ${from}`,
        });
      }
      if (!record) continue;
      for (const report of counted) if (report.billingId !== record.id) await ctx.store.putUsage({ ...report, billingId: record.id });
      synced.push({ subscriptionId: subscription.id, featureId: feature.id, usageRecordId: record.id, quantity });
    }
  }
  return synced;
}
