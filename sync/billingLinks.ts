import type { SyncContext } from './context.js';
import type { Customer, Subscription } from './model/types.js';

// seeds/000 "Accessing Zuora entities": a billing id opens the entity in Zuora. Links point into the
// tenant URL the integration was connected with, else the Zuora the engine talks to, at the pages
// Zuora's own UI shows an account and a subscription on.

function tenantUrl(ctx: SyncContext): string {
  return ctx.store.integration().tenantUrl ?? ctx.zuora.baseUrl;
}

export const accountLink = (ctx: SyncContext, accountId: string): string =>
  `${tenantUrl(ctx)}/apps/CustomerAccount.do?method=view&id=${encodeURIComponent(accountId)}`;

export const subscriptionLink = (ctx: SyncContext, subscriptionId: string): string =>
  `${tenantUrl(ctx)}/apps/Subscription.do?method=view&id=${encodeURIComponent(subscriptionId)}`;

/** The customer as the API answers it: with `billingLinkUrl` beside its billing id. */
export const customerView = (ctx: SyncContext, customer: Customer): Customer & { billingLinkUrl?: string } =>
  customer.billingId ? { ...customer, billingLinkUrl: accountLink(ctx, customer.billingId) } : customer;

/** The subscription as the API answers it: with `billingLinkUrl` to its current Zuora version. */
export const subscriptionView = (ctx: SyncContext, subscription: Subscription): Subscription & { billingLinkUrl?: string } =>
  subscription.billingId ? { ...subscription, billingLinkUrl: subscriptionLink(ctx, subscription.billingId) } : subscription;
