import type { ReadView } from '../../state/transaction.js';
import { notFound } from '../errors.js';
import {
  SUBSCRIPTION_CHARGES,
  SUBSCRIPTION_RATE_PLANS,
  SUBSCRIPTIONS,
  type Subscription,
  type SubscriptionCharge,
  type SubscriptionRatePlan,
} from './model.js';
import { filtered } from '../../state/lazy.js';

/** A number names the subscription (its latest version); an id names one version. */
export function getSubscription(view: ReadView, key: string): Subscription {
  const subscription = view.get<Subscription>(SUBSCRIPTIONS, key) ?? findLatestVersion(view, key);
  if (!subscription) throw notFound(SUBSCRIPTIONS, key, 'subscription_key');
  return subscription;
}

export function findLatestVersion(view: ReadView, subscriptionNumber: string): Subscription | undefined {
  return view
    .filterBy<Subscription>(SUBSCRIPTIONS, 'subscriptionNumber', subscriptionNumber)
    .find((version) => version.isLatestVersion);
}

export function versionsOf(view: ReadView, subscriptionNumber: string): Subscription[] {
  return view
    .filterBy<Subscription>(SUBSCRIPTIONS, 'subscriptionNumber', subscriptionNumber)
    .sort((a, b) => a.version - b.version);
}

/** Every subscription's newest version, in creation order, read lazily: a page takes what it needs. */
export function latestVersions(view: ReadView): Iterable<Subscription> {
  return filtered(view.scan<Subscription>(SUBSCRIPTIONS), (subscription) => subscription.isLatestVersion);
}

export function subscriptionsOfAccount(view: ReadView, accountId: string): Subscription[] {
  return view.filterBy<Subscription>(SUBSCRIPTIONS, 'accountId', accountId).filter((version) => version.isLatestVersion);
}

export function ratePlansOf(view: ReadView, subscriptionId: string): SubscriptionRatePlan[] {
  return view.filterBy<SubscriptionRatePlan>(SUBSCRIPTION_RATE_PLANS, 'subscriptionId', subscriptionId);
}

/** Every segment of every charge of one version, in creation order. */
export function chargesOf(view: ReadView, subscriptionId: string): SubscriptionCharge[] {
  return view.filterBy<SubscriptionCharge>(SUBSCRIPTION_CHARGES, 'subscriptionId', subscriptionId);
}
