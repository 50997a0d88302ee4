// Stripe webhooks through the shared dispatcher: only the types an endpoint listens for, signed per
// attempt, retried on Stripe's test-mode schedule on the account's clock, journaled, and subject to
// the same fault modes as Zuora callouts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { adminClient } from './helpers/emulator.js';
import { Receiver } from './helpers/receiver.js';
import { stripeSdk } from './helpers/stripe.js';

let emulator: RunningEmulator;
let stripe: Stripe;
const receiver = new Receiver();
let customersSecret = '';
let admin: ReturnType<typeof adminClient>;

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0, now: '2027-04-01T00:00:00Z' });
  stripe = stripeSdk(emulator.stripe?.url ?? '', emulator.stripe?.secretKey ?? '');
  admin = adminClient(emulator.url, emulator.stripe?.account, emulator.adminToken);
  await receiver.start();
  customersSecret = (await stripe.webhookEndpoints.create({ url: `${receiver.url}/customers`, enabled_events: ['customer.created'] })).secret ?? '';
  await stripe.webhookEndpoints.create({ url: `${receiver.url}/invoices`, enabled_events: ['invoice.paid'] });
});

afterAll(async () => {
  await emulator?.close();
  await receiver.stop();
});

beforeEach(() => receiver.reset());

const settled = () => emulator.services.clock.quiesce(emulator.stripe?.account ?? '');

describe('Stripe webhooks', () => {
  it('sends an event only to the endpoints listening for its type, as JSON signed with that endpoint secret', async () => {
    const customer = await stripe.customers.create({ name: 'Listened for' });
    await settled();
    expect(receiver.at('/invoices')).toHaveLength(0);
    const [delivery] = receiver.at('/customers');
    expect(delivery?.headers['content-type']).toBe('application/json; charset=utf-8');
    const event = stripe.webhooks.constructEvent(delivery?.raw ?? '', String(delivery?.headers['stripe-signature']), customersSecret);
    expect(event).toMatchObject({ type: 'customer.created', object: 'event', api_version: '2026-10-28.endive', data: { object: { id: customer.id, name: 'Listened for' } } });
    expect(() => stripe.webhooks.constructEvent(delivery?.raw ?? '', String(delivery?.headers['stripe-signature']), 'whsec_other')).toThrow();
    expect((await stripe.events.retrieve(event.id)).type).toBe('customer.created');
  });

  it('retries a failed delivery an hour later on the account clock, with a fresh signature, and journals both attempts', async () => {
    receiver.script = [500];
    await stripe.customers.create({ name: 'Retried' });
    await settled();
    expect(receiver.at('/customers')).toHaveLength(1);
    const waiting = (await admin.get('/callouts?event=customer.created&status=waiting')).body.data;
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).not.toHaveProperty('stripe');
    await admin.post('/clock/advance', { by: 'PT1H' });
    const attempts = receiver.at('/customers');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.raw).toBe(attempts[0]?.raw);
    expect(stripe.webhooks.constructEvent(attempts[1]?.raw ?? '', String(attempts[1]?.headers['stripe-signature']), customersSecret).type).toBe('customer.created');
    const journal = (await admin.get(`/callouts?event=customer.created`)).body.data.at(-1);
    expect(journal.status).toBe('delivered');
    expect(journal.attempts.map((attempt: { status: number }) => attempt.status)).toEqual([500, 200]);
  });

  it('gives up after three retries, as Stripe test mode does', async () => {
    receiver.script = [500, 500, 500, 500];
    await stripe.customers.create({ name: 'Never delivered' });
    await admin.post('/clock/advance', { by: 'PT8H' });
    expect(receiver.at('/customers')).toHaveLength(4);
    expect((await admin.get('/callouts?event=customer.created')).body.data.at(-1).status).toBe('failed');
  });

  it('is subject to the dispatcher fault modes: a duplicate arrives twice with the same event id', async () => {
    await admin.post('/faults/callouts', { mode: 'duplicate', count: 1 });
    await stripe.customers.create({ name: 'Twice' });
    await settled();
    const ids = receiver.at('/customers').map((delivery) => (delivery.body as { id: string }).id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });
});
