import type { SyncContext } from '../context.js';
import type { Customer, PaymentMethodInput, Subscription } from '../model/types.js';
import { skipIfNotBillable } from '../outbound/customers.js';
import { platformNow } from '../outbound/dates.js';
import { entityUrl } from '../outbound/mapping.js';
import { heldPaymentMethod, holdPaymentMethod, releasePaymentMethod } from '../outbound/paymentMethods.js';
import { currencyOfCustomer, customerRecord, planOf, subscriptionOf } from '../outbound/records.js';
import { subscriptionSkipReason } from '../outbound/rules.js';
import { itemsFor, type StripeItem } from './catalog.js';
import { StripeApiError, StripeClient } from './client.js';
import type { StripeSubscription, StripeSubscriptionItem } from './types.js';

/** Seed 003: at most 500 active subscriptions per Stripe customer. */
export const MAX_ACTIVE_SUBSCRIPTIONS = 500;

/** The Stripe client of the connected integration; undefined while Zuora is the engine's integration. */
export function stripeClientOf(ctx: SyncContext): StripeClient | undefined {
  const integration = ctx.store.stripeIntegration();
  return integration ? new StripeClient(integration.apiUrl, integration.secretKey) : undefined;
}

export const customerLink = (id: string): string => `customer:${id}`;
export const subscriptionLink = (id: string): string => `subscription:${id}`;

const failureReason = (error: unknown): string => (error instanceof StripeApiError ? `Stripe: ${error.code ?? error.type}: ${error.message}` : error instanceof Error ? error.message : String(error));

/** A platform payment method as a Stripe one: a `pm_` id (a test method included) attaches as it is; a card number is made one first. */
async function attachPaymentMethod(client: StripeClient, stripeCustomer: string, input: PaymentMethodInput): Promise<string> {
  const source =
    input.type === 'cc_ref'
      ? input.token
      : (await client.post<{ id: string }>('/v1/payment_methods', { type: 'card', card: { number: input.cardNumber, exp_month: input.expMonth, exp_year: input.expYear } })).id;
  const attached = await client.post<{ id: string }>(`/v1/payment_methods/${source}/attach`, { customer: stripeCustomer });
  await client.post(`/v1/customers/${stripeCustomer}`, { invoice_settings: { default_payment_method: attached.id } });
  return attached.id;
}

export function customerParams(ctx: SyncContext, customer: Customer): Record<string, unknown> {
  const address = customer.billingInfo?.address;
  // `stripeInvoiceName` metadata overrides the name shown on invoices (seed 003's invoice-name override).
  const name = customer.metadata.stripeInvoiceName ?? customer.name;
  return {
    name,
    ...(customer.email || customer.billingInfo?.email ? { email: customer.email ?? customer.billingInfo?.email } : {}),
    ...(address
      ? { address: { line1: address.line1 ?? '', line2: address.line2 ?? '', city: address.city ?? '', state: address.state ?? '', country: address.country ?? '', postal_code: address.postalCode ?? '' } }
      : {}),
    metadata: { stiggEntityUrl: entityUrl(ctx, 'customers', customer.id), stiggCustomerId: customer.id },
  };
}

/** Customer -> Stripe customer under the same "not synced when" rules as Zuora's; outcome on `sync`. */
export async function syncStripeCustomer(ctx: SyncContext, client: StripeClient, customerId: string, paymentMethod?: PaymentMethodInput): Promise<Customer> {
  const customer = customerRecord(ctx, customerId);
  const { at } = await platformNow(ctx);
  const input = paymentMethod ?? heldPaymentMethod(ctx, customerId);
  const skipped = await skipIfNotBillable(ctx, customer, input, at);
  if (skipped) return skipped;
  try {
    const linked = ctx.store.stripeLink(customerLink(customerId));
    const stripeId = linked
      ? (await client.post<{ id: string }>(`/v1/customers/${linked}`, customerParams(ctx, customer))).id
      : (await client.post<{ id: string }>('/v1/customers', customerParams(ctx, customer), `stigg-customer-${customerId}`)).id;
    if (!linked) await ctx.store.putStripeLink(customerLink(customerId), stripeId);
    let record: Customer = { ...customer };
    if (input) {
      const methodId = await attachPaymentMethod(client, stripeId, input);
      releasePaymentMethod(ctx, customerId);
      record = { ...record, paymentMethod: { type: input.type, ...(input.type === 'card' ? { last4: input.cardNumber.slice(-4), expMonth: input.expMonth, expYear: input.expYear } : {}), billingId: methodId } };
    }
    const synced: Customer = { ...record, sync: { status: 'SYNCED', at } };
    await ctx.store.putCustomer(synced);
    return synced;
  } catch (error) {
    if (input) holdPaymentMethod(ctx, customerId, input);
    const failed: Customer = { ...customerRecord(ctx, customerId), sync: { status: 'FAILED', reason: failureReason(error), at } };
    await ctx.store.putCustomer(failed);
    return failed;
  }
}

/** Stripe's subscription status in the platform's words. */
function platformState(stripe: StripeSubscription, current: Subscription): Pick<Subscription, 'status' | 'paymentCollection'> {
  switch (stripe.status) {
    case 'incomplete':
      return { status: 'PAYMENT_PENDING', paymentCollection: 'FAILED' };
    case 'past_due':
      return { status: current.status, paymentCollection: 'FAILED' };
    case 'canceled':
    case 'incomplete_expired':
    case 'unpaid':
      return { status: 'CANCELED', paymentCollection: 'NOT_REQUIRED' };
    default:
      return { status: current.status === 'PAYMENT_PENDING' ? 'ACTIVE' : current.status, paymentCollection: 'NOT_REQUIRED' };
  }
}

/** What the subscription holds as Stripe items: one per charge of its plan, and of each add-on. */
async function subscriptionItems(ctx: SyncContext, client: StripeClient, subscription: Subscription): Promise<StripeItem[]> {
  const currency = currencyOfCustomer(customerRecord(ctx, subscription.customerId)).toLowerCase();
  const items = await itemsFor(ctx, client, planOf(ctx, subscription.planId), subscription.billingPeriod, subscription.units, currency);
  for (const addon of subscription.addons) {
    const pkg = ctx.store.package(addon.addonId);
    if (pkg) items.push(...(await itemsFor(ctx, client, pkg, subscription.billingPeriod, subscription.units, currency, addon.quantity)));
  }
  return items;
}

/**
 * The `items[]` of a Stripe update taking the subscription from what it holds to what it should:
 * an item whose price stays keeps its id (its quantity changed if need be), an item whose price goes
 * takes one of the new prices in place (so Stripe prorates the swap), what is left over is deleted
 * or added.
 */
export function itemUpdates(current: readonly StripeSubscriptionItem[], desired: readonly StripeItem[]): Array<Record<string, unknown>> {
  const updates: Array<Record<string, unknown>> = [];
  const unmatched = [...current];
  const missing: StripeItem[] = [];
  for (const want of desired) {
    const at = unmatched.findIndex((item) => item.price.id === want.price);
    const [same] = at >= 0 ? unmatched.splice(at, 1) : [];
    if (!same) missing.push(want);
    else if (same.quantity !== want.quantity) updates.push({ id: same.id, quantity: want.quantity });
  }
  for (const want of missing) {
    const swapped = unmatched.shift();
    updates.push(swapped ? { id: swapped.id, price: want.price, quantity: want.quantity } : { price: want.price, quantity: want.quantity });
  }
  for (const gone of unmatched) updates.push({ id: gone.id, deleted: true });
  return updates;
}

/**
 * A change made now (plan, add-ons, quantities) on a subscription already in Stripe: its items are
 * updated in place and Stripe prorates them as the integration says (`prorationBehavior`, Stripe's
 * default `create_prorations` unless connected otherwise). A change to a plan that is not synced
 * (free, custom price) ends the Stripe subscription.
 */
export async function changeStripeSubscription(ctx: SyncContext, client: StripeClient, changed: Subscription): Promise<Subscription> {
  const { at } = await platformNow(ctx);
  const linked = ctx.store.stripeLink(subscriptionLink(changed.id)) as string;
  try {
    const reason = subscriptionSkipReason(changed, planOf(ctx, changed.planId), ctx.store.integration());
    if (reason !== undefined) {
      await cancelStripeSubscription(ctx, client, changed.id);
      return { ...changed, sync: { status: 'NO_SYNC', reason, at } };
    }
    const current = await client.get<StripeSubscription>(`/v1/subscriptions/${linked}`);
    const updates = itemUpdates(current.items.data, await subscriptionItems(ctx, client, changed));
    if (updates.length === 0) return { ...changed, sync: { status: 'SYNCED', at } };
    const updated = await client.post<StripeSubscription>(`/v1/subscriptions/${linked}`, {
      items: updates,
      proration_behavior: ctx.store.stripeIntegration()?.prorationBehavior ?? 'create_prorations',
    });
    return { ...changed, ...platformState(updated, changed), sync: { status: 'SYNCED', at } };
  } catch (error) {
    return { ...changed, sync: { status: 'FAILED', reason: failureReason(error), at } };
  }
}

/**
 * Subscription -> Stripe subscription: one item per charge and per add-on, the platform's link in
 * `stiggEntityUrl` metadata; sign-up is charged at once, and a decline leaves it PAYMENT_PENDING.
 */
export async function syncStripeSubscription(ctx: SyncContext, client: StripeClient, subscriptionId: string): Promise<Subscription> {
  const subscription = subscriptionOf(ctx, subscriptionId);
  const { at } = await platformNow(ctx);
  const plan = planOf(ctx, subscription.planId);
  const save = async (record: Subscription) => {
    await ctx.store.putSubscription(record);
    return record;
  };
  const reason = subscriptionSkipReason(subscription, plan, ctx.store.integration());
  if (reason !== undefined) {
    await syncStripeCustomer(ctx, client, subscription.customerId);
    return save({ ...subscription, sync: { status: 'NO_SYNC', reason, at } });
  }
  const customer = await syncStripeCustomer(ctx, client, subscription.customerId);
  const stripeCustomer = ctx.store.stripeLink(customerLink(customer.id));
  if (customer.sync?.status !== 'SYNCED' || !stripeCustomer) {
    return save({ ...subscription, sync: { status: customer.sync?.status === 'FAILED' ? 'FAILED' : 'NO_SYNC', reason: `Customer is not synced: ${customer.sync?.reason ?? 'unknown reason'}`, at } });
  }
  try {
    const made = ctx.store.stripeLink(subscriptionLink(subscription.id));
    if (made) {
      // Made in Stripe already (by a hosted checkout): taken as it is.
      const current = await client.get<StripeSubscription>(`/v1/subscriptions/${made}`);
      return save({ ...subscriptionOf(ctx, subscription.id), ...platformState(current, subscription), sync: { status: 'SYNCED', at } });
    }
    const live = ctx.store.subscriptionsOf(customer.id).filter((other) => other.id !== subscription.id && ctx.store.stripeLink(subscriptionLink(other.id)) && !['CANCELED', 'EXPIRED'].includes(other.status));
    if (live.length >= MAX_ACTIVE_SUBSCRIPTIONS) throw new Error(`The customer already has ${MAX_ACTIVE_SUBSCRIPTIONS} active subscriptions in Stripe`);
    const items = await subscriptionItems(ctx, client, subscription);
    const integration = ctx.store.stripeIntegration();
    const created = await client.post<StripeSubscription>(
      '/v1/subscriptions',
      {
        customer: stripeCustomer,
        items,
        collection_method: subscription.paymentCollectionMethod === 'CHARGE' ? 'charge_automatically' : 'send_invoice',
        ...(subscription.paymentCollectionMethod === 'CHARGE' ? {} : { days_until_due: customer.billingInfo?.invoiceDaysUntilDue ?? 30 }),
        ...(integration?.automaticTax ? { automatic_tax: { enabled: true } } : {}),
        metadata: { stiggEntityUrl: entityUrl(ctx, 'subscriptions', subscription.id), stiggSubscriptionId: subscription.id },
      },
      `stigg-subscription-${subscription.id}`,
    );
    await ctx.store.putStripeLink(subscriptionLink(subscription.id), created.id);
    return save({ ...subscriptionOf(ctx, subscription.id), ...platformState(created, subscription), sync: { status: 'SYNCED', at } });
  } catch (error) {
    return save({ ...subscriptionOf(ctx, subscription.id), sync: { status: 'FAILED', reason: failureReason(error), at } });
  }
}

/** A platform cancellation ends the Stripe subscription now. */
export async function cancelStripeSubscription(ctx: SyncContext, client: StripeClient, subscriptionId: string): Promise<void> {
  const linked = ctx.store.stripeLink(subscriptionLink(subscriptionId));
  if (!linked) return;
  const current = await client.get<StripeSubscription>(`/v1/subscriptions/${linked}`);
  if (current.status !== 'canceled' && current.status !== 'incomplete_expired') await client.delete(`/v1/subscriptions/${linked}`);
}
