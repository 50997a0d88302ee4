import type { SyncContext } from '../context.js';
import { StripeClient } from './client.js';
import type { StripeIntegration, StripeProrationBehavior } from './types.js';

/** The Stripe events the engine acts on (see inbound.ts). */
export const STRIPE_EVENTS = [
  'invoice.created',
  'invoice.paid',
  'invoice.payment_failed',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'checkout.session.completed',
] as const;

export interface StripeConnectInput {
  secretKey: string;
  apiUrl: string;
  automaticTax?: boolean;
  prorationBehavior?: StripeProrationBehavior;
}

/**
 * Makes Stripe the engine's billing integration: checks the key, and registers a webhook endpoint
 * for the events above at `webhookUrl`. Connecting again replaces the previous endpoint.
 */
export async function connectStripe(ctx: SyncContext, input: StripeConnectInput, webhookUrl: string): Promise<StripeIntegration> {
  const previous = ctx.store.stripeIntegration();
  if (previous) await removeStripe(ctx);
  const client = new StripeClient(input.apiUrl, input.secretKey);
  const endpoint = await client.post<{ id: string; secret: string }>('/v1/webhook_endpoints', {
    url: webhookUrl,
    enabled_events: [...STRIPE_EVENTS],
    description: 'Subscription platform sync engine',
  });
  const integration: StripeIntegration = {
    secretKey: input.secretKey,
    apiUrl: input.apiUrl,
    webhookEndpointId: endpoint.id,
    webhookSecret: endpoint.secret,
    automaticTax: input.automaticTax ?? false,
    prorationBehavior: input.prorationBehavior ?? 'create_prorations',
  };
  await ctx.store.putStripeIntegration(integration);
  return integration;
}

/** Removes the webhook endpoint and the integration; Zuora is the engine's integration again. */
export async function removeStripe(ctx: SyncContext): Promise<boolean> {
  const integration = ctx.store.stripeIntegration();
  if (!integration) return false;
  const client = new StripeClient(integration.apiUrl, integration.secretKey);
  await client.delete(`/v1/webhook_endpoints/${integration.webhookEndpointId}`).catch(() => undefined);
  await ctx.store.putStripeIntegration(undefined);
  return true;
}
