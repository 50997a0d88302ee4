import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { billedSupportAccount } from './helpers/billedAccount.js';
import { useTenant } from './helpers/emulator.js';

// A payment made without `invoices` stays unapplied until applied (as in Zuora), and what is applied
// can be taken back. One invoice of $50 (Priority support for May).
const env = useTenant({ now: '2026-05-01T00:00:00.000Z' });
let catalog: TestCatalog;
let account: { id: string; account_number: string };
let invoiceId: string;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  const billed = await billedSupportAccount(env.zuora, catalog, 'Apply Co', '2026-05-01');
  account = billed.account;
  invoiceId = billed.invoiceId;
});

const balance = async () => (await env.zuora.get(`/v1/invoices/${invoiceId}`)).body.balance as number;

describe('payment application', () => {
  it('keeps a payment without invoices unapplied, then applies and unapplies parts of it', async () => {
    const payment = (await env.zuora.post('/v1/payments', { accountId: account.id, amount: 30, currency: 'USD', type: 'External' })).body;
    expect(payment).toMatchObject({ success: true, appliedAmount: 0, unappliedAmount: 30 });
    expect(await balance()).toBe(50);

    const applied = await env.zuora.put(`/v1/payments/${payment.id}/apply`, { invoices: [{ invoiceId, amount: 20 }] });
    expect(applied.body).toMatchObject({ success: true, appliedAmount: 20, unappliedAmount: 10 });
    expect(await balance()).toBe(30);
    expect((await env.zuora.get(`/v1/accounts/${account.id}`)).body.metrics.balance).toBe(30);

    const back = await env.zuora.put(`/v1/payments/${payment.number}/unapply`, { invoices: [{ invoiceId, amount: 5 }] });
    expect(back.body).toMatchObject({ success: true, appliedAmount: 15, unappliedAmount: 15 });
    expect(await balance()).toBe(35);
    expect((await env.zuora.get(`/object-query/payments/${payment.id}`)).body).toMatchObject({ appliedAmount: 15, unappliedAmount: 15 });
  });

  it('refuses to apply more than is unapplied or owed, and to take back more than was applied, changing nothing', async () => {
    const payment = (await env.zuora.post('/v1/payments', { accountId: account.id, amount: 10, currency: 'USD', type: 'External' })).body;
    const before = await balance();
    for (const [action, amount] of [['apply', 11], ['apply', 0], ['unapply', 1]] as const) {
      const { body } = await env.zuora.put(`/v1/payments/${payment.id}/${action}`, { invoices: [{ invoiceId, amount }] });
      expect(body.success, `${action} ${amount}`).toBe(false);
    }
    expect((await env.zuora.put(`/v1/payments/${payment.id}/apply`, { invoices: [] })).body.success).toBe(false);
    expect((await env.zuora.put('/v1/payments/P-99999999/apply', { invoices: [{ invoiceId, amount: 1 }] })).body.success).toBe(false);
    expect(await balance()).toBe(before);
    expect((await env.zuora.get(`/v1/payments/${payment.id}`)).body).toMatchObject({ appliedAmount: 0, unappliedAmount: 10 });
  });
});
