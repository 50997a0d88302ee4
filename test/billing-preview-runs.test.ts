import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { supportAccount } from './helpers/billedAccount.js';
import { useEmulator } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

// Billing preview runs: the billing preview of many accounts at once, run at once on the tenant
// clock, its result a CSV file read through GET /v1/files/{id}. Two accounts subscribe on 1 May to
// Priority support ($50 a month, evergreen, bill cycle day 1), in batches 5 and 6, nothing billed yet.
const env = useEmulator({ now: '2026-05-01T00:00:00.000Z' });
let catalog: TestCatalog;
let five: { id: string; account_number: string };
let six: { id: string; account_number: string };

async function subscribedIn(batch: string) {
  return (await supportAccount(env.zuora, catalog, '2026-05-01', { overrides: { name: `${batch} Co`, batch } })).account;
}

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  five = await subscribedIn('Batch5');
  six = await subscribedIn('Batch6');
});

describe('billing preview runs', () => {
  it('previews the accounts named through the target date into a CSV file, as the single preview does', async () => {
    const created = await env.zuora.post('/v1/billing-preview-runs', {
      targetDate: '2026-06-01',
      filters: [{ filterType: 'Account', accountId: five.account_number }],
      includingEvergreenSubscription: true,
    });
    expect(created.body).toEqual({ success: true, billingPreviewRunId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const { body: run } = await env.zuora.get(`/v1/billing-preview-runs/${created.body.billingPreviewRunId}`);
    expect(run).toMatchObject({
      success: true,
      runNumber: expect.stringMatching(/^BPR-\d{8}$/),
      status: 'Completed',
      targetDate: '2026-06-01',
      totalAccounts: 1,
      succeededAccounts: 1,
      storageOption: 'Csv',
      resultFileUrl: `/v1/files/${created.body.billingPreviewRunId}`,
      startDate: '2026-05-01T00:00:00.000Z',
    });
    const file = await env.zuora.get(run.resultFileUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...lines] = (file.body as string).trim().split('\n');
    expect(header).toBe('Account Number,Subscription Number,Charge Number,Charge Name,Charge Type,Processing Type,Service Start Date,Service End Date,Quantity,Amount');
    // May and June of $50 each, the periods starting on or before the target date.
    expect(lines.map((line) => line.split(',').filter((_, index) => [0, 6, 7, 9].includes(index)))).toEqual([
      [five.account_number, '2026-05-01', '2026-05-31', '50.00'],
      [five.account_number, '2026-06-01', '2026-06-30', '50.00'],
    ]);
    // The single-account preview agrees, line for line.
    const single = await env.zuora.post('/v1/operations/billing-preview', { accountId: five.id, targetDate: '2026-06-01', includingEvergreenSubscription: true });
    expect(single.body.invoiceItems.map((item: { serviceStartDate: string; chargeAmount: number }) => [item.serviceStartDate, item.chargeAmount])).toEqual([
      ['2026-05-01', 50],
      ['2026-06-01', 50],
    ]);
    // Nothing was billed.
    expect((await env.zuora.get(`/v1/transactions/invoices/accounts/${five.account_number}`)).body.invoices).toEqual([]);
  });

  it('previews the accounts of the batches asked, every active account without batches', async () => {
    const byBatch = (await env.zuora.post('/v1/billing-preview-runs', { targetDate: '2026-05-01', batches: 'Batch6', includingEvergreenSubscription: true })).body;
    const run = (await env.zuora.get(`/v1/billing-preview-runs/${byBatch.billingPreviewRunId}`)).body;
    expect(run).toMatchObject({ batches: 'Batch6', totalAccounts: 1 });
    const csv = (await env.zuora.get(run.resultFileUrl)).body as string;
    expect(csv).toContain(six.account_number);
    expect(csv).not.toContain(five.account_number);

    const everyone = (await env.zuora.post('/v1/billing-preview-runs', { targetDate: '2026-05-01', batches: 'AllBatches' })).body;
    // Without includingEvergreenSubscription, evergreen subscriptions are left out, as Zuora does: a header alone.
    const all = (await env.zuora.get(`/v1/billing-preview-runs/${everyone.billingPreviewRunId}`)).body;
    expect(all).toMatchObject({ batches: 'AllBatches', totalAccounts: 2 });
    expect(((await env.zuora.get(all.resultFileUrl)).body as string).trim().split('\n')).toHaveLength(1);
  });

  it('refuses what it cannot run, creating no run', async () => {
    const refusals: unknown[] = [
      {},
      { targetDate: 'next month' },
      { targetDate: '2026-05-01', filters: [{ filterType: 'Account', accountId: 'A99999999' }] },
      { targetDate: '2026-05-01', filters: [{ filterType: 'Account', accountId: five.id }], batches: 'Batch5' },
      { targetDate: '2026-05-01', batches: 'Batch77' },
      { targetDate: '2026-05-01', storageOption: 'Database' },
      { targetDate: '2026-05-01', chargeTypeToExclude: 'Recurring,Monthly' },
    ];
    for (const request of refusals) {
      const { body } = await env.zuora.post('/v1/billing-preview-runs', request);
      expect(body, JSON.stringify(request)).toMatchObject({ success: false, reasons: [{ code: expect.any(Number), message: expect.any(String) }] });
    }
    expect((await env.zuora.get('/v1/billing-preview-runs/BPR-00000099')).body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
    // Three runs so far (the tests above); a refused request made none: the next is the fourth.
    const next = (await env.zuora.post('/v1/billing-preview-runs', { targetDate: '2026-05-01' })).body;
    expect((await env.zuora.get(`/v1/billing-preview-runs/${next.billingPreviewRunId}`)).body.runNumber).toBe('BPR-00000004');
    expect((await env.zuora.get('/v1/files/nope')).body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
  });
});

describeOfficial("billing preview run answers match Zuora's official spec", () => {
  it('validates the create and read answers', async () => {
    const created = await env.zuora.post('/v1/billing-preview-runs', { targetDate: '2026-05-01', filters: [{ filterType: 'Account', accountId: six.id }] });
    await expectOfficialResponse('v1', 'POST', '/v1/billing-preview-runs', 200, created.body);
    const read = await env.zuora.get(`/v1/billing-preview-runs/${created.body.billingPreviewRunId}`);
    await expectOfficialResponse('v1', 'GET', '/v1/billing-preview-runs/{billingPreviewRunId}', 200, read.body);
  });
});
