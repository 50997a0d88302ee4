import { createPortalSession } from '../../domain/stripe/billingPortal.js';
import { createCheckoutSession, expireCheckoutSession, getCheckoutSession, type CheckoutInput } from '../../domain/stripe/checkout.js';
import { CHECKOUT_SESSIONS, type StripeCheckoutSession } from '../../domain/stripe/model.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { paramsOf, viewOf, write } from './context.js';
import { page } from './list.js';
import { allowOnly, arr, bool, int, metadata, obj, str, type Params } from './params.js';
import { checkoutSessionShape, portalSessionShape } from './shapes/checkout.js';
import { base, list } from './shapes/common.js';

/** Hosted pages live on the Stripe port itself, at the address the client used to reach it, under the account. */
const pageBase = (ctx: RequestContext): string => `http://${String(ctx.headers.host ?? 'localhost')}/pages/${ctx.tenant}`;

export async function postCheckoutSession(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['mode', 'line_items', 'customer', 'customer_email', 'success_url', 'cancel_url', 'client_reference_id', 'metadata', 'subscription_data', 'expires_at', 'automatic_tax', 'allowed_payment_method_types', 'ui_mode', 'billing_address_collection', 'customer_update', 'allow_promotion_codes', 'payment_method_collection']);
  const input: CheckoutInput = {};
  const assign = <K extends keyof CheckoutInput>(key: K, value: CheckoutInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  assign('mode', str(params, 'mode'));
  assign('line_items', arr(params, 'line_items')?.map((entry) => {
    const item = entry as Params;
    const [price, quantity] = [str(item, 'price'), int(item, 'quantity')];
    return { ...(price ? { price } : {}), ...(quantity !== undefined ? { quantity } : {}) };
  }));
  assign('customer', str(params, 'customer'));
  assign('customer_email', str(params, 'customer_email'));
  assign('success_url', str(params, 'success_url'));
  assign('cancel_url', str(params, 'cancel_url'));
  assign('client_reference_id', str(params, 'client_reference_id'));
  assign('metadata', metadata(params));
  assign('expires_at', int(params, 'expires_at'));
  const subscriptionData = obj(params, 'subscription_data');
  if (subscriptionData) {
    assign('subscription_metadata', metadata(subscriptionData));
    assign('trial_period_days', int(subscriptionData, 'trial_period_days'));
  }
  const tax = obj(params, 'automatic_tax');
  assign('automatic_tax', tax ? bool(tax, 'enabled') : undefined);
  const base = pageBase(ctx);
  const session = await write(ctx, (tx) => createCheckoutSession(tx, input, (id) => `${base}/checkout/${id}`));
  return { body: checkoutSessionShape(session) };
}

export const getCheckoutSessionById = (ctx: RequestContext): Reply => ({ body: checkoutSessionShape(getCheckoutSession(viewOf(ctx), ctx.params.id ?? '')) });

export async function postExpire(ctx: RequestContext): Promise<Reply> {
  allowOnly(paramsOf(ctx), []);
  return { body: checkoutSessionShape(await write(ctx, (tx) => expireCheckoutSession(tx, ctx.params.id ?? ''))) };
}

export function listCheckoutSessions(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created', 'customer', 'subscription', 'status']);
  const [customer, subscription, status] = [str(params, 'customer'), str(params, 'subscription'), str(params, 'status')];
  const sessions = viewOf(ctx)
    .all<StripeCheckoutSession>(CHECKOUT_SESSIONS)
    .filter((session) => (!customer || session.customer === customer) && (!subscription || session.subscription === subscription) && (!status || session.status === status));
  return { body: page(sessions, params, '/v1/checkout/sessions', checkoutSessionShape) };
}

export function listCheckoutLineItems(ctx: RequestContext): Reply {
  const session = getCheckoutSession(viewOf(ctx), ctx.params.id ?? '');
  const items = session.line_items.map((item, index) => ({
    ...base('item', `li_${session.id.slice(8, 22)}${index}`),
    currency: session.currency,
    description: null,
    price: item.price,
    quantity: item.quantity,
  }));
  return { body: list(items, `/v1/checkout/sessions/${session.id}/line_items`) };
}

export async function postPortalSession(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['customer', 'return_url', 'configuration', 'flow_data', 'locale', 'on_behalf_of']);
  const [customer, returnUrl] = [str(params, 'customer'), str(params, 'return_url')];
  const base = pageBase(ctx);
  const session = await write(ctx, (tx) => createPortalSession(tx, { ...(customer ? { customer } : {}), ...(returnUrl ? { return_url: returnUrl } : {}) }, (id) => `${base}/billing_portal/${id}`));
  return { body: portalSessionShape(session) };
}
