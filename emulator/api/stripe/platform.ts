import { advanceTestClock } from '../../domain/stripe/advance.js';
import { EVENTS, TEST_CLOCKS, WEBHOOK_ENDPOINTS, type StripeEvent, type StripeTestClock, type StripeWebhookEndpoint } from '../../domain/stripe/model.js';
import { noSuch } from '../../domain/stripe/errors.js';
import { createTestClock, deleteTestClock, getTestClock } from '../../domain/stripe/testClocks.js';
import { createWebhookEndpoint, deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint, type WebhookEndpointInput } from '../../domain/stripe/webhookEndpoints.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { deleted, paramsOf, render, viewOf, write } from './context.js';
import { page } from './list.js';
import { allowOnly, bool, int, metadata, nullableStr, str, strings, type Params } from './params.js';
import { eventShape } from './shapes/index.js';
import { testClockShape, webhookEndpointShape } from './shapes/platform.js';

export async function postTestClock(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['frozen_time', 'name']);
  const [frozenTime, name] = [int(params, 'frozen_time'), str(params, 'name')];
  return render(ctx, TEST_CLOCKS, await write(ctx, (tx) => createTestClock(tx, { ...(frozenTime !== undefined ? { frozen_time: frozenTime } : {}), ...(name ? { name } : {}) })));
}

export const getTestClockById = (ctx: RequestContext): Reply => ({ body: testClockShape(getTestClock(viewOf(ctx), ctx.params.id ?? '')) });

export function listTestClocks(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before']);
  return { body: page(viewOf(ctx).all<StripeTestClock>(TEST_CLOCKS), params, '/v1/test_helpers/test_clocks', testClockShape) };
}

export async function deleteTestClockById(ctx: RequestContext): Promise<Reply> {
  const clock = await write(ctx, (tx) => deleteTestClock(tx, ctx.params.id ?? ''));
  return deleted('test_helpers.test_clock', clock.id);
}

/** Runs everything due on the clock's objects up to `frozen_time` before answering, status `ready`. */
export async function postAdvance(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['frozen_time']);
  const target = int(params, 'frozen_time');
  const { store, clock, jobs } = ctx.services;
  const advanced = await advanceTestClock(store, clock, jobs, ctx.tenant, ctx.params.id ?? '', target ?? Number.NaN);
  return { body: testClockShape(advanced) };
}

function endpointInput(params: Params): WebhookEndpointInput {
  const input: WebhookEndpointInput = {};
  const [url, events, apiVersion, description, meta, disabled] = [
    str(params, 'url'),
    strings(params, 'enabled_events'),
    str(params, 'api_version'),
    nullableStr(params, 'description'),
    metadata(params),
    bool(params, 'disabled'),
  ];
  if (url) input.url = url;
  if (events) input.enabled_events = events;
  if (apiVersion) input.api_version = apiVersion;
  if (description !== undefined) input.description = description;
  if (meta) input.metadata = meta;
  if (disabled !== undefined) input.disabled = disabled;
  return input;
}

export async function postWebhookEndpoint(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['url', 'enabled_events', 'api_version', 'description', 'metadata', 'connect']);
  const endpoint = await write(ctx, (tx) => createWebhookEndpoint(tx, endpointInput(params)));
  return { body: webhookEndpointShape(endpoint, true) };
}

export const getWebhookEndpointById = (ctx: RequestContext): Reply => ({ body: webhookEndpointShape(getWebhookEndpoint(viewOf(ctx), ctx.params.id ?? '')) });

export async function postWebhookEndpointUpdate(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['url', 'enabled_events', 'description', 'metadata', 'disabled']);
  return render(ctx, WEBHOOK_ENDPOINTS, await write(ctx, (tx) => updateWebhookEndpoint(tx, ctx.params.id ?? '', endpointInput(params))));
}

export async function deleteWebhookEndpointById(ctx: RequestContext): Promise<Reply> {
  const endpoint = await write(ctx, (tx) => deleteWebhookEndpoint(tx, ctx.params.id ?? ''));
  return deleted('webhook_endpoint', endpoint.id);
}

export function listWebhookEndpoints(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before']);
  return { body: page(viewOf(ctx).all<StripeWebhookEndpoint>(WEBHOOK_ENDPOINTS), params, '/v1/webhook_endpoints', (endpoint) => webhookEndpointShape(endpoint)) };
}

export function getEventById(ctx: RequestContext): Reply {
  const view = viewOf(ctx);
  const event = view.get<StripeEvent>(EVENTS, ctx.params.id ?? '');
  if (!event) throw noSuch('event', ctx.params.id ?? '');
  return { body: eventShape(view, event) };
}

export function listEvents(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created', 'type', 'types']);
  const view = viewOf(ctx);
  const type = str(params, 'type');
  const types = strings(params, 'types');
  // `type` may end in `.*` to take a whole family.
  const matches = (eventType: string) =>
    (!type || (type.endsWith('.*') ? eventType.startsWith(type.slice(0, -1)) : eventType === type)) && (!types || types.includes(eventType));
  const events = view.all<StripeEvent>(EVENTS).filter((event) => matches(event.type));
  return { body: page(events, params, '/v1/events', (event) => eventShape(view, event)) };
}
