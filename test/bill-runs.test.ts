import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { supportAccount } from './helpers/billedAccount.js';
import { useEmulator } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

// Bill runs on demand (POST /v1/bill-runs): they run at once on the tenant clock with the same
// billing as the clock's own bill runs, leave draft invoices unless autoPost, and are posted or
// cancelled as a whole. Each account subscribes on 1 May to Priority support ($50 a month, bill
// cycle day 1) without billing at once, so May's $50 is what a bill run through 1 May invoices.
const env = useEmulator({ now: '2026-05-01T00:00:00.000Z' });
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
});

interface Subscribed {
  id: string;
  number: string;
  subscriptionNumber: string;
}

async function subscribed(name: string, extra: Record<string, unknown> = {}): Promise<Subscribed> {
  const { account, subscriptionNumber } = await supportAccount(env.zuora, catalog, '2026-05-01', { overrides: { name, ...extra } });
  return { id: account.id, number: account.account_number, subscriptionNumber };
}

type ListedInvoice = { id: string; invoiceNumber: string; status: string; amount: string; invoiceDate: string; invoiceItems: Array<{ serviceStartDate: string }> };
const invoicesOf = async (account: Subscribed) =>
  ((await env.zuora.get(`/v1/transactions/invoices/accounts/${account.number}`)).body.invoices as ListedInvoice[]).reverse();
const balanceOf = async (account: Subscribed) => (await env.zuora.get(`/v1/accounts/${account.id}`)).body.metrics.balance as number;
const forAccount = (account: Subscribed) => [{ filterType: 'Account', accountId: account.id }];
/** The account whose May the first test billed on demand. */
let postedAccount: Subscribed;

describe('bill runs on demand', () => {
  it('bills an account at once into a draft invoice, then posts it on the date asked', async () => {
    const account = await subscribed('Draft Co');
    const { body: run } = await env.zuora.post('/v1/bill-runs', { name: 'May run', targetDate: '2026-05-01', billRunFilters: forAccount(account) });
    expect(run).toMatchObject({
      success: true,
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      billRunNumber: expect.stringMatching(/^BR-\d{8}$/),
      name: 'May run',
      status: 'Completed',
      targetDate: '2026-05-01',
      invoiceDate: '2026-05-01',
      autoPost: false,
      billRunFilters: [{ filterType: 'Account', accountId: account.id, subscriptionId: null }],
    });
    const [draft] = await invoicesOf(account);
    expect(draft).toMatchObject({ status: 'Draft', amount: '50.00' });
    expect((await env.zuora.get(`/v1/invoices/${draft?.id}`)).body).toMatchObject({ billRunId: run.id, status: 'Draft' });
    // A draft is not owed yet.
    expect(await balanceOf(account)).toBe(0);
    expect((await env.zuora.get(`/v1/bill-runs/${run.billRunNumber}`)).body).toMatchObject({ id: run.id, status: 'Completed' });

    const posted = await env.zuora.put(`/v1/bill-runs/${run.id}/post`, { invoiceDate: '2026-05-02' });
    expect(posted.body).toMatchObject({ success: true, status: 'Posted', invoiceDate: '2026-05-02' });
    expect((await invoicesOf(account))[0]).toMatchObject({ id: draft?.id, status: 'Posted', invoiceDate: '2026-05-02' });
    expect(await balanceOf(account)).toBe(50);
    // A posted run cannot be cancelled or posted again (category 30: a rule restriction).
    for (const action of ['cancel', 'post']) {
      expect((await env.zuora.put(`/v1/bill-runs/${run.id}/${action}`, { invoiceDate: '2026-05-02' })).body).toMatchObject({ success: false, reasons: [{ code: 50008030 }] });
    }

    postedAccount = account;
  });

  it('cancels a completed run: its drafts are cancelled and what they billed is billable again', async () => {
    const account = await subscribed('Cancel Co');
    const { body: run } = await env.zuora.post('/v1/bill-runs', { targetDate: '2026-05-01', billRunFilters: [{ filterType: 'Subscription', accountId: account.number, subscriptionId: account.subscriptionNumber }] });
    expect(run.billRunFilters).toEqual([{ filterType: 'Subscription', accountId: account.id, subscriptionId: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    const cancelled = await env.zuora.put(`/v1/bill-runs/${run.id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ success: true, status: 'Canceled' });
    expect((await invoicesOf(account)).map((invoice) => invoice.status)).toEqual(['Canceled']);
    expect(await balanceOf(account)).toBe(0);

    const again = (await env.zuora.post('/v1/bill-runs', { targetDate: '2026-05-01', billRunFilters: forAccount(account), autoPost: true })).body;
    expect(again).toMatchObject({ status: 'Posted' });
    expect((await invoicesOf(account)).map((invoice) => [invoice.status, invoice.amount])).toEqual([
      ['Canceled', '50.00'],
      ['Posted', '50.00'],
    ]);
    expect(await balanceOf(account)).toBe(50);
  });

  it('bills the accounts of a batch, posting and emailing the invoices when asked', async () => {
    const inBatch = await subscribed('Batch Co', { batch: 'Batch9' });
    const elsewhere = await subscribed('Other Batch Co', { batch: 'Batch8' });
    const { body: run } = await env.zuora.post('/v1/bill-runs', { targetDate: '2026-05-01', batches: ['Batch9'], autoPost: true, autoEmail: true });
    expect(run).toMatchObject({ success: true, status: 'Posted', batches: ['Batch9'], autoEmail: true });
    const [invoice] = await invoicesOf(inBatch);
    expect(invoice).toMatchObject({ status: 'Posted', amount: '50.00' });
    expect(await invoicesOf(elsewhere)).toEqual([]);
    const { body: outbox } = await env.admin.get('/outbox');
    expect(outbox.emails).toContainEqual({ to: ['ada@example.com'], subject: `Invoice ${invoice?.invoiceNumber} from Batch Co`, invoiceNumber: invoice?.invoiceNumber, sentAt: '2026-05-01T00:00:00.000Z' });
  });

  it('refuses what it cannot run, creating no run and billing nothing', async () => {
    const account = await subscribed('Refused Co');
    const other = await subscribed('Not Its Co');
    const refusals: unknown[] = [
      { billRunFilters: forAccount(account), autoEmail: true },
      { billRunFilters: [{ filterType: 'Account', accountId: 'A99999999' }] },
      { billRunFilters: [{ filterType: 'Subscription', accountId: account.id, subscriptionId: other.subscriptionNumber }] },
      { billRunFilters: [{ filterType: 'Subscription', accountId: account.id }] },
      { billRunFilters: [{ filterType: 'FilterCondition', accountId: account.id }] },
      { billRunFilters: forAccount(account), batches: ['Batch1'] },
      { batches: ['Batch99'] },
      { batches: ['AllBatches', 'Batch1'] },
      { targetDate: 'tomorrow' },
      { billRunFilters: forAccount(account), schedule: { repeatFrom: '2026-05-01', repeatType: 'Daily', runTime: 1 } },
      { billRunFilters: forAccount(account), chargeTypeToExclude: ['Usage'] },
    ];
    for (const request of refusals) {
      const { body } = await env.zuora.post('/v1/bill-runs', request);
      expect(body, JSON.stringify(request)).toMatchObject({ success: false, reasons: [{ code: expect.any(Number), message: expect.any(String) }] });
    }
    // BillRun's resource code 500080, category 20 (invalid value).
    expect((await env.zuora.post('/v1/bill-runs', { billRunFilters: forAccount(account), autoEmail: true })).body.reasons[0].code).toBe(50008020);
    expect(await invoicesOf(account)).toEqual([]);
    expect(await invoicesOf(other)).toEqual([]);
    expect((await env.zuora.get('/v1/bill-runs/BR-99999999')).body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
    const run = (await env.zuora.post('/v1/bill-runs', { billRunFilters: forAccount(account) })).body;
    expect((await env.zuora.put(`/v1/bill-runs/${run.id}/post`, {})).body).toMatchObject({ success: false, reasons: [{ code: 50008022 }] });
    // Posting takes the invoice date alone: category 21, an unknown field.
    expect((await env.zuora.put(`/v1/bill-runs/${run.id}/post`, { invoiceDate: '2026-05-01', autoEmail: true })).body).toMatchObject({ success: false, reasons: [{ code: 50008021 }] });
    expect((await env.zuora.get(`/v1/bill-runs/${run.id}`)).body.status).toBe('Completed');
  });

  it('leaves a net credit as a draft credit memo, owed nothing until posted, then spent on the open invoice', async () => {
    const { account, subscriptionNumber, invoiceId } = await supportAccount(env.zuora, catalog, '2026-05-01', { overrides: { name: 'Credit Run Co' }, runBilling: true });
    const cancelled = await env.zuora.post('/v1/orders', {
      orderDate: '2026-05-16',
      existingAccountNumber: account.account_number,
      subscriptions: [{ subscriptionNumber, orderActions: [{ type: 'CancelSubscription', cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-05-16' } }] }],
    });
    expect(cancelled.body.success, JSON.stringify(cancelled.body)).toBe(true);
    const { body: run } = await env.zuora.post('/v1/bill-runs', { targetDate: '2026-05-16', billRunFilters: [{ filterType: 'Account', accountId: account.id }] });
    expect(run.status).toBe('Completed');
    // 16..31 May given back: 50 x 16/31 = 25.81, a draft memo; the account still owes May's 50.
    const memo = (await env.zuora.get('/v1/credit-memos/CM00000001')).body;
    expect(memo).toMatchObject({ status: 'Draft', amount: 25.81, appliedAmount: 0, postedOn: null });
    expect((await env.zuora.get(`/v1/accounts/${account.id}`)).body.metrics).toMatchObject({ balance: 50, unappliedCreditMemoAmount: '0.00' });

    await env.zuora.put(`/v1/bill-runs/${run.id}/post`, { invoiceDate: '2026-05-16' });
    expect((await env.zuora.get('/v1/credit-memos/CM00000001')).body).toMatchObject({ status: 'Posted', appliedAmount: 25.81, unappliedAmount: 0 });
    // 50 - 25.81 = 24.19 still owed on May's invoice.
    expect((await env.zuora.get(`/v1/invoices/${invoiceId}`)).body).toMatchObject({ balance: 24.19, creditMemoAmount: 25.81 });
    expect((await env.zuora.get(`/v1/accounts/${account.id}`)).body.metrics).toMatchObject({ balance: 24.19, totalInvoiceBalance: 24.19 });
  });

  it("leaves the clock's own bill runs in place: on 1 June it bills June only, May having been billed on demand", async () => {
    await env.admin.post('/clock/advance', { to: '2026-06-01T00:00:00Z' });
    const invoices = await invoicesOf(postedAccount);
    expect(invoices.map((invoice) => [invoice.status, invoice.amount, invoice.invoiceItems[0]?.serviceStartDate])).toEqual([
      ['Posted', '50.00', '2026-05-01'],
      ['Posted', '50.00', '2026-06-01'],
    ]);
  });
});

describeOfficial("bill run answers match Zuora's official spec", () => {
  it('validates the create, read, post and cancel answers', async () => {
    const account = await subscribed('Spec Run Co');
    const created = await env.zuora.post('/v1/bill-runs', { targetDate: '2026-05-01', billRunFilters: forAccount(account) });
    await expectOfficialResponse('v1', 'POST', '/v1/bill-runs', 200, created.body);
    await expectOfficialResponse('v1', 'GET', '/v1/bill-runs/{billRunId}', 200, (await env.zuora.get(`/v1/bill-runs/${created.body.id}`)).body);
    await expectOfficialResponse('v1', 'PUT', '/v1/bill-runs/{billRunId}/post', 200, (await env.zuora.put(`/v1/bill-runs/${created.body.id}/post`, { invoiceDate: '2026-05-01' })).body);
    const another = await env.zuora.post('/v1/bill-runs', { targetDate: '2026-05-01', billRunFilters: forAccount(await subscribed('Spec Cancel Co')) });
    await expectOfficialResponse('v1', 'PUT', '/v1/bill-runs/{billRunId}/cancel', 200, (await env.zuora.put(`/v1/bill-runs/${another.body.id}/cancel`, {})).body);
  });
});
