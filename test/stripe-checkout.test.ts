// Stripe Checkout in subscription mode and the billing portal, on pages the emulator hosts: a buyer
// (here a plain HTTP client posting the page's form) enters a test card, and the SDK sees the result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { Receiver } from './helpers/receiver.js';
import { fixturesPresent, shapeProblems, stripeSdk } from './helpers/stripe.js';

let emulator: RunningEmulator;
let stripe: Stripe;
let price: Stripe.Price;
let secret = '';
const receiver = new Receiver();

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0, now: '2027-09-01T00:00:00Z' });
  stripe = stripeSdk(emulator.stripe?.url ?? '', emulator.stripe?.secretKey ?? '', { maxNetworkRetries: 0 });
  const product = await stripe.products.create({ name: 'Acme Pro Plan' });
  price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 4900, recurring: { interval: 'month' } });
  await receiver.start();
  secret = (await stripe.webhookEndpoints.create({ url: `${receiver.url}/hooks`, enabled_events: ['checkout.session.completed'] })).secret ?? '';
});

afterAll(async () => {
  await emulator?.close();
  await receiver.stop();
});

/** What a browser does when the buyer submits the page's form. */
const submit = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });

describe('Checkout, mode subscription', () => {
  let session: Stripe.Checkout.Session;

  it('opens a session whose hosted page asks for a card', async () => {
    session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'https://platform.example/done?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://platform.example/cancel',
      client_reference_id: 'customer-42',
    });
    expect(session).toMatchObject({ status: 'open', payment_status: 'unpaid', amount_total: 4900, mode: 'subscription' });
    const page = await fetch(session.url ?? '');
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('49.00 USD');
    expect(text).toContain('name="number"');
  });

  it('shows a declined card on the page and leaves the session open', async () => {
    const declined = await submit(session.url ?? '', { email: 'buyer@example.com', number: '4000000000000002', exp_month: '12', exp_year: '2030' });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card was declined.');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    expect((await stripe.customers.list()).data).toHaveLength(0);
  });

  it('completes with a good card: customer, active subscription, paid invoice, redirect and checkout.session.completed', async () => {
    const done = await submit(session.url ?? '', { email: 'buyer@example.com', number: '4242 4242 4242 4242', exp_month: '12', exp_year: '2030' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`https://platform.example/done?session=${session.id}`);
    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid', url: null, customer_email: 'buyer@example.com' });
    expect((completed.subscription as Stripe.Subscription).status).toBe('active');
    await emulator.services.clock.quiesce(emulator.stripe?.account ?? '');
    const [delivery] = receiver.at('/hooks');
    const event = stripe.webhooks.constructEvent(delivery?.raw ?? '', String(delivery?.headers['stripe-signature']), secret);
    expect(event.type).toBe('checkout.session.completed');
    expect((event.data.object as Stripe.Checkout.Session).client_reference_id).toBe('customer-42');
    expect((await fetch(session.url ?? '')).status).toBe(200);
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it.skipIf(!fixturesPresent)('answers sessions shaped like the fixture', async () => {
    expect(shapeProblems(await stripe.checkout.sessions.retrieve(session.id), 'checkout.session')).toEqual([]);
  });
});

describe('the billing portal', () => {
  it('lists the invoices and replaces the default card', async () => {
    const customer = (await stripe.customers.list()).data[0] as Stripe.Customer;
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'https://platform.example/account' });
    expect(portal.url).toMatch(/\/billing_portal\/bps_/);
    const page = await (await fetch(portal.url)).text();
    expect(page).toContain('49.00 USD');
    expect(page).toContain('paid');
    const updated = await submit(portal.url, { number: '5555555555554444', exp_month: '10', exp_year: '2031' });
    expect(updated.status).toBe(200);
    const after = await stripe.customers.retrieve(customer.id);
    const method = await stripe.paymentMethods.retrieve(String((after as Stripe.Customer).invoice_settings.default_payment_method));
    expect(method.card?.last4).toBe('4444');
    expect(fixturesPresent ? shapeProblems(portal, 'billing_portal.session') : []).toEqual([]);
  });
});
