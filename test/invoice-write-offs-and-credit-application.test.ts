import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { billedSupportAccount } from './helpers/billedAccount.js';
import { useEmulator } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

// Writing an invoice off through the V1 invoice API, and moving a credit memo's credit between
// invoices with PUT .../apply and /unapply under both spellings Zuora has served.
// Each account starts with one posted invoice of $50 (Priority support for May).
const env = useEmulator({ now: '2026-05-01T00:00:00.000Z' });
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
});

const billed = (name: string) => billedSupportAccount(env.zuora, catalog, name, '2026-05-01');
const invoiceOf = async (id: string) => (await env.zuora.get(`/v1/invoices/${id}`)).body;
const memoOf = async (id: string) => (await env.zuora.get(`/v1/credit-memos/${id}`)).body;
const metricsOf = async (accountId: string) => (await env.zuora.get(`/v1/accounts/${accountId}`)).body.metrics;

describe('PUT /v1/invoices/{key}/write-off', () => {
  it('writes the whole balance off with a credit memo applied to the invoice', async () => {
    const { account, invoiceId, invoiceNumber } = await billed('Write-off Co');
    const { body } = await env.zuora.put(`/v1/invoices/${invoiceNumber}/write-off`, { comment: 'uncollectable', memoDate: '2026-05-01' });
    expect(body).toEqual({ success: true, creditMemo: { id: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    expect(await invoiceOf(invoiceId)).toMatchObject({ balance: 0, creditMemoAmount: 50, status: 'Posted' });
    for (const path of ['/v1/credit-memos', '/v1/creditmemos']) {
      expect((await env.zuora.get(`${path}/${body.creditMemo.id}`)).body).toMatchObject({
        amount: 50,
        appliedAmount: 50,
        unappliedAmount: 0,
        reasonCode: 'Write-off',
        comment: 'uncollectable',
        sourceType: 'Invoice',
        referredInvoiceId: invoiceId,
        creditMemoDate: '2026-05-01',
      });
    }
    // 50 invoiced, 50 credited and applied: nothing owed, no credit left.
    expect(await metricsOf(account.id)).toMatchObject({ balance: 0, totalInvoiceBalance: 0, unappliedCreditMemoAmount: '0.00' });
  });

  it('writes part of the balance off when an amount is given', async () => {
    const { account, invoiceId } = await billed('Partial Co');
    const { body } = await env.zuora.put(`/v1/invoices/${invoiceId}/write-off`, { amount: 20, reasonCode: 'Goodwill' });
    expect(body.success).toBe(true);
    expect(await memoOf(body.creditMemo.id)).toMatchObject({ amount: 20, appliedAmount: 20, reasonCode: 'Goodwill' });
    // 50 - 20 = 30 still owed.
    expect(await invoiceOf(invoiceId)).toMatchObject({ balance: 30, creditMemoAmount: 20 });
    expect(await metricsOf(account.id)).toMatchObject({ balance: 30, totalInvoiceBalance: 30 });
  });

  it('refuses too much, nothing, a date before the invoice, a paid invoice and an unknown one, changing nothing', async () => {
    const { account, invoiceId } = await billed('Refused Co');
    for (const request of [{ amount: 50.01 }, { amount: 0 }, { amount: -5 }, { memoDate: '2026-04-30' }, { amount: 'all' }, { comment: 'x'.repeat(256) }, { items: [{ invoiceItemId: 'x', amountWithoutTax: 1 }] }]) {
      const { body } = await env.zuora.put(`/v1/invoices/${invoiceId}/write-off`, request);
      expect(body, JSON.stringify(request)).toMatchObject({ success: false, reasons: [{ code: expect.any(Number), message: expect.any(String) }] });
    }
    // Invoice's resource code 500040, category 20 (invalid value): 500040 x 100 + 20.
    expect((await env.zuora.put(`/v1/invoices/${invoiceId}/write-off`, { amount: 60 })).body.reasons[0].code).toBe(50004020);
    expect((await env.zuora.put('/v1/invoices/INV99999999/write-off', {})).body).toMatchObject({ success: false, reasons: [{ code: 50004040 }] });
    expect(await invoiceOf(invoiceId)).toMatchObject({ balance: 50, creditMemoAmount: 0 });
    expect(await metricsOf(account.id)).toMatchObject({ balance: 50, unappliedCreditMemoAmount: '0.00' });

    await env.zuora.post('/v1/payments', { accountId: account.id, amount: 50, currency: 'USD', type: 'External', invoices: [{ invoiceId, amount: 50 }] });
    // Category 30: a rule restriction (nothing left to write off).
    expect((await env.zuora.put(`/v1/invoices/${invoiceId}/write-off`, {})).body).toMatchObject({ success: false, reasons: [{ code: 50004030 }] });
  });
});

describe('credit memo apply and unapply', () => {
  it('moves credit between the memo and invoices; invoice, memo and account balances follow', async () => {
    const { account, invoiceId, invoiceNumber } = await billed('Apply Memo Co');
    const memoId = (await env.zuora.put(`/v1/invoices/${invoiceId}/write-off`, { amount: 20 })).body.creditMemo.id;

    const back = await env.zuora.put(`/v1/credit-memos/${memoId}/unapply`, { invoices: [{ invoiceId, amount: 15 }] });
    expect(back.body).toMatchObject({ success: true, id: memoId, appliedAmount: 5, unappliedAmount: 15 });
    // The invoice owes 30 + 15 = 45; the account is owed 15 of credit, so its balance stays 30.
    expect(await invoiceOf(invoiceId)).toMatchObject({ balance: 45, creditMemoAmount: 5 });
    expect(await metricsOf(account.id)).toMatchObject({ balance: 30, totalInvoiceBalance: 45, unappliedCreditMemoAmount: '15.00' });

    const memoNumber = back.body.number;
    const applied = await env.zuora.put(`/v1/creditmemos/${memoNumber}/apply`, { invoices: [{ invoiceId: invoiceNumber, amount: 10 }] });
    expect(applied.body).toMatchObject({ success: true, appliedAmount: 15, unappliedAmount: 5 });
    expect(await invoiceOf(invoiceId)).toMatchObject({ balance: 35, creditMemoAmount: 15 });
    expect(await metricsOf(account.id)).toMatchObject({ balance: 30, totalInvoiceBalance: 35, unappliedCreditMemoAmount: '5.00' });
    // Object Query reads the same memo.
    expect((await env.zuora.get(`/object-query/invoices/${invoiceId}`)).body).toMatchObject({ balance: 35 });
  });

  it('refuses more than is unapplied, owed or applied, another account\'s invoice and an empty list, changing nothing', async () => {
    const { account, invoiceId } = await billed('Refuse Memo Co');
    const other = await billed('Other Co');
    const memoId = (await env.zuora.put(`/v1/invoices/${invoiceId}/write-off`, { amount: 20 })).body.creditMemo.id;
    await env.zuora.put(`/v1/credit-memos/${memoId}/unapply`, { invoices: [{ invoiceId, amount: 10 }] });
    const attempts: Array<[string, unknown]> = [
      ['apply', { invoices: [{ invoiceId, amount: 10.01 }] }],
      ['apply', { invoices: [{ invoiceId, amount: 0 }] }],
      ['apply', { invoices: [{ invoiceId: other.invoiceId, amount: 1 }] }],
      ['apply', { invoices: [] }],
      ['apply', {}],
      ['unapply', { invoices: [{ invoiceId, amount: 10.01 }] }],
      ['unapply', { invoices: [{ invoiceId: other.invoiceId, amount: 1 }] }],
      ['apply', { invoices: [{ invoiceId, amount: 5 }, { invoiceId, amount: 5.01 }] }],
    ];
    for (const [action, request] of attempts) {
      for (const path of ['/v1/credit-memos', '/v1/creditmemos']) {
        const { body } = await env.zuora.put(`${path}/${memoId}/${action}`, request);
        expect(body, `${path} ${action} ${JSON.stringify(request)}`).toMatchObject({ success: false, reasons: [{ code: expect.any(Number) }] });
      }
    }
    expect((await env.zuora.put('/v1/credit-memos/CM99999999/apply', { invoices: [{ invoiceId, amount: 1 }] })).body.reasons[0].code).toBe(50007040);
    expect(await memoOf(memoId)).toMatchObject({ appliedAmount: 10, unappliedAmount: 10 });
    expect(await invoiceOf(invoiceId)).toMatchObject({ balance: 40 });
    expect(await invoiceOf(other.invoiceId)).toMatchObject({ balance: 50 });
    expect(await metricsOf(account.id)).toMatchObject({ unappliedCreditMemoAmount: '10.00' });
  });
});

describeOfficial("write-off and credit memo application answers match Zuora's official spec", () => {
  it('validates the write-off answer and the apply and unapply answers', async () => {
    const { invoiceId } = await billed('Spec Co');
    const writeOff = await env.zuora.put(`/v1/invoices/${invoiceId}/write-off`, { amount: 20 });
    await expectOfficialResponse('v1', 'PUT', '/v1/invoices/{invoiceKey}/write-off', 200, writeOff.body);
    const memoId = writeOff.body.creditMemo.id;
    const unapplied = await env.zuora.put(`/v1/credit-memos/${memoId}/unapply`, { invoices: [{ invoiceId, amount: 5 }] });
    await expectOfficialResponse('v1', 'PUT', '/v1/credit-memos/{creditMemoKey}/unapply', 200, unapplied.body);
    const applied = await env.zuora.put(`/v1/credit-memos/${memoId}/apply`, { invoices: [{ invoiceId, amount: 5 }] });
    await expectOfficialResponse('v1', 'PUT', '/v1/credit-memos/{creditMemoKey}/apply', 200, applied.body);
  });
});
