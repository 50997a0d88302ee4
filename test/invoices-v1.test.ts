import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { billedSupportAccount } from './helpers/billedAccount.js';
import { useTenant } from './helpers/emulator.js';

// Invoices through the V1 API: read by id or number, change the due date and accounting flag,
// email it (recorded in the emulator's outbox). One invoice: Priority support, $50 for May.
const env = useTenant({ now: '2026-05-01T00:00:00.000Z' });
let catalog: TestCatalog;
let account: { id: string; account_number: string };
let invoice: { id: string; number: string };

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  const billed = await billedSupportAccount(env.zuora, catalog, 'Invoice Co', '2026-05-01');
  account = billed.account;
  invoice = { id: billed.invoiceId, number: billed.invoiceNumber };
});

describe('V1 invoices', () => {
  it('reads an invoice by id or number with every field, null where unset', async () => {
    for (const key of [invoice.id, invoice.number]) {
      const { body } = await env.zuora.get(`/v1/invoices/${key}`);
      expect(body).toMatchObject({ success: true, id: invoice.id, invoiceNumber: invoice.number, accountId: account.id, status: 'Posted', amount: 50, balance: 50, transferredToAccounting: 'No', comments: null, billRunId: null });
    }
  });

  it('changes the due date and accounting flag; Object Query and ZOQL see the change', async () => {
    const { body } = await env.zuora.put(`/v1/invoices/${invoice.number}`, { dueDate: '2026-06-15', transferredToAccounting: 'Yes', comments: 'net 45 agreed' });
    expect(body).toMatchObject({ success: true, number: invoice.number, dueDate: '2026-06-15', transferredToAccounting: 'Yes', comment: 'net 45 agreed' });
    expect((await env.zuora.get(`/object-query/invoices/${invoice.id}`)).body).toMatchObject({ dueDate: '2026-06-15', transferredToAccounting: 'Yes' });
    const zoql = await env.zuora.post('/v1/action/query', { queryString: `select DueDate, Comments from Invoice where InvoiceNumber = '${invoice.number}'` });
    expect(zoql.body.records[0]).toMatchObject({ DueDate: '2026-06-15', Comments: 'net 45 agreed' });
  });

  it('refuses a due date before the invoice date and an unknown accounting state', async () => {
    for (const body of [{ dueDate: '2026-04-01' }, { transferredToAccounting: 'Maybe' }, { dueDate: 'soon' }]) {
      const { body: answer } = await env.zuora.put(`/v1/invoices/${invoice.id}`, body);
      expect(answer.success, JSON.stringify(body)).toBe(false);
    }
    expect((await env.zuora.get(`/v1/invoices/${invoice.id}`)).body.dueDate).toBe('2026-06-15');
  });

  it('emails an invoice to the bill-to contact or to given addresses, recorded in the outbox', async () => {
    expect((await env.zuora.post(`/v1/invoices/${invoice.id}/emails`, {})).body).toEqual({ success: true });
    expect((await env.zuora.post(`/v1/invoices/${invoice.number}/emails`, { emailAddresses: 'ap@example.com, cfo@example.com' })).body.success).toBe(true);
    const { body } = await env.admin.get('/outbox');
    expect(body.emails).toEqual([
      { to: ['ada@example.com'], subject: `Invoice ${invoice.number} from Invoice Co`, invoiceNumber: invoice.number, sentAt: '2026-05-01T00:00:00.000Z' },
      { to: ['ap@example.com', 'cfo@example.com'], subject: `Invoice ${invoice.number} from Invoice Co`, invoiceNumber: invoice.number, sentAt: '2026-05-01T00:00:00.000Z' },
    ]);
    expect((await env.zuora.get(`/v1/invoices/${invoice.id}`)).body.lastEmailSentDate).toBe('2026-05-01T00:00:00.000Z');
    const bad = await env.zuora.post(`/v1/invoices/${invoice.id}/emails`, { emailAddresses: 'not-an-address' });
    expect(bad.body.success).toBe(false);
    expect((await env.admin.get('/outbox')).body.emails).toHaveLength(2);
  });

  it('answers an unknown invoice with a V1 not-found error', async () => {
    expect((await env.zuora.get('/v1/invoices/INV99999999')).body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
  });
});

describe('V1 payment reads', () => {
  it('reads a payment by id or number and lists payments with filters', async () => {
    const created = (await env.zuora.post('/v1/payments', { accountId: account.id, amount: 20, currency: 'USD', type: 'External', effectiveDate: '2026-05-01' })).body;
    for (const key of [created.id, created.number]) {
      const { body } = await env.zuora.get(`/v1/payments/${key}`);
      expect(body).toMatchObject({ success: true, id: created.id, number: created.number, accountId: account.id, amount: 20, status: 'Processed', type: 'External' });
    }
    const listed = await env.zuora.get(`/v1/payments?accountId=${account.id}&status=Processed`);
    expect(listed.body.success).toBe(true);
    expect(listed.body.payments.map((payment: { id: string }) => payment.id)).toEqual([created.id]);
    expect((await env.zuora.get(`/v1/payments?accountId=${account.id}&status=Error`)).body.payments).toEqual([]);
    expect((await env.zuora.get('/v1/payments/P-99999999')).body.success).toBe(false);
  });
});
