import type { StripeTestClock, StripeWebhookEndpoint } from '../../../domain/stripe/model.js';
import { base } from './common.js';

export function testClockShape(clock: StripeTestClock) {
  return {
    ...base('test_helpers.test_clock', clock.id),
    created: clock.created,
    deletes_after: clock.deletes_after,
    frozen_time: clock.frozen_time,
    name: clock.name,
    // Advances finish inside the call, so a clock is never seen advancing.
    status: 'ready',
    status_details: {},
  };
}

/** The signing secret is shown once, in the answer to the create call. */
export function webhookEndpointShape(endpoint: StripeWebhookEndpoint, withSecret = false) {
  return {
    ...base('webhook_endpoint', endpoint.id),
    api_version: endpoint.api_version,
    application: null,
    created: endpoint.created,
    description: endpoint.description,
    enabled_events: endpoint.enabled_events,
    metadata: endpoint.metadata,
    status: endpoint.status,
    url: endpoint.url,
    ...(withSecret ? { secret: endpoint.secret } : {}),
  };
}
