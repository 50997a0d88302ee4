import { createCheckout, createPortal } from '../stripe/checkout.js';
import { handleStripeEvent } from '../stripe/inbound.js';
import { connectStripe, removeStripe } from '../stripe/integration.js';
import { stripeClientOf } from '../stripe/outbound.js';
import { verifyStripeSignature } from '../stripe/signature.js';
import { STRIPE_PRORATION_BEHAVIORS, type StripeEvent } from '../stripe/types.js';
import { ApiError } from './errors.js';
import { Field, isPlainObject, Problems } from './input.js';
import { requireActiveCustomer, requireCustomer } from './lookups.js';
import type { ApiReply, ApiRequest } from './routeTable.js';
import { readProvision } from './subscriptionInput.js';

/**
 * `POST /api/integrations/stripe {secretKey, apiUrl, automaticTax?, prorationBehavior?}`: Stripe becomes the engine's
 * billing integration (one per environment): customers, subscriptions and usage go to Stripe from
 * now on, and Stripe's webhooks come to `/webhooks/stripe`.
 */
export async function connectStripeIntegration({ engine, body }: ApiRequest): Promise<ApiReply> {
  const problems = new Problems();
  const root = Field.body(body ?? {}, problems);
  root.object(['secretKey', 'apiUrl', 'automaticTax', 'prorationBehavior']);
  const secretKey = root.at('secretKey').string();
  const apiUrl = root.at('apiUrl').string();
  const automaticTax = root.at('automaticTax').optional()?.boolean() ?? false;
  const prorationBehavior = root.at('prorationBehavior').optional()?.oneOf(STRIPE_PRORATION_BEHAVIORS) ?? 'create_prorations';
  if (apiUrl && !/^https?:\/\/\S+$/.test(apiUrl)) root.at('apiUrl').fail('must be an http(s) URL');
  problems.check();
  const integration = await connectStripe(engine.ctx, { secretKey, apiUrl, automaticTax, prorationBehavior }, engine.stripeWebhookUrl);
  return {
    status: 201,
    body: { integration: 'stripe', apiUrl, webhookUrl: engine.stripeWebhookUrl, webhookEndpointId: integration.webhookEndpointId, automaticTax, prorationBehavior },
  };
}

/** `DELETE /api/integrations/stripe`: removes the webhook endpoint; Zuora is the integration again. */
export async function removeStripeIntegration({ engine }: ApiRequest): Promise<ApiReply> {
  if (!(await removeStripe(engine.ctx))) throw new ApiError(404, 'NOT_CONNECTED', 'No Stripe integration is connected');
  return { body: { integration: 'stripe', removed: true } };
}

/**
 * `POST /webhooks/stripe`: an event from Stripe, signed with the endpoint's secret. A bad signature
 * is refused with 400; a failure answers 5xx so Stripe retries (handlers apply each event once).
 */
export async function receiveStripeEvent({ engine, headers, body, rawBody }: ApiRequest): Promise<ApiReply> {
  const integration = engine.ctx.store.stripeIntegration();
  const client = stripeClientOf(engine.ctx);
  if (!integration || !client) throw new ApiError(404, 'NOT_CONNECTED', 'No Stripe integration is connected');
  const signature = headers['stripe-signature'];
  if (!verifyStripeSignature(typeof signature === 'string' ? signature : undefined, rawBody, integration.webhookSecret)) {
    throw new ApiError(400, 'INVALID_SIGNATURE', 'The Stripe-Signature header does not match the body');
  }
  if (!isPlainObject(body) || typeof body.id !== 'string' || typeof body.type !== 'string' || !isPlainObject(body.data)) {
    throw new ApiError(400, 'INVALID_EVENT', 'A Stripe event has an id, a type and data');
  }
  return { body: await handleStripeEvent(engine.ctx, client, body as unknown as StripeEvent) };
}

/** The connected Stripe client, or a 409 naming why hosted pages are not there. */
function hostedPagesClient(engine: ApiRequest['engine']) {
  const client = stripeClientOf(engine.ctx);
  if (!client) throw new ApiError(409, 'STRIPE_NOT_CONNECTED', 'Hosted checkout and billing-portal links need the Stripe integration');
  return client;
}

/**
 * `POST /api/checkout {customerId, planId, billingPeriod?, addons?, units?, id?, successUrl, cancelUrl?}`:
 * a link to Stripe's hosted checkout for that subscription. When the buyer completes it, the
 * subscription is provisioned on the platform (its id is `subscriptionId` in the answer).
 */
export async function createCheckoutLink({ engine, body }: ApiRequest): Promise<ApiReply> {
  const client = hostedPagesClient(engine);
  const problems = new Problems();
  const root = Field.body(body ?? {}, problems);
  const successUrl = root.at('successUrl').string();
  const cancelUrl = root.at('cancelUrl').optional()?.string();
  problems.check();
  const { successUrl: _success, cancelUrl: _cancel, ...choice } = body as Record<string, unknown>;
  const subscription = readProvision(choice, engine.ctx.store.catalog());
  requireActiveCustomer(engine.ctx, subscription.customerId);
  const session = await createCheckout(engine.ctx, client, { subscription, successUrl, ...(cancelUrl ? { cancelUrl } : {}) });
  return { status: 201, body: session };
}

/** `POST /api/customers/:id/billing-portal {returnUrl?}`: a link to Stripe's billing portal for the customer. */
export async function createPortalLink({ engine, params, body }: ApiRequest): Promise<ApiReply> {
  const client = hostedPagesClient(engine);
  const customer = requireCustomer(engine.ctx, params.id ?? '');
  const problems = new Problems();
  const root = Field.body(body ?? {}, problems);
  root.object(['returnUrl']);
  const returnUrl = root.at('returnUrl').optional()?.string();
  problems.check();
  const portal = await createPortal(engine.ctx, client, customer.id, returnUrl);
  if (!portal) throw new ApiError(409, 'CUSTOMER_NOT_IN_STRIPE', `Customer '${customer.id}' is not in Stripe yet`);
  return { status: 201, body: portal };
}
