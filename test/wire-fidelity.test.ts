import { beforeAll, describe, expect, it } from 'vitest';
import { compareFields, type Comparison } from '../contracts/fidelity/compare.js';
import { KNOWN_MISMATCHES } from '../contracts/fidelity/ledger.js';
import { WIRE_REFERENCES } from './data/wireReference.js';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useTenant } from './helpers/emulator.js';
import { newSubscriptionOrder } from './helpers/orders.js';

// The emulator's V1 answers compared field by field (name and JSON type) with real Zuora answers
// captured in public integrations (test/data/wireReference.ts). At least 90% of the real fields must
// match, and every real field that does not is listed, with its reason, in contracts/FIDELITY.md.

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });
let catalog: TestCatalog;
const answers: Record<keyof typeof WIRE_REFERENCES, unknown> = { account: null, subscription: null, invoiceItems: null, orderCreate: null };

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  const account = (await env.zuora.post('/v2/accounts', accountBody())).body;
  const seats = { productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 3 } } }] };
  const created = await env.zuora.post('/v1/orders', newSubscriptionOrder(account.account_number, [seats], { processingOptions: { runBilling: true, collectPayment: false } }));
  answers.orderCreate = created.body;
  const subscriptionNumber = created.body.subscriptionNumbers[0] as string;
  answers.account = (await env.zuora.get(`/v1/accounts/${account.account_number}`)).body;
  answers.subscription = (await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}`)).body;
  const invoices = (await env.zuora.get(`/v1/transactions/invoices/accounts/${account.account_number}`)).body.invoices;
  answers.invoiceItems = (await env.zuora.get(`/v1/invoices/${invoices[0].id}/items`)).body;
});

const comparisons = (): Array<[string, Comparison]> =>
  Object.entries(WIRE_REFERENCES).map(([name, reference]) => [name, compareFields(reference.fields, answers[name as keyof typeof answers])]);

describe('V1 answers against real Zuora answers', () => {
  it('match at least 90% of the real fields by name and JSON type, for each object and overall', () => {
    const all = comparisons();
    const matched = all.reduce((sum, [, each]) => sum + each.matched, 0);
    const total = all.reduce((sum, [, each]) => sum + each.total, 0);
    const report = all.map(([name, each]) => `${name} ${each.matched}/${each.total}`).join(', ');
    console.info(`wire fidelity: ${matched}/${total} fields (${((100 * matched) / total).toFixed(1)}%): ${report}`);
    expect(matched / total, report).toBeGreaterThanOrEqual(0.9);
    for (const [name, each] of all) expect(each.matched / each.total, `${name}: ${JSON.stringify(each.mismatches)}`).toBeGreaterThanOrEqual(0.9);
  });

  it('lists every field that still differs in the fidelity ledger, with its reason', () => {
    const unexplained = comparisons().flatMap(([name, each]) =>
      each.mismatches.filter((mismatch) => !KNOWN_MISMATCHES.some((known) => known.object === name && known.path === mismatch.path)).map((mismatch) => ({ name, ...mismatch })),
    );
    expect(unexplained).toEqual([]);
  });

  it('sends unset fields as null and money in the account metrics as numbers', () => {
    const account = answers.account as Record<string, any>;
    expect(account.basicInfo.notes).toBeNull();
    expect(account.basicInfo.salesRep).toBeNull();
    expect(account.billToContact.address2).toBeNull();
    expect(account.billToContact.zipCode).toBe('94105');
    expect(account.taxInfo).toMatchObject({ exemptStatus: 'No', VATId: null, companyCode: null });
    // Pro: $30 platform fee + 3 seats at $10 = $60 a month of MRR. runBilling billed 15 Jan to the
    // 1 Feb bill cycle day at once: 17/31 of $60 = $32.90, unpaid.
    expect(account.metrics).toEqual(expect.objectContaining({ balance: 32.9, totalInvoiceBalance: 32.9, creditBalance: 0, contractedMrr: 60, currency: 'USD' }));
  });
});
