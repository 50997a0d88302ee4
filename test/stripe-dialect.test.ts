// The Stripe wire dialect itself: keys and accounts, errors, idempotency, lists, search and expand,
// as the official SDK and a plain HTTP client see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { adminClient, request } from './helpers/emulator.js';
import { stripeSdk } from './helpers/stripe.js';

let emulator: RunningEmulator;
let stripe: Stripe;
let base = '';
let key = '';

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0, now: '2027-03-01T00:00:00Z' });
  base = emulator.stripe?.url ?? '';
  key = emulator.stripe?.secretKey ?? '';
  stripe = stripeSdk(base, key, { maxNetworkRetries: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

const form = (body: Record<string, string>, headers: Record<string, string> = {}) => ({
  body: new URLSearchParams(body).toString(),
  headers: { Authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
});

describe('keys and accounts', () => {
  it('refuses a request without a key, or with a key no account has, with 401 and the SDK raises StripeAuthenticationError', async () => {
    const none = await request(`${base}/v1/customers`, 'GET');
    expect(none.status).toBe(401);
    expect(none.body.error.type).toBe('invalid_request_error');
    expect(none.body.error.message).toMatch(/did not provide an API key/);
    await expect(stripeSdk(base, 'sk_test_nobody').customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('makes accounts through the admin API; each key sees only its own objects, and a platform reaches a connected account with Stripe-Account', async () => {
    const admin = adminClient(emulator.url, undefined, emulator.adminToken);
    const platform = await admin.post('/stripe/accounts', {});
    expect(platform.status).toBe(201);
    expect(platform.body.id).toMatch(/^acct_/);
    expect(platform.body.secretKey).toMatch(/^sk_test_/);
    const connected = await admin.post('/stripe/accounts', { connectedTo: platform.body.id });
    const platformSdk = stripeSdk(base, platform.body.secretKey);
    const inConnected = await platformSdk.customers.create({ name: 'In the connected account' }, { stripeAccount: connected.body.id });
    expect((await stripeSdk(base, connected.body.secretKey).customers.retrieve(inConnected.id)).id).toBe(inConnected.id);
    await expect(platformSdk.customers.retrieve(inConnected.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    // The default account is connected to nothing, so it cannot act for another account.
    await expect(stripe.customers.list({}, { stripeAccount: connected.body.id })).rejects.toMatchObject({ code: 'account_invalid' });
    const unknown = await admin.post('/stripe/accounts', { connectedTo: 'acct_missing' });
    expect(unknown.status).toBe(400);
  });
});

describe('errors', () => {
  it('answers a missing object with 404 resource_missing naming the param', async () => {
    const error = await stripe.customers.retrieve('cus_missing').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id', message: "No such customer: 'cus_missing'" });
  });

  it('names a missing and an unknown parameter, and changes nothing', async () => {
    await expect(stripe.prices.create({ currency: 'usd', unit_amount: 100 } as Stripe.PriceCreateParams)).rejects.toMatchObject({ code: 'parameter_missing', param: 'product' });
    await expect(stripe.customers.create({ colour: 'blue' } as Stripe.CustomerCreateParams)).rejects.toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    expect((await stripe.customers.list({ limit: 100 })).data.filter((customer) => customer.name === 'blue')).toHaveLength(0);
  });

  it('answers an unknown route in Stripe shape, and every answer carries Request-Id and Stripe-Version', async () => {
    const answer = await request(`${base}/v1/nothing_here`, 'GET', undefined, { Authorization: `Bearer ${key}` });
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toBe('Unrecognized request URL (GET: /v1/nothing_here). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.');
    expect(answer.headers.get('request-id')).toMatch(/^req_/);
    const versioned = await request(`${base}/v1/customers`, 'GET', undefined, { Authorization: `Bearer ${key}`, 'Stripe-Version': '2026-10-28.endive' });
    expect(versioned.headers.get('stripe-version')).toBe('2026-10-28.endive');
  });

  it('declines a card that declines when it is attached, with 402 card_error and its decline code', async () => {
    const customer = await stripe.customers.create({ name: 'Declined' });
    const error = await stripe.paymentMethods.attach('pm_card_visa_chargeDeclinedInsufficientFunds', { customer: customer.id }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'insufficient_funds' });
  });
});

describe('idempotency', () => {
  it('replays the first answer to a key, marked Idempotent-Replayed, and creates once', async () => {
    const first = await request(`${base}/v1/customers`, 'POST', ...Object.values(form({ name: 'Once' }, { 'Idempotency-Key': 'key-once' })) as [string, Record<string, string>]);
    const again = await request(`${base}/v1/customers`, 'POST', ...Object.values(form({ name: 'Once' }, { 'Idempotency-Key': 'key-once' })) as [string, Record<string, string>]);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.headers.get('idempotency-key')).toBe('key-once');
    expect((await stripe.customers.search({ query: "name:'Once'" })).data).toHaveLength(1);
  });

  it('refuses the same key with other parameters as an idempotency error', async () => {
    await stripe.customers.create({ name: 'Keyed' }, { idempotencyKey: 'key-reused' });
    const error = await stripe.customers.create({ name: 'Other' }, { idempotencyKey: 'key-reused' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
  });
});

describe('lists, search and expand', () => {
  it('pages newest first with limit, starting_after and ending_before; the SDK auto-pages through all of them', async () => {
    const product = await stripe.products.create({ name: 'Paged', metadata: { batch: 'paging' } });
    const prices = [];
    for (let amount = 100; amount <= 2500; amount += 100) prices.push(await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: amount }));
    const first = await stripe.prices.list({ product: product.id, limit: 10 });
    expect(first.object).toBe('list');
    expect(first.has_more).toBe(true);
    expect(first.data.map((price) => price.unit_amount)).toEqual([2500, 2400, 2300, 2200, 2100, 2000, 1900, 1800, 1700, 1600]);
    const second = await stripe.prices.list({ product: product.id, limit: 10, starting_after: first.data[9]?.id });
    expect(second.data[0]?.unit_amount).toBe(1500);
    const back = await stripe.prices.list({ product: product.id, limit: 10, ending_before: second.data[0]?.id });
    expect(back.data.map((price) => price.id)).toEqual(first.data.map((price) => price.id));
    const all = await stripe.prices.list({ product: product.id, limit: 7 }).autoPagingToArray({ limit: 100 });
    expect(all).toHaveLength(25);
    await expect(stripe.prices.list({ limit: 101 })).rejects.toMatchObject({ param: 'limit' });
  });

  it('searches customers, products and prices by field, metadata and substring', async () => {
    await stripe.customers.create({ email: 'lin@example.com', name: 'Lin Searchable', metadata: { tier: 'gold' } });
    await stripe.customers.create({ email: 'max@example.com', name: 'Max Searchable', metadata: { tier: 'silver' } });
    const gold = await stripe.customers.search({ query: "metadata['tier']:'gold'" });
    expect(gold.object).toBe('search_result');
    expect(gold.data.map((customer) => customer.email)).toEqual(['lin@example.com']);
    const both = await stripe.customers.search({ query: "name~'searchable'", limit: 1 });
    expect(both.has_more).toBe(true);
    const rest = await stripe.customers.search({ query: "name~'searchable'", limit: 1, page: both.next_page ?? '' });
    expect(rest.data[0]?.email).not.toBe(both.data[0]?.email);
    expect((await stripe.products.search({ query: "metadata['batch']:'paging'" })).data).toHaveLength(1);
    expect((await stripe.prices.search({ query: "unit_amount>2300 AND currency:'usd'" })).data.map((price) => price.unit_amount).sort()).toEqual([2400, 2500]);
  });

  it('expands ids into objects on request, including inside lists', async () => {
    const product = await stripe.products.create({ name: 'Expandable' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500, recurring: { interval: 'month' } }, { idempotencyKey: 'expand-price' });
    const plain = await stripe.prices.retrieve(price.id);
    expect(plain.product).toBe(product.id);
    const expanded = await stripe.prices.retrieve(price.id, { expand: ['product'] });
    expect((expanded.product as Stripe.Product).name).toBe('Expandable');
    const listed = await stripe.prices.list({ product: product.id, expand: ['data.product'] });
    expect((listed.data[0]?.product as Stripe.Product).name).toBe('Expandable');
    await expect(stripe.prices.retrieve(price.id, { expand: ['nonsense'] })).rejects.toMatchObject({ param: 'expand' });
  });

  it('takes tiered prices with an infinite last tier, versions prices by archiving, and moves a lookup key', async () => {
    const product = await stripe.products.create({ name: 'Tiered' });
    const tiered = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      billing_scheme: 'tiered',
      tiers_mode: 'graduated',
      tiers: [{ up_to: 10, unit_amount: 100 }, { up_to: 'inf', unit_amount: 50 }],
      recurring: { interval: 'month' },
      lookup_key: 'seats',
    });
    const withTiers = await stripe.prices.retrieve(tiered.id, { expand: ['tiers'] });
    expect(withTiers.tiers?.map((tier) => tier.up_to)).toEqual([10, null]);
    const next = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 900, recurring: { interval: 'month' }, lookup_key: 'seats', transfer_lookup_key: true });
    await stripe.prices.update(tiered.id, { active: false });
    const byKey = await stripe.prices.list({ lookup_keys: ['seats'] });
    expect(byKey.data.map((price) => price.id)).toEqual([next.id]);
    expect((await stripe.prices.list({ product: product.id })).data.map((price) => price.id)).toEqual([next.id]);
    await expect(stripe.products.del(product.id)).rejects.toMatchObject({ statusCode: 400 });
  });
});
