import type { SyncContext } from '../context.js';
import type { AddonSelection, BillingPeriod, Customer, Package, Subscription } from '../model/types.js';
import { DEFAULT_CURRENCY } from './charges.js';
import { OutboundInputError, SyncPreconditionError } from './errors.js';
import type { SubscriptionShape } from './targets.js';
import type { V1Subscription } from '../zuora/types.js';

// Lookups and checks the subscription operations share: the caller's mistakes surface here as
// OutboundInputError, before anything is stored or sent.

export function subscriptionOf(ctx: SyncContext, id: string): Subscription {
  const subscription = ctx.store.subscription(id);
  if (!subscription) throw new OutboundInputError('SUBSCRIPTION_NOT_FOUND', `No subscription with id '${id}'`);
  return subscription;
}

export function customerRecord(ctx: SyncContext, id: string): Customer {
  const customer = ctx.store.customer(id);
  if (!customer) throw new OutboundInputError('CUSTOMER_NOT_FOUND', `No customer with id '${id}'`);
  return customer;
}

export function planOf(ctx: SyncContext, id: string): Package {
  const plan = ctx.store.package(id);
  if (!plan || plan.kind !== 'PLAN') throw new OutboundInputError('PLAN_NOT_FOUND', `No plan with id '${id}'`);
  return plan;
}

/** A package with prices is sold in the periods it has prices for; one without is sold in any. */
export function checkSoldIn(pkg: Package, period: BillingPeriod): void {
  if (pkg.prices.length > 0 && !pkg.prices.some((price) => price.billingPeriod === period)) {
    throw new OutboundInputError('BILLING_PERIOD_NOT_SOLD', `'${pkg.id}' is not sold ${period.toLowerCase()}`);
  }
}

export function checkAddons(ctx: SyncContext, addons: readonly AddonSelection[], period: BillingPeriod): void {
  for (const { addonId, quantity } of addons) {
    const addon = ctx.store.package(addonId);
    if (!addon || addon.kind !== 'ADDON') throw new OutboundInputError('ADDON_NOT_FOUND', `No add-on with id '${addonId}'`);
    if (!Number.isFinite(quantity) || quantity < 1) throw new OutboundInputError('INVALID_QUANTITY', `Add-on '${addonId}' needs a quantity of at least 1`);
    checkSoldIn(addon, period);
  }
}

/** Zuora bills a subscription in its account's currency. */
export const currencyOfCustomer = (customer: Customer): string => customer.billingInfo?.currency ?? DEFAULT_CURRENCY;

export const shapeOf = (subscription: Subscription): SubscriptionShape => ({
  planId: subscription.planId,
  ...(subscription.planVersionNumber !== undefined ? { planVersionNumber: subscription.planVersionNumber } : {}),
  billingPeriod: subscription.billingPeriod,
  addons: subscription.addons,
  units: subscription.units,
  ...(subscription.priceOverrides ? { priceOverrides: subscription.priceOverrides } : {}),
  ...(subscription.creditEntitlements ? { creditEntitlements: subscription.creditEntitlements } : {}),
});

/** Points the subscription at the version an order wrote; the one before goes to its history. */
export function atVersion(subscription: Subscription, subscriptionNumber: string, subscriptionId: string | undefined): Subscription {
  if (!subscriptionId || subscriptionId === subscription.billingId) return { ...subscription, billingSubscriptionNumber: subscriptionNumber };
  const history = subscription.billingId ? [...subscription.historicalBillingIds, subscription.billingId] : subscription.historicalBillingIds;
  return { ...subscription, billingId: subscriptionId, billingSubscriptionNumber: subscriptionNumber, historicalBillingIds: history };
}

/**
 * The account an order on the subscription is placed for: the customer's, or else the one Zuora
 * names on the subscription (`current` when already read, otherwise read now).
 */
export async function accountNumberOf(ctx: SyncContext, subscription: Subscription, number: string, current?: V1Subscription): Promise<string> {
  const accountNumber =
    customerRecord(ctx, subscription.customerId).billingAccountNumber ??
    current?.accountNumber ??
    (await ctx.zuora.getSubscriptionV1(number)).accountNumber;
  if (!accountNumber) throw new SyncPreconditionError(`Zuora subscription ${number} has no account number`);
  return accountNumber;
}
