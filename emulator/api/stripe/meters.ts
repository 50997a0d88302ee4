import { badState, missingParam, noSuch } from '../../domain/stripe/errors.js';
import { createMeter, getMeter, meterUsage, recordedUsage, recordMeterEvent, recordUsage, updateMeter } from '../../domain/stripe/meters.js';
import { SUBSCRIPTION_ITEMS, METERS, type StripeMeter, type StripeMeterEvent, type StripeSubscriptionItem, type StripeUsageRecord } from '../../domain/stripe/model.js';
import { getSubscription } from '../../domain/stripe/subscriptions.js';
import { nowOn } from '../../domain/stripe/time.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { paramsOf, viewOf, write } from './context.js';
import { page } from './list.js';
import { allowOnly, int, obj, str, type Params } from './params.js';
import { base, list } from './shapes/common.js';

/** Legacy usage records answer only to API versions before basil, as Stripe's do. */
const LAST_LEGACY_VERSION = '2025-03-31';

export function meterShape(meter: StripeMeter) {
  return {
    ...base('billing.meter', meter.id),
    created: meter.created,
    customer_mapping: { event_payload_key: meter.customer_key, type: 'by_id' },
    default_aggregation: { formula: meter.formula },
    display_name: meter.display_name,
    event_name: meter.event_name,
    event_time_window: null,
    status: meter.status,
    status_transitions: { deactivated_at: meter.deactivated_at },
    updated: meter.updated,
    value_settings: { event_payload_key: meter.value_key },
  };
}

/** A meter event answers without an id, as Stripe's does. */
const meterEventShape = (event: StripeMeterEvent) => ({
  object: 'billing.meter_event',
  created: event.created,
  event_name: event.event_name,
  identifier: event.identifier,
  livemode: false,
  payload: event.payload,
  timestamp: event.timestamp,
});

export async function postMeter(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['display_name', 'event_name', 'default_aggregation', 'customer_mapping', 'value_settings', 'event_time_window']);
  const [aggregation, mapping, value] = [obj(params, 'default_aggregation'), obj(params, 'customer_mapping'), obj(params, 'value_settings')];
  const [displayName, eventName] = [str(params, 'display_name'), str(params, 'event_name')];
  const formula = aggregation ? (str(aggregation, 'formula') as StripeMeter['formula'] | undefined) : undefined;
  const customerKey = mapping ? str(mapping, 'event_payload_key') : undefined;
  const valueKey = value ? str(value, 'event_payload_key') : undefined;
  const meter = await write(ctx, (tx) =>
    createMeter(tx, {
      ...(displayName ? { display_name: displayName } : {}),
      ...(eventName ? { event_name: eventName } : {}),
      ...(formula ? { formula } : {}),
      ...(customerKey ? { customer_key: customerKey } : {}),
      ...(valueKey ? { value_key: valueKey } : {}),
    }),
  );
  return { body: meterShape(meter) };
}

export const getMeterById = (ctx: RequestContext): Reply => ({ body: meterShape(getMeter(viewOf(ctx), ctx.params.id ?? '')) });

export function listMeters(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'status']);
  const status = str(params, 'status');
  const meters = viewOf(ctx).all<StripeMeter>(METERS).filter((meter) => !status || meter.status === status);
  return { body: page(meters, params, '/v1/billing/meters', meterShape) };
}

export async function postMeterUpdate(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['display_name']);
  const displayName = str(params, 'display_name');
  return { body: meterShape(await write(ctx, (tx) => updateMeter(tx, ctx.params.id ?? '', displayName ? { display_name: displayName } : {}))) };
}

export const postDeactivate = async (ctx: RequestContext): Promise<Reply> => ({ body: meterShape(await write(ctx, (tx) => updateMeter(tx, ctx.params.id ?? '', { active: false }))) });
export const postReactivate = async (ctx: RequestContext): Promise<Reply> => ({ body: meterShape(await write(ctx, (tx) => updateMeter(tx, ctx.params.id ?? '', { active: true }))) });

export async function postMeterEvent(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['event_name', 'payload', 'identifier', 'timestamp']);
  const payload = obj(params, 'payload') as Record<string, string> | undefined;
  const [eventName, identifier, timestamp] = [str(params, 'event_name'), str(params, 'identifier'), int(params, 'timestamp')];
  const event = await write(ctx, (tx) =>
    recordMeterEvent(tx, {
      ...(eventName ? { event_name: eventName } : {}),
      ...(payload ? { payload } : {}),
      ...(identifier ? { identifier } : {}),
      ...(timestamp !== undefined ? { timestamp } : {}),
    }),
  );
  return { body: meterEventShape(event) };
}

/** The meter's usage for a customer over [start_time, end_time), as one summary. */
export function listEventSummaries(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['customer', 'start_time', 'end_time', 'limit', 'starting_after', 'ending_before', 'value_grouping_window']);
  const [customer, start, end] = [str(params, 'customer'), int(params, 'start_time'), int(params, 'end_time')];
  if (!customer) throw missingParam('customer');
  if (start === undefined) throw missingParam('start_time');
  if (end === undefined) throw missingParam('end_time');
  const view = viewOf(ctx);
  const meter = getMeter(view, ctx.params.id ?? '');
  const summary = {
    ...base('billing.meter_event_summary', `mtrusg_${meter.id.slice(-14)}${start}`),
    aggregated_value: meterUsage(view, meter.id, customer, start, end),
    end_time: end,
    meter: meter.id,
    start_time: start,
  };
  return { body: list([summary], `/v1/billing/meters/${meter.id}/event_summaries`) };
}

function legacyOnly(ctx: RequestContext): void {
  const version = String(ctx.headers['stripe-version'] ?? '');
  if (!version || version.slice(0, 10) >= LAST_LEGACY_VERSION) {
    throw badState('Usage records are not available in API version 2025-03-31.basil and later; use billing meters, or send an older Stripe-Version.', 'api_version_unsupported');
  }
}

function meteredItem(ctx: RequestContext): StripeSubscriptionItem {
  const item = viewOf(ctx).get<StripeSubscriptionItem>(SUBSCRIPTION_ITEMS, ctx.params.id ?? '');
  if (!item) throw noSuch('subscription_item', ctx.params.id ?? '');
  return item;
}

const usageRecordShape = (record: StripeUsageRecord) => ({ ...base('usage_record', record.id), quantity: record.quantity, subscription_item: record.subscription_item, timestamp: record.timestamp });

/** `POST /v1/subscription_items/{id}/usage_records` (legacy): `timestamp` may be `now`. */
export async function postUsageRecord(ctx: RequestContext): Promise<Reply> {
  legacyOnly(ctx);
  const params = paramsOf(ctx);
  allowOnly(params, ['quantity', 'timestamp', 'action']);
  const item = meteredItem(ctx);
  const stamp = str(params, 'timestamp');
  const [quantity, timestamp, action] = [int(params, 'quantity'), stamp === 'now' ? undefined : int(params, 'timestamp'), str(params, 'action') as 'increment' | 'set' | undefined];
  const record = await write(ctx, (tx) => {
    const subscription = getSubscription(tx, item.subscription);
    return recordUsage(tx, item, { ...(quantity !== undefined ? { quantity } : {}), ...(timestamp !== undefined ? { timestamp } : {}), ...(action ? { action } : {}) }, nowOn(tx, subscription.test_clock));
  });
  return { body: usageRecordShape(record) };
}

/** The current period's total (legacy). */
export function listUsageRecordSummaries(ctx: RequestContext): Reply {
  legacyOnly(ctx);
  allowOnly(paramsOf(ctx) as Params, ['limit', 'starting_after', 'ending_before']);
  const item = meteredItem(ctx);
  const view = viewOf(ctx);
  const subscription = getSubscription(view, item.subscription);
  const period = { start: subscription.current_period_start, end: subscription.current_period_end };
  const summary = {
    ...base('usage_record_summary', `sis_${item.id.slice(3)}`),
    invoice: null,
    period,
    subscription_item: item.id,
    total_usage: recordedUsage(view, item.id, period.start, period.end),
  };
  return { body: list([summary], `/v1/subscription_items/${item.id}/usage_record_summaries`) };
}
