import type { Customer, IntegrationSettings, Package, PaymentMethodInput, Subscription } from '../model/types.js';
import { hasZuoraMetadata } from './mapping.js';

// The "not synced when" table of seeds/000, and its exceptions: a record is forced to sync when it
// has a billing id (it is linked to an existing Zuora record) or `ZUORA__` metadata to mirror.
// The environment's switches (`syncCustomers`, `syncSubscriptions`) come first and nothing forces past
// them: with syncing disabled, nothing of that kind reaches Zuora.

const DISABLED = {
  customers: 'Syncing of customers is disabled in the environment',
  subscriptions: 'Syncing of subscriptions is disabled in the environment',
};

function isForced(record: { billingId?: string; metadata: Record<string, string> }): boolean {
  return record.billingId !== undefined || hasZuoraMetadata(record.metadata);
}

/** A trial that has not converted yet; one that has not started counts if it starts in a trial. */
export const isTrial = (subscription: Subscription): boolean =>
  subscription.status === 'IN_TRIAL' || (subscription.status === 'NOT_STARTED' && subscription.trialEndsAt !== undefined);

const ENDED = new Set<Subscription['status']>(['CANCELED', 'EXPIRED']);

type SkipKind = 'free' | 'trial' | 'custom';

function skipKind(subscription: Subscription, plan: Package): SkipKind | undefined {
  if (isForced(subscription)) return undefined;
  if (plan.pricingType === 'FREE') return 'free';
  if (isTrial(subscription)) return 'trial';
  if (plan.pricingType === 'CUSTOM') return 'custom';
  return undefined;
}

const SUBSCRIPTION_REASONS: Record<SkipKind, string> = {
  free: 'Subscription is for a free plan',
  trial: 'Subscription is for a trial plan',
  custom: 'Subscription is for a plan with a custom price',
};

const ONLY_REASONS: Record<SkipKind, string> = {
  free: 'Customer only has subscriptions to free plans',
  trial: 'Customer only has trial subscriptions',
  custom: 'Customer only has subscriptions to plans with a custom price',
};

/** Why the subscription stays out of Zuora, or undefined when it is synced. */
export function subscriptionSkipReason(subscription: Subscription, plan: Package, integration: IntegrationSettings): string | undefined {
  if (!integration.syncSubscriptions) return DISABLED.subscriptions;
  const kind = skipKind(subscription, plan);
  return kind && SUBSCRIPTION_REASONS[kind];
}

export interface SubscriptionOnPlan {
  subscription: Subscription;
  plan: Package;
}

/**
 * Why the customer stays out of Zuora, or undefined when it is synced. Only live subscriptions
 * count. "Billing information" is what Zuora needs to bill: billing details or a payment method
 * (a payment method is part of the billing information a customer gives). A payment method is
 * required only when every billable subscription is to be charged automatically (CHARGE):
 * invoice-collected (INVOICE) and uncollected (NONE) subscriptions are billed without one, as
 * seeds/004's Salesforce-provisioned invoice flows are, and one of them is reason enough for an account.
 */
export function customerSkipReason(
  customer: Customer,
  subscriptions: readonly SubscriptionOnPlan[],
  paymentMethodInput: PaymentMethodInput | undefined,
  integration: IntegrationSettings,
): string | undefined {
  if (!integration.syncCustomers) return DISABLED.customers;
  if (isForced(customer)) return undefined;
  const live = subscriptions.filter(({ subscription }) => !ENDED.has(subscription.status));
  if (live.length === 0) return "Customer doesn't have any subscription";
  const billable = live.filter(({ subscription, plan }) => skipKind(subscription, plan) === undefined);
  if (billable.length === 0) {
    const kinds = new Set(live.map(({ subscription, plan }) => skipKind(subscription, plan) as SkipKind));
    const [only] = kinds;
    return kinds.size === 1 && only ? ONLY_REASONS[only] : 'Customer only has subscriptions to free plans, trials or plans with a custom price';
  }
  const hasPaymentMethod = customer.paymentMethod !== undefined || paymentMethodInput !== undefined;
  if (customer.billingInfo === undefined && !hasPaymentMethod) return "Customer's billing information was not given";
  const allCharged = billable.every(({ subscription }) => subscription.paymentCollectionMethod === 'CHARGE');
  if (allCharged && !hasPaymentMethod) return "Customer doesn't have a payment method";
  return undefined;
}

/**
 * Whether Zuora should charge the account's default payment method by itself (auto-pay): only while
 * a live subscription in Zuora is collected by CHARGE. Auto-pay is the account's, not the
 * subscription's, so a customer with both a CHARGE and an INVOICE subscription has it on, and
 * payment runs collect the INVOICE subscription's open invoices with the card too (sync/README.md).
 */
export function chargesAutomatically(subscriptions: readonly SubscriptionOnPlan[]): boolean {
  return subscriptions.some(
    ({ subscription, plan }) => !ENDED.has(subscription.status) && skipKind(subscription, plan) === undefined && subscription.paymentCollectionMethod === 'CHARGE',
  );
}
