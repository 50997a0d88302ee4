import { randomBytes } from 'node:crypto';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { mergeMetadata } from './customers.js';
import { invalidParam, missingParam, noSuch } from './errors.js';
import { stripeId } from './ids.js';
import { WEBHOOK_ENDPOINTS, type Metadata, type StripeWebhookEndpoint } from './model.js';
import { nowOn } from './time.js';

export interface WebhookEndpointInput {
  url?: string;
  enabled_events?: string[];
  api_version?: string;
  description?: string | null;
  metadata?: Metadata;
  disabled?: boolean;
}

export function getWebhookEndpoint(view: ReadView, id: string): StripeWebhookEndpoint {
  const endpoint = view.get<StripeWebhookEndpoint>(WEBHOOK_ENDPOINTS, id);
  if (!endpoint) throw noSuch('webhook endpoint', id);
  return endpoint;
}

function checkUrl(url: string): void {
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw invalidParam('url', `Invalid URL: ${url}`, 'url_invalid');
}

/** The signing secret is random (not from the deterministic sequence): it guards real HTTP deliveries. */
export function createWebhookEndpoint(tx: Transaction, input: WebhookEndpointInput): StripeWebhookEndpoint {
  if (!input.url) throw missingParam('url');
  if (!input.enabled_events?.length) throw missingParam('enabled_events');
  checkUrl(input.url);
  return tx.insert<StripeWebhookEndpoint>(WEBHOOK_ENDPOINTS, {
    id: stripeId(tx, 'we'),
    created: nowOn(tx, null),
    url: input.url,
    enabled_events: input.enabled_events,
    secret: `whsec_${randomBytes(24).toString('base64url')}`,
    status: 'enabled',
    api_version: input.api_version ?? null,
    description: input.description ?? null,
    metadata: input.metadata ?? {},
  });
}

export function updateWebhookEndpoint(tx: Transaction, id: string, input: WebhookEndpointInput): StripeWebhookEndpoint {
  const endpoint = getWebhookEndpoint(tx, id);
  if (input.url) checkUrl(input.url);
  return tx.update<StripeWebhookEndpoint>(WEBHOOK_ENDPOINTS, id, {
    ...(input.url ? { url: input.url } : {}),
    ...(input.enabled_events ? { enabled_events: input.enabled_events } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.metadata ? { metadata: mergeMetadata(endpoint.metadata, input.metadata) } : {}),
    ...(input.disabled !== undefined ? { status: input.disabled ? 'disabled' : 'enabled' } : {}),
  });
}

export function deleteWebhookEndpoint(tx: Transaction, id: string): StripeWebhookEndpoint {
  const endpoint = getWebhookEndpoint(tx, id);
  tx.remove(WEBHOOK_ENDPOINTS, id);
  return endpoint;
}

/** The enabled endpoints that listen for an event type (`*` listens for all). */
export function endpointsFor(view: ReadView, type: string): StripeWebhookEndpoint[] {
  return view
    .all<StripeWebhookEndpoint>(WEBHOOK_ENDPOINTS)
    .filter((endpoint) => endpoint.status === 'enabled' && (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(type)));
}
