import type { ReadView, Transaction } from '../../state/transaction.js';
import { getCustomer } from './customers.js';
import { badState, invalidParam, missingParam, noSuch } from './errors.js';
import { stripeId } from './ids.js';
import { METER_EVENTS, METERS, USAGE_RECORDS, type StripeMeter, type StripeMeterEvent, type StripeUsageRecord } from './model.js';
import { nowOn } from './time.js';

/** Meter events may be dated this far back, and this little ahead. */
const PAST_WINDOW = 35 * 86_400;
const FUTURE_WINDOW = 5 * 60;
/** An event's identifier is unique over a rolling day. */
const IDENTIFIER_WINDOW = 86_400;

export interface MeterInput {
  display_name?: string;
  event_name?: string;
  formula?: StripeMeter['formula'];
  customer_key?: string;
  value_key?: string;
}

export function getMeter(view: ReadView, id: string, param = 'id'): StripeMeter {
  const meter = view.get<StripeMeter>(METERS, id);
  if (!meter) throw noSuch('billing.meter', id, param);
  return meter;
}

/** One meter per event name. */
export function createMeter(tx: Transaction, input: MeterInput): StripeMeter {
  if (!input.display_name) throw missingParam('display_name');
  if (!input.event_name) throw missingParam('event_name');
  if (!input.formula) throw missingParam('default_aggregation[formula]');
  if (tx.findBy(METERS, 'event_name', input.event_name)) throw badState(`A meter with event_name '${input.event_name}' already exists.`, 'resource_already_exists', 'event_name');
  const now = nowOn(tx, null);
  return tx.insert<StripeMeter>(METERS, {
    id: stripeId(tx, 'mtr_test'),
    created: now,
    updated: now,
    display_name: input.display_name,
    event_name: input.event_name,
    formula: input.formula,
    customer_key: input.customer_key ?? 'stripe_customer_id',
    value_key: input.value_key ?? 'value',
    status: 'active',
    deactivated_at: null,
  });
}

export function updateMeter(tx: Transaction, id: string, input: { display_name?: string; active?: boolean }): StripeMeter {
  getMeter(tx, id);
  const now = nowOn(tx, null);
  return tx.update<StripeMeter>(METERS, id, {
    ...(input.display_name ? { display_name: input.display_name } : {}),
    ...(input.active !== undefined ? { status: input.active ? 'active' : 'inactive', deactivated_at: input.active ? null : now } : {}),
    updated: now,
  });
}

/**
 * Records usage against the meter of its event name. Checks are synchronous (an active meter, a
 * known customer, a numeric value, a fresh identifier, a timestamp in the window); aggregation
 * happens when an invoice asks.
 */
export function recordMeterEvent(tx: Transaction, input: { event_name?: string; payload?: Readonly<Record<string, string>>; identifier?: string; timestamp?: number }): StripeMeterEvent {
  if (!input.event_name) throw missingParam('event_name');
  if (!input.payload) throw missingParam('payload');
  const meter = tx.findBy<StripeMeter>(METERS, 'event_name', input.event_name);
  if (!meter || meter.status !== 'active') throw invalidParam('event_name', `No active meter was found for event_name '${input.event_name}'.`, 'parameter_invalid_string');
  const customerId = input.payload[meter.customer_key];
  if (!customerId) throw missingParam(`payload[${meter.customer_key}]`);
  const customer = getCustomer(tx, customerId, `payload[${meter.customer_key}]`);
  const now = nowOn(tx, customer.test_clock);
  const raw = input.payload[meter.value_key];
  const value = raw === undefined ? (meter.formula === 'count' ? 1 : undefined) : Number(raw);
  if (value === undefined) throw missingParam(`payload[${meter.value_key}]`);
  if (!Number.isFinite(value)) throw invalidParam(`payload[${meter.value_key}]`, `The value must be a number: ${raw}`, 'parameter_invalid_string');
  const timestamp = input.timestamp ?? now;
  if (timestamp < now - PAST_WINDOW || timestamp > now + FUTURE_WINDOW) {
    throw invalidParam('timestamp', 'Meter events must be dated within the past 35 days and at most 5 minutes ahead.', 'timestamp_out_of_range');
  }
  const identifier = input.identifier ?? stripeId(tx, 'ev').slice(3);
  const repeated = tx.filterBy<StripeMeterEvent>(METER_EVENTS, 'identifier', identifier).some((event) => event.created > now - IDENTIFIER_WINDOW);
  if (repeated) throw badState(`An event with identifier '${identifier}' was already recorded.`, 'resource_already_exists', 'identifier');
  return tx.insert<StripeMeterEvent>(METER_EVENTS, {
    id: stripeId(tx, 'mev'),
    created: now,
    event_name: input.event_name,
    identifier,
    payload: input.payload,
    timestamp,
    meter: meter.id,
    customer: customer.id,
    value,
  });
}

/** A meter's usage for a customer over [start, end): sum, count or the last value. */
export function meterUsage(view: ReadView, meterId: string, customer: string, start: number, end: number): number {
  const meter = getMeter(view, meterId);
  const events = view
    .filterBy<StripeMeterEvent>(METER_EVENTS, 'meter', meterId)
    .filter((event) => event.customer === customer && event.timestamp >= start && event.timestamp < end)
    .sort((a, b) => a.timestamp - b.timestamp);
  if (meter.formula === 'count') return events.length;
  if (meter.formula === 'last') return events.at(-1)?.value ?? 0;
  return events.reduce((sum, event) => sum + event.value, 0);
}

/**
 * A legacy usage record (before 2025-03-31.basil) on a metered subscription item: `increment`
 * adds to the period's usage, `set` replaces what came before it.
 */
export function recordUsage(tx: Transaction, item: { id: string }, input: { quantity?: number; timestamp?: number; action?: 'increment' | 'set' }, now: number): StripeUsageRecord {
  if (input.quantity === undefined) throw missingParam('quantity');
  if (input.quantity < 0) throw invalidParam('quantity', 'Quantity must be a non-negative integer.', 'parameter_invalid_integer');
  const timestamp = input.timestamp ?? now;
  if (timestamp > now) throw invalidParam('timestamp', 'Cannot create the usage record with this timestamp because timestamps must be before the current time.', 'parameter_invalid_integer');
  return tx.insert<StripeUsageRecord>(USAGE_RECORDS, {
    id: stripeId(tx, 'mbur'),
    subscription_item: item.id,
    quantity: input.quantity,
    timestamp,
    action: input.action ?? 'increment',
  });
}

/** The usage records of an item over [start, end), `set` taking the place of everything before it. */
export function recordedUsage(view: ReadView, itemId: string, start: number, end: number): number {
  const records = view
    .filterBy<StripeUsageRecord>(USAGE_RECORDS, 'subscription_item', itemId)
    .filter((record) => record.timestamp >= start && record.timestamp < end)
    .sort((a, b) => a.timestamp - b.timestamp);
  return records.reduce((total, record) => (record.action === 'set' ? record.quantity : total + record.quantity), 0);
}
