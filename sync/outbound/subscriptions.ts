import { randomUUID } from 'node:crypto';
import type { SyncContext } from '../context.js';
import type {
  AddonSelection,
  BillingPeriod,
  CreditEntitlement,
  EntitlementLimit,
  EventType,
  Package,
  PaymentCollectionMethod,
  Subscription,
  SubscriptionStatus,
} from '../model/types.js';
import { zeroPricedRatePlan } from './catalog.js';
import { creditRatePlan } from './creditCharges.js';
import { grantDueCredits } from './creditEntitlements.js';
import { checkCredits } from './credits.js';
import { alignAutoPay, ensureCustomerSynced } from './customers.js';
import { dayOf, platformNow } from './dates.js';
import { OutboundInputError, SyncPreconditionError } from './errors.js';
import { subscriptionSyncFailed } from './failures.js';
import { mirroredMetadata, subscriptionCustomFields } from './mapping.js';
import { billingAtOnce, createSubscriptionAction, placeOrder, ratePlanRequest } from './orders.js';
import { atVersion, checkAddons, checkSoldIn, currencyOfCustomer, customerRecord, planOf, shapeOf, subscriptionOf } from './records.js';
import { latestVersionOf } from './planVersions.js';
import { subscriptionSkipReason } from './rules.js';
import { desiredRatePlans } from './targets.js';
import { stripeClientOf, syncStripeSubscription } from '../stripe/outbound.js';

export interface ProvisionInput {
  id?: string;
  customerId: string;
  planId: string;
  billingPeriod?: BillingPeriod;
  addons?: AddonSelection[];
  /** Quantities of per-unit features, by feature id. */
  units?: Record<string, number>;
  /** `true` for the plan's trial length, a length of one's own, or the day it ends. */
  trial?: { days: number } | { endDate: string } | boolean;
  paymentCollectionMethod?: PaymentCollectionMethod;
  /** By feature id (its unit price) or by plan/add-on id (its flat fee). */
  priceOverrides?: Record<string, number>;
  creditEntitlements?: CreditEntitlement[];
  entitlements?: EntitlementLimit[];
  metadata?: Record<string, string>;
  /** An existing Zuora subscription to link to instead of creating one (forces the sync). */
  billingId?: string;
  /** When it starts (ISO); now when left out. A later start leaves it NOT_STARTED until then. */
  startDate?: string;
}

const DAY_MS = 86_400_000;

/** When the trial ends (ISO), or undefined for no trial. */
function trialEndOf(input: ProvisionInput, plan: Package, startDate: string): string | undefined {
  if (input.trial === undefined || input.trial === false) return undefined;
  if (typeof input.trial === 'object' && 'endDate' in input.trial) {
    const end = new Date(input.trial.endDate).toISOString();
    if (end <= startDate) throw new OutboundInputError('INVALID_TRIAL', `The trial's end (${end}) is not after the subscription's start (${startDate})`);
    return end;
  }
  const days = (input.trial === true ? undefined : input.trial.days) ?? plan.trialDays;
  if (days === undefined || !Number.isInteger(days) || days < 1) {
    throw new OutboundInputError('INVALID_TRIAL', `Plan '${plan.id}' has no trial length; give the trial's days`);
  }
  return new Date(Date.parse(startDate) + days * DAY_MS).toISOString();
}

/** A plan sold in one period only is sold in that one; otherwise monthly unless asked. */
function billingPeriodOf(input: ProvisionInput, plan: Package): BillingPeriod {
  if (input.billingPeriod) return input.billingPeriod;
  const periods = new Set(plan.prices.map((price) => price.billingPeriod));
  return periods.size === 1 ? ([...periods][0] as BillingPeriod) : 'MONTHLY';
}

/**
 * Records a new subscription on the platform, then syncs it to Zuora unless the rules of seeds/000
 * keep it out; the customer is synced on the way when this is its first billable subscription.
 * The answer carries the outcome in `sync`.
 */
export async function provisionSubscription(ctx: SyncContext, input: ProvisionInput): Promise<Subscription> {
  const customer = customerRecord(ctx, input.customerId);
  const plan = planOf(ctx, input.planId);
  const billingPeriod = billingPeriodOf(input, plan);
  checkSoldIn(plan, billingPeriod);
  const addons = input.addons ?? [];
  checkAddons(ctx, addons, billingPeriod);
  if (input.id !== undefined && ctx.store.subscription(input.id)) {
    throw new OutboundInputError('SUBSCRIPTION_EXISTS', `A subscription with id '${input.id}' already exists`);
  }
  for (const entitlement of input.creditEntitlements ?? []) checkCredits(ctx, entitlement.customCurrencyId, entitlement.amount);
  const { at } = await platformNow(ctx);
  const startDate = input.startDate === undefined ? at : new Date(input.startDate).toISOString();
  const trialEndsAt = trialEndOf(input, plan, startDate);
  const status: SubscriptionStatus = startDate > at ? 'NOT_STARTED' : trialEndsAt ? 'IN_TRIAL' : 'ACTIVE';
  const subscription: Subscription = {
    id: input.id ?? `sub-${randomUUID()}`,
    customerId: customer.id,
    planId: plan.id,
    planVersionNumber: latestVersionOf(plan),
    billingPeriod,
    addons,
    units: input.units ?? {},
    status,
    // seeds/004: a custom plan provisioned without a collection method is billed outside the platform.
    paymentCollectionMethod: input.paymentCollectionMethod ?? (plan.pricingType === 'CUSTOM' ? 'NONE' : 'CHARGE'),
    paymentCollection: 'NOT_REQUIRED',
    ...(trialEndsAt ? { trialEndsAt } : {}),
    ...(input.priceOverrides ? { priceOverrides: input.priceOverrides } : {}),
    ...(input.creditEntitlements ? { creditEntitlements: input.creditEntitlements } : {}),
    ...(input.entitlements ? { entitlements: input.entitlements } : {}),
    metadata: input.metadata ?? {},
    ...(input.billingId ? { billingId: input.billingId } : {}),
    historicalBillingIds: [],
    scheduledUpdates: [],
    startDate,
    createdAt: at,
  };
  await ctx.store.putSubscription(subscription);
  // The first allocation of each credit entitlement comes with the subscription.
  await grantDueCredits(ctx, subscription.id);
  const synced = await syncNewSubscription(ctx, subscription.id);
  await ctx.store.appendEvent({
    type: 'SUBSCRIPTION_CREATED',
    at,
    customerId: customer.id,
    subscriptionId: synced.id,
    data: { planId: plan.id, planVersionNumber: synced.planVersionNumber, status: synced.status, billingId: synced.billingId, sync: synced.sync },
  });
  return synced;
}

/**
 * Puts a subscription that has no Zuora subscription yet into Zuora (CreateSubscription order), or
 * links it to the one its billing id names; records NO_SYNC with the reason when the rules say so.
 */
export async function syncNewSubscription(ctx: SyncContext, subscriptionId: string): Promise<Subscription> {
  const stripe = stripeClientOf(ctx);
  if (stripe) return syncStripeSubscription(ctx, stripe, subscriptionId);
  const subscription = subscriptionOf(ctx, subscriptionId);
  const { at, today } = await platformNow(ctx);
  const reason = subscriptionSkipReason(subscription, planOf(ctx, subscription.planId), ctx.store.integration());
  if (reason !== undefined) {
    // The customer's own outcome follows its subscriptions ("only has trial subscriptions"...).
    await ensureCustomerSynced(ctx, subscription.customerId);
    return save(ctx, { ...subscription, sync: { status: 'NO_SYNC', reason, at } });
  }
  try {
    if (subscription.billingId) return await linkToExisting(ctx, subscription, at);
    const customer = await ensureCustomerSynced(ctx, subscription.customerId);
    if (customer.sync?.status !== 'SYNCED' || !customer.billingAccountNumber) {
      const status = customer.sync?.status === 'FAILED' ? 'FAILED' : 'NO_SYNC';
      return save(ctx, { ...subscription, sync: { status, reason: `Customer is not synced: ${customer.sync?.reason ?? 'unknown reason'}`, at } });
    }
    await alignAutoPay(ctx, customer);
    await zeroPricedRatePlan(ctx, planOf(ctx, subscription.planId), subscription.billingPeriod, currencyOfCustomer(customer));
    for (const entitlement of subscription.creditEntitlements ?? []) {
      if (entitlement.price !== undefined) await creditRatePlan(ctx, entitlement.customCurrencyId, entitlement.cadence, currencyOfCustomer(customer));
    }
    const startsOn = dayOf(subscription.startDate);
    // A trial, whether synced anyway (billing id or ZUORA__ metadata) or converted to paid when it
    // ended, is in Zuora from its start and billed from its end.
    const chargesFrom = subscription.trialEndsAt ? dayOf(subscription.trialEndsAt) : undefined;
    const ratePlans = desiredRatePlans(ctx, shapeOf(subscription), currencyOfCustomer(customer)).map((plan) => ratePlanRequest(plan, chargesFrom));
    const placed = await placeOrder(ctx, {
      orderDate: today,
      accountNumber: customer.billingAccountNumber,
      customFields: subscriptionCustomFields(ctx, subscription),
      subscriptionFields: mirroredMetadata(subscription.metadata),
      actions: [createSubscriptionAction(startsOn, ratePlans)],
      processingOptions: billingAtOnce(subscription, at),
    });
    const subscriptionId = placed.subscriptionId ?? (await ctx.zuora.getSubscriptionV1(placed.subscriptionNumber)).id;
    return save(ctx, { ...atVersion(subscription, placed.subscriptionNumber, subscriptionId), sync: { status: 'SYNCED', at } });
  } catch (error) {
    const sync = await subscriptionSyncFailed(ctx, subscription, error, at);
    return save(ctx, { ...subscriptionOf(ctx, subscription.id), sync });
  }
}

/**
 * A billing id given at provisioning links the subscription to that Zuora subscription (its latest
 * version); a customer without an account of its own is linked to that subscription's account.
 */
async function linkToExisting(ctx: SyncContext, subscription: Subscription, at: string): Promise<Subscription> {
  const given = await ctx.zuora.getSubscriptionV1(subscription.billingId as string);
  const latest = given.isLatestVersion === false ? await ctx.zuora.getSubscriptionV1(given.subscriptionNumber) : given;
  const customer = customerRecord(ctx, subscription.customerId);
  if (latest.accountId && customer.billingId && customer.billingId !== latest.accountId) {
    throw new SyncPreconditionError(`Zuora subscription ${latest.subscriptionNumber} belongs to account ${latest.accountId}, not to the customer's ${customer.billingId}`);
  }
  if (latest.accountId && !customer.billingId) {
    await ctx.store.putCustomer({ ...customer, billingId: latest.accountId });
    await ensureCustomerSynced(ctx, customer.id);
  }
  const history = given.id !== latest.id ? [given.id] : [];
  return save(ctx, {
    ...subscription,
    billingId: latest.id,
    billingSubscriptionNumber: latest.subscriptionNumber,
    historicalBillingIds: history,
    sync: { status: 'SYNCED', at },
  });
}

export async function save(ctx: SyncContext, subscription: Subscription): Promise<Subscription> {
  await ctx.store.putSubscription(subscription);
  return subscription;
}

/** Logs what became of a saved subscription, with the sync state it was saved with; answers it. */
export async function logChange(ctx: SyncContext, subscription: Subscription, type: EventType, at: string, data: Record<string, unknown>): Promise<Subscription> {
  await ctx.store.appendEvent({ type, at, customerId: subscription.customerId, subscriptionId: subscription.id, data: { ...data, sync: subscription.sync } });
  return subscription;
}
