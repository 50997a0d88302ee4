// The story, told through Stripe's official Node SDK: a declined sign-up, a signed
// invoice.payment_failed webhook, then a renewal on a test clock, draft first and paid an hour on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { Receiver } from './helpers/receiver.js';
import { fixturesPresent, shapeProblems, stripeSdk } from './helpers/stripe.js';

const T0 = Date.UTC(2027, 0, 10) / 1000; // 2027-01-10T00:00:00Z
const FEB_10 = Date.UTC(2027, 1, 10) / 1000; // one month on: the period end

let emulator: RunningEmulator;
let stripe: Stripe;
const receiver = new Receiver();
let secret = '';

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0, now: '2027-01-10T00:00:00Z' });
  stripe = stripeSdk(emulator.stripe?.url ?? '', emulator.stripe?.secretKey ?? '');
  await receiver.start();
  const endpoint = await stripe.webhookEndpoints.create({ url: `${receiver.url}/stripe`, enabled_events: ['*'] });
  secret = endpoint.secret ?? '';
});

afterAll(async () => {
  await emulator?.close();
  await receiver.stop();
});

/** Waits until the account's webhooks are delivered, as a test waits for quiescence rather than sleeping. */
const settled = () => emulator.services.clock.quiesce(emulator.stripe?.account ?? '');

/** Every webhook that reached the receiver, checked with the SDK's own signature verification. */
const verifiedEvents = (): Stripe.Event[] =>
  receiver.at('/stripe').map((request) => stripe.webhooks.constructEvent(request.raw, String(request.headers['stripe-signature']), secret));

describe('a monthly subscription through the official SDK', () => {
  let clock: Stripe.TestHelpers.TestClock;
  let customer: Stripe.Customer;
  let price: Stripe.Price;
  let subscription: Stripe.Subscription;

  it('signs up with a card that attaches but declines: incomplete, a failed payment and a signed invoice.payment_failed', async () => {
    clock = await stripe.testHelpers.testClocks.create({ frozen_time: T0, name: 'renewal story' });
    const product = await stripe.products.create({ name: 'Acme Basic Plan' });
    price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
    customer = await stripe.customers.create({ email: 'ada@example.com', name: 'Ada', test_clock: clock.id });
    const card = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    expect(card.id).toMatch(/^pm_/);
    expect(card.id).not.toBe('pm_card_chargeCustomerFail');
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });

    subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], expand: ['latest_invoice'] });

    expect(subscription.status).toBe('incomplete');
    const invoice = subscription.latest_invoice as Stripe.Invoice;
    expect(invoice.status).toBe('open');
    expect(invoice.billing_reason).toBe('subscription_create');
    expect(invoice.amount_due).toBe(2000);
    expect(invoice.attempt_count).toBe(1);
    expect(invoice.attempted).toBe(true);
    await settled();
    const failed = verifiedEvents().filter((event) => event.type === 'invoice.payment_failed');
    expect(failed).toHaveLength(1);
    expect((failed[0]?.data.object as Stripe.Invoice).id).toBe(invoice.id);
    const withPayments = await stripe.invoices.retrieve(invoice.id, { expand: ['payments'] });
    const intent = await stripe.paymentIntents.retrieve(String(withPayments.payments?.data[0]?.payment.payment_intent));
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_payment_error?.code).toBe('card_declined');
    expect(intent.last_payment_error?.decline_code).toBe('generic_decline');
  });

  it('pays the first invoice with a good card, which makes the subscription active', async () => {
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } });
    const paid = await stripe.invoices.pay((subscription.latest_invoice as Stripe.Invoice).id);
    expect(paid.status).toBe('paid');
    expect(paid.amount_paid).toBe(2000);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
  });

  it('shows the renewal as a draft at the period end, and finalized and paid two hours later, with the events in order', async () => {
    receiver.reset();
    const atPeriodEnd = await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_10 });
    expect(atPeriodEnd.status).toBe('ready');
    expect(atPeriodEnd.frozen_time).toBe(FEB_10);
    const drafts = await stripe.invoices.list({ subscription: subscription.id, status: 'draft' });
    expect(drafts.data).toHaveLength(1);
    const renewal = drafts.data[0] as Stripe.Invoice;
    expect(renewal.billing_reason).toBe('subscription_cycle');
    expect(renewal.automatically_finalizes_at).toBe(FEB_10 + 3600);
    expect(renewal.amount_due).toBe(2000);

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_10 + 2 * 3600 });
    const after = await stripe.invoices.retrieve(renewal.id);
    expect(after.status).toBe('paid');
    expect(after.number).toMatch(/-0002$/);
    expect(after.status_transitions.finalized_at).toBe(FEB_10 + 3600);

    const invoiceEvents = verifiedEvents()
      .filter((event) => event.type.startsWith('invoice.') && (event.data.object as Stripe.Invoice).id === renewal.id)
      .map((event) => event.type);
    expect(invoiceEvents.filter((type) => ['invoice.created', 'invoice.finalized', 'invoice.paid'].includes(type))).toEqual([
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
    ]);
    const item = (await stripe.subscriptions.retrieve(subscription.id)).items.data[0];
    expect(item?.current_period_start).toBe(FEB_10);
  });

  it('moves only the customers on the test clock: the account clock and its objects stay put', async () => {
    const other = await stripe.customers.create({ email: 'grace@example.com' });
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: other.id });
    await stripe.customers.update(other.id, { invoice_settings: { default_payment_method: visa.id } });
    const sub = await stripe.subscriptions.create({ customer: other.id, items: [{ price: price.id }] });
    expect(sub.status).toBe('active');
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_10 + 40 * 86_400 });
    const invoices = await stripe.invoices.list({ customer: other.id });
    expect(invoices.data).toHaveLength(1);
    expect(sub.items.data[0]?.current_period_start).toBe(T0);
  });

  it.skipIf(!fixturesPresent)('answers with every key of the fixture objects, with the same JSON types', async () => {
    await settled();
    const view = await stripe.subscriptions.retrieve(subscription.id);
    const invoice = await stripe.invoices.retrieve(String(view.latest_invoice));
    const event = verifiedEvents().find((candidate) => candidate.type === 'invoice.paid');
    const checks: [unknown, string, string[]?][] = [
      [await stripe.customers.retrieve(customer.id), 'customer'],
      [price, 'price'],
      [await stripe.products.retrieve(String(price.product)), 'product'],
      [view, 'subscription'],
      [view.items.data[0], 'subscription_item'],
      [invoice, 'invoice'],
      [invoice.lines.data[0], 'line_item'],
      [(await stripe.customers.listPaymentMethods(customer.id)).data[0], 'payment_method'],
      [await stripe.testHelpers.testClocks.retrieve(clock.id), 'test_helpers.test_clock'],
      [event, 'event', ['event.data.object']],
      [event?.data.object, 'invoice'],
    ];
    for (const [object, name, opaque] of checks) {
      expect(object, name).toBeDefined();
      expect(shapeProblems(object, name, opaque), name).toEqual([]);
    }
  });
});
