// Metered usage on Stripe subscriptions: billing meters and meter events at the pinned version,
// and the legacy usage records for clients that send an older Stripe-Version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { fixturesPresent, shapeProblems, stripeSdk } from './helpers/stripe.js';

const T0 = Date.UTC(2027, 6, 1) / 1000; // 2027-07-01
const AUG_1 = Date.UTC(2027, 7, 1) / 1000;
const LEGACY = '2025-02-24.acacia';

let emulator: RunningEmulator;
let stripe: Stripe;
let clock: Stripe.TestHelpers.TestClock;

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0, now: '2027-07-01T00:00:00Z' });
  stripe = stripeSdk(emulator.stripe?.url ?? '', emulator.stripe?.secretKey ?? '', { maxNetworkRetries: 0 });
  clock = await stripe.testHelpers.testClocks.create({ frozen_time: T0 });
});

afterAll(async () => {
  await emulator?.close();
});

async function customerOnClock(): Promise<Stripe.Customer> {
  const customer = await stripe.customers.create({ name: 'Metered', test_clock: clock.id });
  const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  return stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
}

describe('billing meters', () => {
  it('bills a period of meter events on the renewal, counting events that arrive before finalization', async () => {
    const meter = await stripe.billing.meters.create({ display_name: 'API calls', event_name: 'api_call', default_aggregation: { formula: 'sum' } });
    expect(meter.id).toMatch(/^mtr_test_/);
    const product = await stripe.products.create({ name: 'Acme API calls' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2, recurring: { interval: 'month', usage_type: 'metered', meter: meter.id } });
    const customer = await customerOnClock();
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], expand: ['latest_invoice'] });
    expect((subscription.latest_invoice as Stripe.Invoice).total).toBe(0);
    const event = await stripe.billing.meterEvents.create({ event_name: 'api_call', payload: { stripe_customer_id: customer.id, value: '300' }, identifier: 'call-1' });
    expect(event).toMatchObject({ object: 'billing.meter_event', identifier: 'call-1', payload: { value: '300' } });
    await expect(stripe.billing.meterEvents.create({ event_name: 'api_call', payload: { stripe_customer_id: customer.id, value: '1' }, identifier: 'call-1' })).rejects.toMatchObject({ code: 'resource_already_exists' });
    await expect(stripe.billing.meterEvents.create({ event_name: 'no_such_meter', payload: { stripe_customer_id: customer.id, value: '1' } })).rejects.toMatchObject({ param: 'event_name' });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: AUG_1 });
    // Dated in July, reported in the grace hour: it still counts.
    await stripe.billing.meterEvents.create({ event_name: 'api_call', payload: { stripe_customer_id: customer.id, value: '200' }, timestamp: AUG_1 - 60 });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: AUG_1 + 2 * 3600 });
    const renewal = (await stripe.invoices.list({ subscription: subscription.id })).data.find((invoice) => invoice.billing_reason === 'subscription_cycle');
    // 500 calls at 2 cents = $10.00
    expect(renewal).toMatchObject({ status: 'paid', total: 1000 });
    const summaries = await stripe.billing.meters.listEventSummaries(meter.id, { customer: customer.id, start_time: T0, end_time: AUG_1 });
    expect(summaries.data[0]?.aggregated_value).toBe(500);
  });

  it('refuses events for a deactivated meter', async () => {
    const meter = await stripe.billing.meters.create({ display_name: 'Old', event_name: 'old_event', default_aggregation: { formula: 'count' } });
    await stripe.billing.meters.deactivate(meter.id);
    const customer = await stripe.customers.create({ name: 'Late' });
    await expect(stripe.billing.meterEvents.create({ event_name: 'old_event', payload: { stripe_customer_id: customer.id } })).rejects.toMatchObject({ statusCode: 400 });
  });

  it.skipIf(!fixturesPresent)('answers meters shaped like the fixture', async () => {
    const meters = await stripe.billing.meters.list();
    expect(shapeProblems(meters.data[0], 'billing.meter')).toEqual([]);
  });
});

describe('legacy usage records', () => {
  it('takes usage records only from clients on a version before basil, and bills them on the renewal', async () => {
    const product = await stripe.products.create({ name: 'Acme seats (legacy)' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 100, recurring: { interval: 'month', usage_type: 'metered' } });
    const customer = await customerOnClock();
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const item = subscription.items.data[0]?.id ?? '';
    const path = `/v1/subscription_items/${item}/usage_records`;
    await expect(stripe.rawRequest('POST', path, { quantity: 5 })).rejects.toMatchObject({ code: 'api_version_unsupported' });
    const record = await stripe.rawRequest('POST', path, { quantity: 5 }, { apiVersion: LEGACY });
    expect(record).toMatchObject({ object: 'usage_record', quantity: 5, subscription_item: item });
    await stripe.rawRequest('POST', path, { quantity: 2, action: 'increment' }, { apiVersion: LEGACY });
    const summary = (await stripe.rawRequest('GET', `/v1/subscription_items/${item}/usage_record_summaries`, {}, { apiVersion: LEGACY })) as unknown as { data: Array<{ total_usage: number }> };
    expect(summary.data[0]?.total_usage).toBe(7);
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: Date.UTC(2027, 8, 1, 2) / 1000 });
    const renewal = (await stripe.invoices.list({ subscription: subscription.id })).data.find((invoice) => invoice.billing_reason === 'subscription_cycle');
    // 7 units at $1.00
    expect(renewal?.total).toBe(700);
  });
});
