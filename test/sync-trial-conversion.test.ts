import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, FEATURES, PRO_FEE, proPlan, SEAT_PRICE } from './helpers/syncCatalog.js';
import { accountBody, ORDERS_223 } from './helpers/emulator.js';
import { connectWithCatalog, useSyncEngine } from './helpers/syncEngine.js';

// A trial converting to paid is billed at the instant it converts, whether it waited outside Zuora
// (the "trial subscription" rule) or was forced in from its start (`ZUORA__` metadata, or a billing id
// linking it to a Zuora subscription whose charges start at the trial's end):
// its first invoice covers one period from the trial's end, not the next bill run's two.
//
// Clock: 2026-03-01T00:00Z. Pro is 30 a month plus 10 a seat; one seat: 40 a month. The accounts bill
// on the 1st (their first subscription starts on March 1). 14-day trials end on March 15, so the first
// paid period is March 15 - April 1, 17 of March's 31 days, each charge prorated and rounded:
// 30 x 17/31 = 16.452 -> 16.45, plus 10 x 17/31 = 5.484 -> 5.48: 21.93.

const CATALOG = { features: FEATURES, currencies: [], products: [ACME], plans: [{ ...proPlan([PRO_FEE, SEAT_PRICE]), trialDays: 14 }], addons: [] };
const FIRST_PERIOD = 21.93;

const sync = useSyncEngine({ emulator: { now: '2026-03-01T00:00:00.000Z' } });
const api = sync.api.request;
const card = { type: 'card', cardNumber: '4242424242424242', expMonth: 12, expYear: 2030 };

beforeAll(async () => {
  await connectWithCatalog(sync, CATALOG);
  // The Zuora administrator defines the field the forced trial's metadata mirrors.
  const defined = await sync.zuora.put('/objects/definitions/default/Subscription', {
    type: 'object',
    properties: Object.fromEntries(
      ['Channel__c', 'stiggCustomerId__c', 'stiggEntityUrl__c', 'stiggResourceId__c'].map((name) => [name, { type: 'string', maxLength: 255, label: name }]),
    ),
  });
  expect(defined.status).toBe(200);
});

async function trialOf(customerId: string, subscription: Record<string, unknown>) {
  expect((await api('POST', '/api/customers', { id: customerId, name: `${customerId} Ltd`, email: `${customerId}@example.com`, paymentMethod: card })).status).toBe(201);
  const created = await api('POST', '/api/subscriptions', { id: `sub-${customerId}`, customerId, planId: 'plan-pro', units: { 'feature-seats': 1 }, trial: true, ...subscription });
  expect(created.status).toBe(201);
  return created.body;
}

async function invoicesOf(customerId: string) {
  const customer = (await api('GET', `/api/customers/${customerId}`)).body;
  // This listing gives amounts as text ("21.93").
  const invoices = (await sync.zuora.get(`/v1/transactions/invoices/accounts/${customer.billingId}`)).body.invoices as Array<{ invoiceDate: string; amount: string; balance: string; status: string }>;
  return invoices
    .map(({ invoiceDate, amount, balance, status }) => ({ invoiceDate, amount: Number(amount), balance: Number(balance), status })).sort((a, b) => a.invoiceDate.localeCompare(b.invoiceDate));
}

describe('a trial converting to paid', () => {
  let forcedByMetadata: { id: string; billingSubscriptionNumber: string };
  let keptOut: { id: string };
  let invoiced: { id: string };
  let linked: { id: string };

  it('is billed nothing while the trial lasts, in Zuora or not', async () => {
    forcedByMetadata = await trialOf('cust-mirrored', { metadata: { ZUORA__Channel__c: 'partner' } });
    expect(forcedByMetadata).toMatchObject({ status: 'IN_TRIAL', sync: { status: 'SYNCED' }, billingSubscriptionNumber: expect.any(String) });
    invoiced = await trialOf('cust-invoiced', { metadata: { ZUORA__Channel__c: 'reseller' }, paymentCollectionMethod: 'INVOICE' });
    expect(invoiced).toMatchObject({ status: 'IN_TRIAL', sync: { status: 'SYNCED' } });
    // Finance set up the deal in Zuora by hand, its charges from March 15, on an account of its own;
    // the platform's trial is linked to it by its billing id.
    const account = (await sync.zuora.post('/v2/accounts', accountBody({ name: 'Linked Ltd' }))).body;
    const monthly = (await api('GET', '/api/catalog')).body.plans[0].billing.ratePlans.MONTHLY;
    const fromTrialEnd = { triggerEvent: 'SpecificDate', specificTriggerDate: '2026-03-15' };
    const deal = await sync.zuora.post('/v1/orders?returnIds=true', {
      orderDate: '2026-03-01',
      existingAccountNumber: account.account_number,
      subscriptions: [
        {
          orderActions: [
            {
              type: 'CreateSubscription',
              triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-03-01' }],
              createSubscription: {
                terms: { initialTerm: { termType: 'EVERGREEN' } },
                subscribeToRatePlans: [
                  { productRatePlanId: monthly.ratePlanId, chargeOverrides: monthly.charges.map((charge: { chargeId: string }) => ({ productRatePlanChargeId: charge.chargeId, startDate: fromTrialEnd })) },
                ],
              },
            },
          ],
        },
      ],
    }, ORDERS_223);
    expect(deal.body.success).toBe(true);
    linked = await trialOf('cust-linked', { billingId: deal.body.subscriptions[0].subscriptionId, paymentCollectionMethod: 'INVOICE' });
    expect(linked).toMatchObject({ status: 'IN_TRIAL', sync: { status: 'SYNCED' }, billingSubscriptionNumber: deal.body.subscriptions[0].subscriptionNumber });
    keptOut = await trialOf('cust-plain', {});
    expect(keptOut).toMatchObject({ status: 'IN_TRIAL', sync: { status: 'NO_SYNC', reason: 'Subscription is for a trial plan' } });
    await sync.admin.post('/clock/advance', { to: '2026-03-14T23:00:00Z' });
    expect(await invoicesOf('cust-mirrored')).toEqual([]);
  });

  it('forced in by ZUORA__ metadata: billed for one period when it converts, charged to the card', async () => {
    await sync.admin.post('/clock/advance', { to: '2026-03-15T00:00:00Z' });
    expect(await invoicesOf('cust-mirrored')).toEqual([{ invoiceDate: '2026-03-15', amount: FIRST_PERIOD, balance: 0, status: 'Posted' }]);
    const converted = (await api('GET', `/api/subscriptions/${forcedByMetadata.id}`)).body;
    expect(converted).toMatchObject({ status: 'ACTIVE', sync: { status: 'SYNCED' }, latestInvoice: { status: 'PAID', amount: FIRST_PERIOD } });
    // Still the same Zuora subscription (a new version of it), with its mirrored field.
    expect(converted.billingSubscriptionNumber).toBe(forcedByMetadata.billingSubscriptionNumber);
    expect((await sync.zuora.get(`/v1/subscriptions/${converted.billingSubscriptionNumber}`)).body).toMatchObject({ Channel__c: 'partner', status: 'Active' });
  });

  it('collected by INVOICE: the first period invoiced at conversion and left open, the card not charged', async () => {
    expect(await invoicesOf('cust-invoiced')).toEqual([{ invoiceDate: '2026-03-15', amount: FIRST_PERIOD, balance: FIRST_PERIOD, status: 'Posted' }]);
    expect((await api('GET', `/api/subscriptions/${invoiced.id}`)).body).toMatchObject({ status: 'ACTIVE', latestInvoice: { status: 'OPEN', amount: FIRST_PERIOD } });
  });

  it('forced in by a billing id: the linked Zuora subscription billed for its first period at conversion', async () => {
    expect(await invoicesOf('cust-linked')).toEqual([{ invoiceDate: '2026-03-15', amount: FIRST_PERIOD, balance: FIRST_PERIOD, status: 'Posted' }]);
    expect((await api('GET', `/api/subscriptions/${linked.id}`)).body).toMatchObject({ status: 'ACTIVE', latestInvoice: { status: 'OPEN', amount: FIRST_PERIOD } });
  });

  it('kept out until then: synced and billed the same way, and both renew in full on April 1', async () => {
    expect(await invoicesOf('cust-plain')).toEqual([{ invoiceDate: '2026-03-15', amount: FIRST_PERIOD, balance: 0, status: 'Posted' }]);
    await sync.admin.post('/clock/advance', { to: '2026-04-01T00:00:00Z' });
    for (const customerId of ['cust-mirrored', 'cust-plain']) {
      expect(await invoicesOf(customerId)).toEqual([
        { invoiceDate: '2026-03-15', amount: FIRST_PERIOD, balance: 0, status: 'Posted' },
        { invoiceDate: '2026-04-01', amount: 40, balance: 0, status: 'Posted' },
      ]);
    }
  });
});
