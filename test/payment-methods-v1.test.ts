import { beforeAll, describe, expect, it } from 'vitest';
import { defineCustomFields, useTenant } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

// Payment methods through the V1 API: cards checked with the gateway simulator's test cards, card
// references, ACH and SEPA bank accounts kept masked, the account's grouped list, update, delete, verify.
const env = useTenant({ now: '2026-05-01T09:00:00.000Z' });

beforeAll(async () => {
  await defineCustomFields(env.zuora, { PaymentMethod: ['label__c'] });
});

const billToContact = { firstName: 'Ada', lastName: 'Lovelace', country: 'United States', state: 'CA' };

async function newAccount(overrides: Record<string, unknown> = {}): Promise<{ accountId: string; accountNumber: string; paymentMethodId: string | null }> {
  const { body } = await env.zuora.post('/v1/accounts', { name: 'Analytical Engines', currency: 'USD', billToContact, ...overrides });
  if (!body.success) throw new Error(JSON.stringify(body));
  return body;
}

const card = (accountKey: string, overrides: Record<string, unknown> = {}) => ({
  type: 'CreditCard',
  accountKey,
  cardType: 'Visa',
  cardNumber: '4111111111111111',
  expirationMonth: 10,
  expirationYear: 2030,
  securityCode: '123',
  cardHolderInfo: { cardHolderName: 'Ada Lovelace', addressLine1: '1 Engine Way', city: 'London', country: 'United Kingdom' },
  ...overrides,
});

const ach = (accountKey: string, overrides: Record<string, unknown> = {}) => ({
  type: 'ACH',
  accountKey,
  bankABACode: '122000661',
  bankAccountNumber: '000123456789',
  bankAccountType: 'Checking',
  bankName: 'Bank of Engines',
  bankAccountName: 'Ada Lovelace',
  ...overrides,
});

const read = async (id: string) => (await env.zuora.get(`/v1/payment-methods/${id}`)).body;
const listOf = async (accountKey: string) => (await env.zuora.get(`/v1/accounts/${accountKey}/payment-methods`)).body;

describe('V1 payment methods', () => {
  it('creates a card checked with the gateway simulator and keeps only its mask', async () => {
    const account = await newAccount();
    const created = await env.zuora.post('/v1/payment-methods', card(account.accountNumber, { makeDefault: true, label__c: 'primary' }));
    expect(created.body).toEqual({ success: true, id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const method = await read(created.body.id);
    expect(method).toMatchObject({
      success: true,
      id: created.body.id,
      type: 'CreditCard',
      status: 'Active',
      isDefault: true,
      creditCardType: 'Visa',
      creditCardMaskNumber: '************1111',
      expirationMonth: 10,
      expirationYear: 2030,
      label__c: 'primary',
      accountHolderInfo: { accountHolderName: 'Ada Lovelace', addressLine1: '1 Engine Way', city: 'London' },
    });
    expect(JSON.stringify(method)).not.toContain('4111111111111111');
    expect((await env.zuora.get(`/v1/accounts/${account.accountNumber}`)).body.billingAndPayment.defaultPaymentMethodId).toBe(created.body.id);
  });

  it('refuses a card the gateway declines, unless validation is skipped; verify then declines it', async () => {
    const account = await newAccount();
    const declined = await env.zuora.post('/v1/payment-methods', card(account.accountId, { cardNumber: '4000000000000002' }));
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ success: false, reasons: [{ code: 50006020, message: expect.stringContaining('declined') }] });
    expect(Object.keys(await listOf(account.accountNumber)).filter((key) => key === 'creditcard')).toEqual([]);

    const skipped = await env.zuora.post('/v1/payment-methods', card(account.accountId, { cardNumber: '4000000000000002', skipValidation: true }));
    expect(skipped.body.success).toBe(true);
    const verify = await env.zuora.put(`/v1/payment-methods/${skipped.body.id}/verify`, {});
    expect(verify.body).toMatchObject({ success: false, reasons: [{ code: 50006020 }] });

    const good = await env.zuora.post('/v1/payment-methods', card(account.accountId));
    expect((await env.zuora.put(`/v1/payment-methods/${good.body.id}/verify`, { currencyCode: 'USD' })).body).toEqual({ success: true, paymentMethodId: good.body.id });
    // A card that takes a card-on-file check (and declines charges later) is kept.
    expect((await env.zuora.post('/v1/payment-methods', card(account.accountId, { cardNumber: '4000000000000341' }))).body.success).toBe(true);
  });

  it('creates a card reference from a gateway token', async () => {
    const account = await newAccount();
    const created = await env.zuora.post('/v1/payment-methods', { type: 'CreditCardReferenceTransaction', accountKey: account.accountId, tokenId: 'tok_visa', secondTokenId: 'cus_123' });
    expect(created.body.success).toBe(true);
    expect(await read(created.body.id)).toMatchObject({ type: 'CreditCardReferenceTransaction', tokenId: 'tok_visa', secondTokenId: 'cus_123', isDefault: false });
    const declined = await env.zuora.post('/v1/payment-methods', { type: 'CreditCardReferenceTransaction', accountKey: account.accountId, tokenId: 'tok_chargeDeclined' });
    expect(declined.body.success).toBe(false);
  });

  it('creates ACH and SEPA bank accounts without a gateway call, stored masked, and charges them', async () => {
    const account = await newAccount();
    const created = await env.zuora.post('/v1/payment-methods', ach(account.accountNumber, { makeDefault: true, city: 'Sacramento' }));
    expect(created.body.success).toBe(true);
    expect(await read(created.body.id)).toMatchObject({
      type: 'ACH',
      bankABACode: '122000661',
      bankAccountNumber: '********6789',
      bankAccountType: 'Checking',
      bankName: 'Bank of Engines',
      bankAccountName: 'Ada Lovelace',
      accountHolderInfo: { accountHolderName: 'Ada Lovelace', city: 'Sacramento' },
      creditCardMaskNumber: null,
    });
    const sepa = await env.zuora.post('/v1/payment-methods', { type: 'SEPA', accountKey: account.accountNumber, IBAN: 'DE89 3704 0044 0532 0130 00', accountHolderInfo: { accountHolderName: 'Ada Lovelace' } });
    expect(await read(sepa.body.id)).toMatchObject({ type: 'SEPA', IBAN: '******************3000', bankTransferType: 'SEPA' });

    await env.admin.post('/snapshots', { name: 'bank-accounts' });
    const snapshot = JSON.stringify((await env.admin.get('/snapshots/bank-accounts')).body);
    expect(snapshot).toContain(created.body.id);
    expect(snapshot).not.toContain('000123456789');
    expect(snapshot).not.toContain('DE89370400440532013000');

    // The same record through Object Query, under its ACH field names.
    const queried = (await env.zuora.get(`/object-query/payment-methods/${created.body.id}`)).body;
    expect(queried).toMatchObject({ type: 'ACH', achAbaCode: '122000661', achAccountNumberMask: '********6789', achAccountType: 'Checking', achBankName: 'Bank of Engines', creditCardCity: 'Sacramento' });

    const payment = await env.zuora.post('/v1/payments', { accountId: account.accountId, amount: 20, currency: 'USD', effectiveDate: '2026-05-01', type: 'Electronic', paymentMethodId: created.body.id });
    expect(payment.body).toMatchObject({ success: true, status: 'Processed' });
    expect(await read(created.body.id)).toMatchObject({ totalNumberOfProcessedPayments: 1, totalNumberOfErrorPayments: 0 });
  });

  it('refuses bank details in the wrong form, and a type without its required fields, storing nothing', async () => {
    const account = await newAccount();
    const attempts = [
      ach(account.accountId, { bankABACode: '12345' }),
      ach(account.accountId, { bankAccountNumber: '12ab' }),
      ach(account.accountId, { bankAccountName: undefined }),
      { type: 'SEPA', accountKey: account.accountId, IBAN: 'NOT-AN-IBAN', accountHolderInfo: { accountHolderName: 'Ada' } },
      { type: 'SEPA', accountKey: account.accountId, IBAN: 'DE89370400440532013000' },
      card(account.accountId, { cardHolderInfo: undefined }),
      card(account.accountId, { cardNumber: '4111111111111112' }),
      card(account.accountId, { accountKey: undefined }),
      card(account.accountId, { unknownThing: 1 }),
    ];
    for (const attempt of attempts) {
      const { status, body } = await env.zuora.post('/v1/payment-methods', attempt);
      expect(status).toBe(200);
      expect(body.success, JSON.stringify(attempt)).toBe(false);
      expect(String(body.reasons[0].code)).toMatch(/^500060(20|21|22)$/);
    }
    expect(await listOf(account.accountNumber)).toEqual({ success: true, defaultPaymentMethodId: null, paymentGateway: null });
  });

  it("lists an account's payment methods grouped by type, with its default", async () => {
    const account = await newAccount();
    const visa = (await env.zuora.post('/v1/payment-methods', card(account.accountNumber, { makeDefault: true }))).body.id;
    const bank = (await env.zuora.post('/v1/payment-methods', ach(account.accountNumber))).body.id;
    const list = await listOf(account.accountId);
    expect(list).toMatchObject({ success: true, defaultPaymentMethodId: visa, paymentGateway: null });
    expect(list.creditcard.map((method: { id: string }) => method.id)).toEqual([visa]);
    expect(list.ach.map((method: { id: string }) => method.id)).toEqual([bank]);
    expect(list.creditcard[0]).toMatchObject({ isDefault: true, creditCardMaskNumber: '************1111' });
    const missing = await env.zuora.get('/v1/accounts/A99999999/payment-methods');
    expect(missing.body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
  });

  it('updates expiry, holder address, retry rule and custom fields', async () => {
    const account = await newAccount();
    const id = (await env.zuora.post('/v1/payment-methods', card(account.accountId))).body.id;
    const put = await env.zuora.put(`/v1/payment-methods/${id}`, { expirationMonth: 4, expirationYear: 2031, accountHolderInfo: { city: 'Paris' }, maxConsecutivePaymentFailures: 3, label__c: 'backup' });
    expect(put.body).toEqual({ success: true, id });
    expect(await read(id)).toMatchObject({
      expirationMonth: 4,
      expirationYear: 2031,
      accountHolderInfo: { city: 'Paris', addressLine1: '1 Engine Way' },
      useDefaultRetryRule: false,
      maxConsecutivePaymentFailures: 3,
      label__c: 'backup',
    });
    const expired = await env.zuora.put(`/v1/payment-methods/${id}`, { expirationMonth: 1, expirationYear: 2026 });
    expect(expired.body).toMatchObject({ success: false });
    expect(await read(id)).toMatchObject({ expirationMonth: 4, expirationYear: 2031 });
  });

  it('refuses to delete the default payment method of an auto-pay account; deletes others', async () => {
    const creditCard = { cardType: 'Visa', cardNumber: '4242424242424242', expirationMonth: 1, expirationYear: 2031 };
    const account = await newAccount({ creditCard, autoPay: true });
    const refused = await env.zuora.delete(`/v1/payment-methods/${account.paymentMethodId}`);
    expect(refused.body).toMatchObject({ success: false, reasons: [{ code: 50000030, message: expect.stringContaining('auto-pay') }] });
    expect(await read(account.paymentMethodId as string)).toMatchObject({ status: 'Active', isDefault: true });

    const spare = (await env.zuora.post('/v1/payment-methods', ach(account.accountId))).body.id;
    expect((await env.zuora.delete(`/v1/payment-methods/${spare}`)).body).toEqual({ success: true });
    expect(await read(spare)).toMatchObject({ status: 'Closed' });
    expect((await listOf(account.accountId)).ach).toBeUndefined();

    await env.zuora.put(`/v1/accounts/${account.accountNumber}`, { autoPay: false });
    expect((await env.zuora.delete(`/v1/payment-methods/${account.paymentMethodId}`)).body).toEqual({ success: true });
    expect((await listOf(account.accountId)).defaultPaymentMethodId).toBeNull();
    const again = await env.zuora.delete(`/v1/payment-methods/${account.paymentMethodId}`);
    expect(again.body.success).toBe(false);
    expect((await env.zuora.delete('/v1/payment-methods/0123456789abcdef0123456789abcdef')).body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
  });
});

describeOfficial('V1 payment methods against the official spec', () => {
  it('answers create, read, list, update, delete and verify in their official shapes', async () => {
    const account = await newAccount();
    const created = await env.zuora.post('/v1/payment-methods', card(account.accountId, { makeDefault: true }));
    await expectOfficialResponse('v1', 'post', '/v1/payment-methods', 200, created.body);
    const bank = await env.zuora.post('/v1/payment-methods', ach(account.accountId));
    await expectOfficialResponse('v1', 'get', '/v1/payment-methods/{payment-method-id}', 200, await read(created.body.id));
    await expectOfficialResponse('v1', 'get', '/v1/payment-methods/{payment-method-id}', 200, await read(bank.body.id));
    await expectOfficialResponse('v1', 'get', '/v1/accounts/{account-key}/payment-methods', 200, await listOf(account.accountId));
    const put = await env.zuora.put(`/v1/payment-methods/${created.body.id}`, { expirationMonth: 5 });
    await expectOfficialResponse('v1', 'put', '/v1/payment-methods/{payment-method-id}', 200, put.body);
    const verify = await env.zuora.put(`/v1/payment-methods/${created.body.id}/verify`, {});
    await expectOfficialResponse('v1', 'put', '/v1/payment-methods/{payment-method-id}/verify', 200, verify.body);
    const deleted = await env.zuora.delete(`/v1/payment-methods/${bank.body.id}`);
    await expectOfficialResponse('v1', 'delete', '/v1/payment-methods/{payment-method-id}', 200, deleted.body);
  });
});
