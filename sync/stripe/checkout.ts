import { randomUUID } from 'node:crypto';
import type { SyncContext } from '../context.js';
import type { Customer } from '../model/types.js';
import { currencyOfCustomer, customerRecord, planOf } from '../outbound/records.js';
import { provisionSubscription, type ProvisionInput } from '../outbound/subscriptions.js';
import { entityUrl } from '../outbound/mapping.js';
import { itemsFor } from './catalog.js';
import type { StripeClient } from './client.js';
import { customerLink, customerParams, subscriptionLink } from './outbound.js';

// Seed 003's hosted pages: a checkout link that takes a customer's card on Stripe's page and
// subscribes them there, and a billing-portal link where they change their card and see invoices.
// What the buyer chose travels in the session's metadata; `checkout.session.completed` makes the
// platform subscription, linked to the Stripe subscription checkout made (nothing is made twice).

/** The Stripe customer of a platform customer, made when it has none yet (checkout makes its subscription). */
async function stripeCustomerOf(ctx: SyncContext, client: StripeClient, customer: Customer): Promise<string> {
  const linked = ctx.store.stripeLink(customerLink(customer.id));
  if (linked) return linked;
  const made = await client.post<{ id: string }>('/v1/customers', customerParams(ctx, customer), `stigg-customer-${customer.id}`);
  await ctx.store.putStripeLink(customerLink(customer.id), made.id);
  return made.id;
}

export interface CheckoutRequest {
  subscription: ProvisionInput;
  successUrl: string;
  cancelUrl?: string;
}

/** A hosted checkout session for the plan (and add-ons, seats) chosen: its page's URL and id. */
export async function createCheckout(ctx: SyncContext, client: StripeClient, request: CheckoutRequest): Promise<{ id: string; url: string; subscriptionId: string }> {
  const { subscription: choice } = request;
  const customer = customerRecord(ctx, choice.customerId);
  const plan = planOf(ctx, choice.planId);
  const period = choice.billingPeriod ?? 'MONTHLY';
  const currency = currencyOfCustomer(customer).toLowerCase();
  const items = await itemsFor(ctx, client, plan, period, choice.units ?? {}, currency);
  for (const addon of choice.addons ?? []) {
    const pkg = ctx.store.package(addon.addonId);
    if (pkg) items.push(...(await itemsFor(ctx, client, pkg, period, choice.units ?? {}, currency, addon.quantity)));
  }
  const subscriptionId = choice.id ?? `sub-${randomUUID()}`;
  const integration = ctx.store.stripeIntegration();
  const session = await client.post<{ id: string; url: string }>('/v1/checkout/sessions', {
    mode: 'subscription',
    customer: await stripeCustomerOf(ctx, client, customer),
    line_items: items,
    success_url: request.successUrl,
    ...(request.cancelUrl ? { cancel_url: request.cancelUrl } : {}),
    client_reference_id: customer.id,
    ...(integration?.automaticTax ? { automatic_tax: { enabled: true } } : {}),
    metadata: { stiggCheckout: JSON.stringify({ ...choice, id: subscriptionId, billingPeriod: period }) },
    subscription_data: { metadata: { stiggEntityUrl: entityUrl(ctx, 'subscriptions', subscriptionId), stiggSubscriptionId: subscriptionId } },
  });
  return { id: session.id, url: session.url, subscriptionId };
}

interface CompletedSession {
  customer: string;
  subscription: string | null;
  metadata: Record<string, string>;
}

interface StripeCard {
  id: string;
  card?: { last4: string; exp_month: number; exp_year: number };
}

/**
 * `checkout.session.completed`: the card the buyer entered becomes the customer's payment method,
 * and the subscription they chose is provisioned on the platform, linked to the one checkout made.
 */
export async function checkoutCompleted(ctx: SyncContext, client: StripeClient, session: CompletedSession): Promise<string> {
  const raw = session.metadata.stiggCheckout;
  if (!raw || !session.subscription) return 'not a checkout of the platform';
  const choice = JSON.parse(raw) as ProvisionInput & { id: string };
  if (ctx.store.subscription(choice.id)) return 'already provisioned';
  const stripeCustomer = await client.get<{ invoice_settings: { default_payment_method: string | null } }>(`/v1/customers/${session.customer}`);
  const methodId = stripeCustomer.invoice_settings.default_payment_method;
  const customer = customerRecord(ctx, choice.customerId);
  if (methodId) {
    const method = await client.get<StripeCard>(`/v1/payment_methods/${methodId}`);
    await ctx.store.putCustomer({
      ...customer,
      paymentMethod: { type: 'card', billingId: method.id, ...(method.card ? { last4: method.card.last4, expMonth: method.card.exp_month, expYear: method.card.exp_year } : {}) },
    });
  }
  await ctx.store.putStripeLink(subscriptionLink(choice.id), session.subscription);
  const provisioned = await provisionSubscription(ctx, choice);
  return `subscription ${provisioned.id} provisioned (${provisioned.status})`;
}

/** A billing-portal session for the customer: its page's URL. */
export async function createPortal(ctx: SyncContext, client: StripeClient, customerId: string, returnUrl: string | undefined): Promise<{ url: string } | undefined> {
  const linked = ctx.store.stripeLink(customerLink(customerId));
  if (!linked) return undefined;
  const session = await client.post<{ url: string }>('/v1/billing_portal/sessions', { customer: linked, ...(returnUrl ? { return_url: returnUrl } : {}) });
  return { url: session.url };
}
