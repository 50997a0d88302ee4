import { beforeAll, describe, expect, it } from 'vitest';
import { accountBody, defineCustomFields, useTenant } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });

beforeAll(async () => {
  await defineCustomFields(env.zuora, { PaymentMethod: ['source__c'] });
});

const VISA = '4111111111111111';

/** A card body that is valid on the test clock (January 2026). */
function cardBody(accountId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'card',
    account_id: accountId,
    card: { card_number: VISA, expiry_month: 12, expiry_year: 2030, security_code: '987' },
    billing_details: { name: 'Ada Lovelace' },
    ...overrides,
  };
}

async function newAccount(overrides: Record<string, unknown> = {}): Promise<{ id: string; account_number: string }> {
  const { body } = await env.zuora.post('/v2/accounts', accountBody(overrides));
  return body;
}

async function countPaymentMethods(): Promise<number> {
  return (await env.zuora.get('/v2/payment_methods?page_size=99')).body.data.length;
}

describe('payment methods', () => {
  it('keeps only the brand, last four digits and expiry of a card', async () => {
    const account = await newAccount();
    const created = await env.zuora.post('/v2/payment_methods', cardBody(account.id));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'card',
      account_id: account.id,
      state: 'active',
      card: { brand: 'visa', last_4: '1111', expiry_month: 12, expiry_year: 2030 },
      billing_details: { name: 'Ada Lovelace' },
    });
    expect(created.body.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.body.created_time).toBe((await env.admin.get('/clock')).body.now);

    const read = await env.zuora.get(`/v2/payment_methods/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(Object.keys(read.body.card).sort()).toEqual(['brand', 'expiry_month', 'expiry_year', 'last_4']);
    expect(JSON.stringify(read.body)).not.toContain(VISA);

    // Not stored either: a snapshot of the tenant's whole state does not hold the number.
    await env.admin.post('/snapshots', { name: 'after-card' });
    const snapshot = await env.admin.get('/snapshots/after-card');
    expect(JSON.stringify(snapshot.body)).toContain(created.body.id);
    expect(JSON.stringify(snapshot.body)).not.toContain(VISA);
  });

  it('reads the brand from the number, and takes two-digit years as this century', async () => {
    const account = await newAccount();
    const mastercard = await env.zuora.post(
      '/v2/payment_methods',
      cardBody(account.id, { card: { card_number: '5555555555554444', expiry_month: 3, expiry_year: 29 } }),
    );
    expect(mastercard.body.card).toEqual({ brand: 'mastercard', last_4: '4444', expiry_month: 3, expiry_year: 2029 });
    const amex = await env.zuora.post(
      '/v2/payment_methods',
      cardBody(account.id, { card: { card_number: '378282246310005', brand: 'american_express', expiry_month: 1, expiry_year: 2026 } }),
    );
    // January 2026 is the clock's own month: the card is still good until its end.
    expect(amex.status).toBe(201);
    expect(amex.body.card).toMatchObject({ brand: 'american_express', last_4: '0005' });
  });

  it('creates a cc_ref payment method from a gateway token, naming the account by number', async () => {
    const account = await newAccount();
    const created = await env.zuora.post('/v2/payment_methods', {
      type: 'cc_ref',
      account_number: account.account_number,
      cc_ref: { token: 'tok_visa', second_token: 'cus_Stripe42' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'cc_ref',
      account_id: account.id,
      state: 'active',
      cc_ref: { token: 'tok_visa', second_token: 'cus_Stripe42' },
    });
    expect(created.body.card).toBeUndefined();
  });

  it('makes a method the account default only when asked', async () => {
    const account = await newAccount();
    const first = await env.zuora.post('/v2/payment_methods', cardBody(account.id));
    // Zuora does not default the first method of an account on its own.
    expect((await env.zuora.get(`/v2/accounts/${account.id}`)).body.default_payment_method_id).toBeUndefined();

    const second = await env.zuora.post('/v2/payment_methods', cardBody(account.id, { is_default: true }));
    expect(second.status).toBe(201);
    expect((await env.zuora.get(`/v2/accounts/${account.id}`)).body.default_payment_method_id).toBe(second.body.id);
    const v1 = await env.zuora.get(`/v1/accounts/${account.account_number}`);
    expect(v1.body.billingAndPayment.defaultPaymentMethodId).toBe(second.body.id);

    const switched = await env.zuora.patch(`/v2/accounts/${account.id}`, { default_payment_method_id: first.body.id });
    expect(switched.status).toBe(200);
    expect(switched.body.default_payment_method_id).toBe(first.body.id);
  });

  it('creates the payment method an account create carries and makes it the default', async () => {
    const created = await env.zuora.post(
      '/v2/accounts',
      accountBody({ payment_method: { type: 'cc_ref', cc_ref: { token: 'pm_card_visa' }, billing_details: { name: 'Ada' } } }),
    );
    expect(created.status).toBe(201);
    const methodId = created.body.default_payment_method_id as string;
    expect(methodId).toMatch(/^[0-9a-f]{32}$/);
    const method = await env.zuora.get(`/v2/payment_methods/${methodId}`);
    expect(method.body).toMatchObject({ type: 'cc_ref', account_id: created.body.id, cc_ref: { token: 'pm_card_visa' } });
    const v1 = await env.zuora.get(`/v1/accounts/${created.body.id}`);
    expect(v1.body.billingAndPayment.defaultPaymentMethodId).toBe(methodId);
  });

  it('moves a method to another account on PATCH account_id, clearing the old default', async () => {
    const from = await newAccount();
    const to = await newAccount();
    const { body: method } = await env.zuora.post('/v2/payment_methods', cardBody(from.id, { is_default: true }));

    const moved = await env.zuora.patch(`/v2/payment_methods/${method.id}`, { account_id: to.id });
    expect(moved.status).toBe(200);
    expect(moved.body.account_id).toBe(to.id);
    expect((await env.zuora.get(`/v2/accounts/${from.id}`)).body.default_payment_method_id).toBeUndefined();
    expect((await env.zuora.get(`/v1/accounts/${from.id}`)).body.billingAndPayment.defaultPaymentMethodId).toBeNull();
    // Moving does not make it the new account's default; that takes an account update.
    expect((await env.zuora.get(`/v2/accounts/${to.id}`)).body.default_payment_method_id).toBeUndefined();

    const madeDefault = await env.zuora.patch(`/v2/accounts/${to.id}`, { default_payment_method_id: method.id });
    expect(madeDefault.body.default_payment_method_id).toBe(method.id);
    // The old account cannot point at a method it no longer owns.
    const refused = await env.zuora.patch(`/v2/accounts/${from.id}`, { name: 'Renamed', default_payment_method_id: method.id });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].parameter).toBe('default_payment_method_id');
    expect((await env.zuora.get(`/v2/accounts/${from.id}`)).body.name).toBe('Acme Corp');
  });

  it('updates the card expiry, the holder and custom fields', async () => {
    const account = await newAccount();
    const { body: method } = await env.zuora.post('/v2/payment_methods', cardBody(account.id));
    await env.admin.post('/clock/advance', { by: 'P1D' });
    const patched = await env.zuora.patch(`/v2/payment_methods/${method.id}`, {
      card: { expiry_month: 6, security_code: '123' },
      billing_details: { name: 'Augusta Ada King' },
      custom_fields: { source__c: 'stripe' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      card: { brand: 'visa', last_4: '1111', expiry_month: 6, expiry_year: 2030 },
      billing_details: { name: 'Augusta Ada King' },
      custom_fields: { source__c: 'stripe' },
      created_time: method.created_time,
      updated_time: '2026-01-16T10:00:00.000Z',
    });
  });

  it('lists methods page by page and filters them by account', async () => {
    const account = await newAccount();
    const other = await newAccount();
    const ids: string[] = [];
    for (const month of [1, 2, 3]) {
      const card = { card_number: VISA, expiry_month: month, expiry_year: 2031 };
      ids.push((await env.zuora.post('/v2/payment_methods', cardBody(account.id, { card }))).body.id);
    }
    await env.zuora.post('/v2/payment_methods', cardBody(other.id));

    const seen: string[] = [];
    let cursor: string | null = null;
    type Page = { status: number; body: { data: Array<{ id: string; account_id: string }>; next_page: string | null } };
    do {
      const page: Page = await env.zuora.get(
        `/v2/payment_methods?page_size=2&filter[]=account_id.EQ:${account.id}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      expect(page.body.data.every((method) => method.account_id === account.id)).toBe(true);
      seen.push(...page.body.data.map((method) => method.id));
      cursor = page.body.next_page;
    } while (cursor);
    expect(seen).toEqual(ids);
  });
});

describe('bad payment method input', () => {
  type Case = [string, (account: { id: string }) => Record<string, unknown>, string];
  const withCard = (account: { id: string }, card: Record<string, unknown>) =>
    cardBody(account.id, { card: { card_number: VISA, expiry_month: 12, expiry_year: 2030, ...card } });
  const cases: Case[] = [
    ['a card number that fails the Luhn check', (a) => withCard(a, { card_number: '4111111111111112' }), 'card.card_number'],
    ['a card that expired before the clock', (a) => withCard(a, { expiry_year: 2025 }), 'card.expiry_year'],
    ['a month outside 1..12', (a) => withCard(a, { expiry_month: 13 }), 'card.expiry_month'],
    ['a brand the number does not have', (a) => withCard(a, { brand: 'mastercard' }), 'card.brand'],
    ['an account that does not exist', () => cardBody('2c92c0f86a8dd422016a9e7a70116b0d'), 'account_id'],
    ['no account at all', (a) => cardBody(a.id, { account_id: undefined }), 'account_id'],
    ['a type the emulator does not know', (a) => cardBody(a.id, { type: 'bitcoin' }), 'type'],
    ['a card type without card details', (a) => ({ type: 'card', account_id: a.id }), 'card'],
    ['a card type with cc_ref details', (a) => cardBody(a.id, { cc_ref: { token: 'tok_visa' } }), 'cc_ref'],
    ['a cc_ref without a token', (a) => ({ type: 'cc_ref', account_id: a.id, cc_ref: {} }), 'cc_ref.token'],
    ['a field Zuora does not know', (a) => cardBody(a.id, { favourite_colour: 'blue' }), 'favourite_colour'],
  ];

  it.each(cases)('rejects %s with a Quickstart 400 and writes nothing', async (_label, body, parameter) => {
    const account = await newAccount();
    const before = await countPaymentMethods();
    const response = await env.zuora.post('/v2/payment_methods', body(account));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      type: 'bad_request',
      errors: [{ code: 'invalid_parameter', parameter, message: expect.any(String) }],
      retryable: false,
    });
    expect(JSON.stringify(response.body)).not.toContain(VISA);
    expect(await countPaymentMethods()).toBe(before);
  });

  it('refuses a payment method for a canceled account', async () => {
    const account = await newAccount();
    await env.zuora.patch(`/v2/accounts/${account.id}`, { status: 'Canceled' });
    const response = await env.zuora.post('/v2/payment_methods', cardBody(account.id));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].parameter).toBe('account_id');
  });

  it('creates no account when the payment method it carries is bad', async () => {
    const before = (await env.zuora.get('/v2/accounts?page_size=99')).body.data.length;
    const response = await env.zuora.post(
      '/v2/accounts',
      accountBody({ payment_method: { type: 'card', card: { card_number: '1234567812345678', expiry_month: 1, expiry_year: 2030 } } }),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].parameter).toBe('payment_method.card.card_number');
    expect((await env.zuora.get('/v2/accounts?page_size=99')).body.data.length).toBe(before);
  });

  it('rejects a move to an unknown account and leaves the method where it was', async () => {
    const account = await newAccount();
    const { body: method } = await env.zuora.post('/v2/payment_methods', cardBody(account.id, { is_default: true }));
    const response = await env.zuora.patch(`/v2/payment_methods/${method.id}`, { account_id: 'A99999999', billing_details: { name: 'X' } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].parameter).toBe('account_id');
    expect((await env.zuora.get(`/v2/payment_methods/${method.id}`)).body).toEqual(method);
    expect((await env.zuora.get(`/v2/accounts/${account.id}`)).body.default_payment_method_id).toBe(method.id);
  });

  it('rejects card details on a cc_ref method and an expiry in the past', async () => {
    const account = await newAccount();
    const ccRefBody = { type: 'cc_ref', account_id: account.id, cc_ref: { token: 'tok_visa' } };
    const { body: ccRef } = await env.zuora.post('/v2/payment_methods', ccRefBody);
    const onRef = await env.zuora.patch(`/v2/payment_methods/${ccRef.id}`, { card: { expiry_month: 1 } });
    expect(onRef.status).toBe(400);
    expect(onRef.body.errors[0].parameter).toBe('card');
    const { body: card } = await env.zuora.post('/v2/payment_methods', cardBody(account.id));
    const expired = await env.zuora.patch(`/v2/payment_methods/${card.id}`, { card: { expiry_year: 2024 } });
    expect(expired.status).toBe(400);
    expect(expired.body.errors[0].parameter).toBe('card.expiry_year');
  });

  it('answers an unknown payment method with 404', async () => {
    for (const response of [
      await env.zuora.get('/v2/payment_methods/ffffffffffffffffffffffffffffffff'),
      await env.zuora.patch('/v2/payment_methods/ffffffffffffffffffffffffffffffff', { billing_details: { name: 'X' } }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ type: 'not_found', errors: [{ code: 'resource_not_found' }], retryable: false });
    }
  });
});

describeOfficial("payment method bodies match Zuora's official spec", () => {
  it('validates the create, read, patch and list answers', async () => {
    const account = await newAccount();
    const card = await env.zuora.post('/v2/payment_methods', cardBody(account.id, { is_default: true }));
    await expectOfficialResponse('quickstart', 'POST', '/payment_methods', 201, card.body);
    const ccRefBody = { type: 'cc_ref', account_id: account.id, cc_ref: { token: 'tok_visa', second_token: 'cus_1' } };
    const ccRef = await env.zuora.post('/v2/payment_methods', ccRefBody);
    await expectOfficialResponse('quickstart', 'POST', '/payment_methods', 201, ccRef.body);
    const read = await env.zuora.get(`/v2/payment_methods/${card.body.id}`);
    await expectOfficialResponse('quickstart', 'GET', '/payment_methods/{payment_method_id}', 200, read.body);
    const patched = await env.zuora.patch(`/v2/payment_methods/${card.body.id}`, { card: { expiry_month: 7 } });
    await expectOfficialResponse('quickstart', 'PATCH', '/payment_methods/{payment_method_id}', 200, patched.body);
    const list = await env.zuora.get(`/v2/payment_methods?filter[]=account_id.EQ:${account.id}`);
    await expectOfficialResponse('quickstart', 'GET', '/payment_methods', 200, list.body);
  });

  it('validates the error answers', async () => {
    const bad = await env.zuora.post('/v2/payment_methods', { type: 'card' });
    await expectOfficialResponse('quickstart', 'POST', '/payment_methods', 400, bad.body);
    const missing = await env.zuora.get('/v2/payment_methods/nope');
    await expectOfficialResponse('quickstart', 'GET', '/payment_methods/{payment_method_id}', 404, missing.body);
  });
});
