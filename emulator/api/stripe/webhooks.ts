import { EVENTS, type StripeEvent } from '../../domain/stripe/model.js';
import { endpointsFor } from '../../domain/stripe/webhookEndpoints.js';
import type { DeliverySource } from '../../events/dispatcher.js';
import { eventShape } from './shapes/index.js';

/** Stripe's test mode retries a failed webhook three times over a few hours: after 1, 2 and 4 hours here. */
export const WEBHOOK_RETRY_MINUTES: readonly number[] = [60, 120, 240];

/**
 * Each new Stripe event becomes one webhook per enabled endpoint that listens for its type,
 * delivered by the shared dispatcher (journal, order, faults) and signed at each attempt.
 */
export const stripeWebhooks: DeliverySource = (view, change) => {
  if (change.object !== EVENTS || change.changeType !== 'INSERT' || !change.after) return [];
  const event = change.after as unknown as StripeEvent;
  const endpoints = endpointsFor(view, event.type);
  if (endpoints.length === 0) return [];
  const body = JSON.stringify(eventShape(view, event), null, 2);
  return endpoints.map((endpoint) => ({
    notificationId: endpoint.id,
    eventName: event.type,
    eventCategory: null,
    object: EVENTS,
    objectId: event.id,
    url: endpoint.url,
    method: 'POST' as const,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    body,
    auth: null,
    retry: true,
    maxAttempts: WEBHOOK_RETRY_MINUTES.length + 1,
    retryMinutes: WEBHOOK_RETRY_MINUTES,
    stripe: { secret: endpoint.secret },
    status: 'pending' as const,
    attempts: [],
    nextAttemptAt: null,
  }));
};
