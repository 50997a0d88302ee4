// The admin API's payment faults on a Stripe account, as on a Zuora tenant: a customer's next
// charges decline with the gateway answer given, whatever card is on file, then charges succeed again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { adminClient } from './helpers/emulator.js';
import { stripeSdk } from './helpers/stripe.js';

let emulator: RunningEmulator;
let stripe: Stripe;
let admin: ReturnType<typeof adminClient>;
let price: Stripe.Price;

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0, now: '2027-01-01T00:00:00Z' });
  stripe = stripeSdk(emulator.stripe?.url ?? '', emulator.stripe?.secretKey ?? '');
  admin = adminClient(emulator.url, emulator.stripe?.account, emulator.adminToken);
  const product = await stripe.products.create({ name: 'Acme Basic Plan' });
  price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
});

afterAll(async () => {
  await emulator?.close();
});

async function customerWithVisa(email: string): Promise<Stripe.Customer> {
  const customer = await stripe.customers.create({ email });
  const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  return stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
}

describe('payment faults on a Stripe account', () => {
  it('declines the customer next charge with the decline code given, then charges succeed again', async () => {
    const customer = await customerWithVisa('fault@example.com');
    const injected = await admin.post('/faults/payments', { customer: customer.id, count: 1, gatewayResponseCode: 'insufficient_funds', gatewayResponse: 'Your card has insufficient funds.' });
    expect(injected.status).toBe(201);
    expect(injected.body).toEqual({ customer: customer.id, count: 1, gatewayResponseCode: 'insufficient_funds', gatewayResponse: 'Your card has insufficient funds.' });
    expect((await admin.get('/faults')).body.payments).toEqual([expect.objectContaining({ accountId: customer.id, remaining: 1 })]);

    const declined = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    expect(declined.status).toBe('incomplete');
    const invoice = await stripe.invoices.retrieve(String(declined.latest_invoice), { expand: ['payments'] });
    const intent = await stripe.paymentIntents.retrieve(String(invoice.payments?.data[0]?.payment.payment_intent));
    expect(intent.last_payment_error).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' });

    // Used up: the same card now pays.
    const paid = await stripe.invoices.pay(invoice.id ?? '');
    expect(paid.status).toBe('paid');
    expect((await stripe.subscriptions.retrieve(declined.id)).status).toBe('active');
  });

  it('takes the customer id as accountNumber too, and a code Stripe has its own error code for', async () => {
    const customer = await customerWithVisa('expired@example.com');
    expect((await admin.post('/faults/payments', { accountNumber: customer.id, gatewayResponseCode: 'expired_card' })).status).toBe(201);
    const refused = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: 'error_if_incomplete' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ type: 'StripeCardError', code: 'expired_card', statusCode: 402 });
    // A refused call changes nothing: no subscription, and the fault is still to come.
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toHaveLength(0);
    expect((await admin.get('/faults')).body.payments).toEqual([expect.objectContaining({ accountId: customer.id, remaining: 1 })]);
    expect((await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })).status).toBe('incomplete');
    expect((await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })).status).toBe('active');
  });

  it('refuses a customer the account does not have, and a body naming no one', async () => {
    const unknown = await admin.post('/faults/payments', { customer: 'cus_nobody' });
    expect(unknown.status).toBe(404);
    expect((await admin.post('/faults/payments', { count: 2 })).status).toBe(400);
    expect((await admin.get('/faults')).body.payments).toEqual([]);
  });
});
