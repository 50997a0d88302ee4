import { invalidParam, noSuch } from '../../domain/stripe/errors.js';
import { SUBSCRIPTION_ITEMS, SUBSCRIPTIONS, type StripeSubscription, type StripeSubscriptionItem } from '../../domain/stripe/model.js';
import {
  cancelSubscription,
  createSubscription,
  getSubscription,
  itemsOf,
  removeDiscounts,
  updateSubscription,
  type ItemInput,
  type SubscriptionInput,
  type SubscriptionUpdate,
} from '../../domain/stripe/subscriptions.js';
import { PRORATION_BEHAVIORS, type ProrationBehavior } from '../../domain/stripe/prorations.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { deleted, paramsOf, render, viewOf, write } from './context.js';
import { page } from './list.js';
import { allowOnly, arr, bool, int, metadata, nullableStr, obj, str, type Params } from './params.js';
import { searchPage } from './search.js';
import { subscriptionItemShape, subscriptionShape } from './shapes/billing.js';

function items(params: Params): ItemInput[] | undefined {
  return arr(params, 'items')?.map((entry, index) => {
    const item = entry as Params;
    allowOnly(item, ['id', 'price', 'quantity', 'metadata', 'deleted', 'clear_usage', 'discounts', 'tax_rates']);
    const result: ItemInput = {};
    const id = str(item, 'id');
    const price = str(item, 'price');
    const quantity = int(item, 'quantity');
    const meta = metadata(item);
    const gone = bool(item, 'deleted');
    if (quantity !== undefined && quantity < 0) throw invalidParam(`items[${index}][quantity]`, 'Quantity must be a non-negative integer.', 'parameter_invalid_integer');
    if (id) result.id = id;
    if (price) result.price = price;
    if (quantity !== undefined) result.quantity = quantity;
    if (meta) result.metadata = meta;
    if (gone !== undefined) result.deleted = gone;
    return result;
  });
}

/** `trial_end` takes a unix time or `now`. */
function trialEnd(params: Params, now: () => number): number | undefined {
  const value = str(params, 'trial_end');
  return value === 'now' ? now() : int(params, 'trial_end');
}

/** `discounts[]` entries name a coupon or a promotion code. */
function discounts(params: Params): SubscriptionInput['discounts'] {
  return arr(params, 'discounts')?.map((entry) => {
    const discount = entry as Params;
    allowOnly(discount, ['coupon', 'promotion_code', 'discount']);
    const [coupon, promotionCode] = [str(discount, 'coupon'), str(discount, 'promotion_code')];
    return { ...(coupon ? { coupon } : {}), ...(promotionCode ? { promotion_code: promotionCode } : {}) };
  });
}

const COMMON = ['discounts', 'items', 'collection_method', 'days_until_due', 'default_payment_method', 'payment_behavior', 'trial_end', 'cancel_at_period_end', 'cancel_at', 'description', 'metadata', 'automatic_tax', 'proration_behavior'] as const;

function subscriptionInput(ctx: RequestContext, params: Params): SubscriptionInput {
  const input: SubscriptionInput = {};
  const assign = <K extends keyof SubscriptionInput>(key: K, value: SubscriptionInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  assign('customer', str(params, 'customer'));
  assign('items', items(params));
  assign('collection_method', str(params, 'collection_method') as SubscriptionInput['collection_method']);
  assign('days_until_due', int(params, 'days_until_due'));
  assign('default_payment_method', str(params, 'default_payment_method'));
  assign('payment_behavior', str(params, 'payment_behavior') as SubscriptionInput['payment_behavior']);
  assign('trial_period_days', int(params, 'trial_period_days'));
  assign('trial_end', trialEnd(params, () => Math.floor(viewOf(ctx).now().getTime() / 1000)));
  assign('cancel_at_period_end', bool(params, 'cancel_at_period_end'));
  const cancelAt = nullableStr(params, 'cancel_at');
  assign('cancel_at', cancelAt === null ? null : int(params, 'cancel_at'));
  assign('description', nullableStr(params, 'description'));
  assign('metadata', metadata(params));
  assign('discounts', discounts(params));
  const tax = obj(params, 'automatic_tax');
  assign('automatic_tax', tax ? bool(tax, 'enabled') : undefined);
  return input;
}

export async function postSubscription(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, [...COMMON, 'customer', 'trial_period_days', 'billing_mode', 'expand', 'off_session']);
  const input = subscriptionInput(ctx, params);
  const { subscription } = await write(ctx, (tx) => createSubscription(tx, input));
  return render(ctx, SUBSCRIPTIONS, subscription);
}

export const getSubscriptionById = (ctx: RequestContext): Reply => {
  const view = viewOf(ctx);
  return { body: subscriptionShape(view, getSubscription(view, ctx.params.id ?? '')) };
};

export async function postSubscriptionUpdate(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, [...COMMON, 'billing_cycle_anchor', 'proration_date', 'pause_collection', 'off_session']);
  const input: SubscriptionUpdate = subscriptionInput(ctx, params);
  const behavior = str(params, 'proration_behavior');
  if (behavior !== undefined) {
    if (!PRORATION_BEHAVIORS.includes(behavior as ProrationBehavior)) {
      throw invalidParam('proration_behavior', `Invalid proration_behavior: must be one of ${PRORATION_BEHAVIORS.join(', ')}`, 'parameter_invalid_string');
    }
    input.proration_behavior = behavior as ProrationBehavior;
  }
  const prorationDate = int(params, 'proration_date');
  if (prorationDate !== undefined) input.proration_date = prorationDate;
  return render(ctx, SUBSCRIPTIONS, await write(ctx, (tx) => updateSubscription(tx, ctx.params.id ?? '', input)));
}

export async function deleteSubscriptionById(ctx: RequestContext): Promise<Reply> {
  allowOnly(paramsOf(ctx), ['invoice_now', 'prorate', 'cancellation_details']);
  return render(ctx, SUBSCRIPTIONS, await write(ctx, (tx) => cancelSubscription(tx, ctx.params.id ?? '')));
}

export async function deleteSubscriptionDiscount(ctx: RequestContext): Promise<Reply> {
  const subscription = await write(ctx, (tx) => removeDiscounts(tx, ctx.params.id ?? ''));
  return deleted('discount', subscription.id);
}

/** Canceled subscriptions are left out unless `status=canceled` or `all` asks for them. */
export function listSubscriptions(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created', 'customer', 'price', 'status', 'test_clock', 'collection_method']);
  const view = viewOf(ctx);
  const customer = str(params, 'customer');
  const status = str(params, 'status');
  const price = str(params, 'price');
  const subscriptions = view.all<StripeSubscription>(SUBSCRIPTIONS).filter(
    (sub) =>
      (!customer || sub.customer === customer) &&
      (status === 'all' || (status ? sub.status === status : sub.status !== 'canceled' && sub.status !== 'incomplete_expired')) &&
      (!price || itemsOf(view, sub.id).some((item) => item.price === price)),
  );
  return { body: page(subscriptions, params, '/v1/subscriptions', (sub) => subscriptionShape(view, sub)) };
}

export function searchSubscriptions(ctx: RequestContext): Reply {
  const view = viewOf(ctx);
  return { body: searchPage(paramsOf(ctx), view.all<StripeSubscription>(SUBSCRIPTIONS), '/v1/subscriptions/search', (sub) => subscriptionShape(view, sub)) };
}

export function listSubscriptionItems(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'subscription']);
  const view = viewOf(ctx);
  const subscription = getSubscription(view, str(params, 'subscription') ?? '', 'subscription');
  return { body: page(itemsOf(view, subscription.id), params, `/v1/subscription_items?subscription=${subscription.id}`, (item) => subscriptionItemShape(view, item, subscription)) };
}

export function getSubscriptionItemById(ctx: RequestContext): Reply {
  const view = viewOf(ctx);
  const item = view.get<StripeSubscriptionItem>(SUBSCRIPTION_ITEMS, ctx.params.id ?? '');
  if (!item) throw noSuch('subscription_item', ctx.params.id ?? '');
  return { body: subscriptionItemShape(view, item, getSubscription(view, item.subscription)) };
}
