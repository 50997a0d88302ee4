import { beforeAll, describe, expect, it } from 'vitest';
import type { Price } from '../sync/model/types.js';
import { ACME, FEATURES, proPlan } from './helpers/syncCatalog.js';
import { connectWithCatalog, useSyncEngine } from './helpers/syncEngine.js';

// Plan versions and seeds/002's "Migrate to latest", through the sync API, Zuora's API and the
// admin API. Clock: 2026-03-01T00:00Z; accounts bill on the 1st.
// Pro version 1: 30 a month plus 10 a seat. Version 2 (published the same day): 40 plus 12 a seat.

const v1: Price[] = [
  { billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 30 },
  { billingPeriod: 'MONTHLY', model: 'PER_UNIT', feature: 'feature-seats', unitPrice: 10 },
];
const v2: Price[] = [
  { billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 40 },
  { billingPeriod: 'MONTHLY', model: 'PER_UNIT', feature: 'feature-seats', unitPrice: 12 },
];
const catalogWith = (prices: Price[]) => ({ features: FEATURES, currencies: [], products: [ACME], plans: [proPlan(prices)], addons: [] });

const sync = useSyncEngine({ emulator: { now: '2026-03-01T00:00:00.000Z' } });
const api = sync.api.request;
const card = { type: 'card', cardNumber: '4242424242424242', expMonth: 12, expYear: 2030 };

beforeAll(() => connectWithCatalog(sync, catalogWith(v1)));

async function subscribe(customerId: string) {
  expect((await api('POST', '/api/customers', { id: customerId, name: `${customerId} Ltd`, paymentMethod: card })).status).toBe(201);
  const created = await api('POST', '/api/subscriptions', { id: `sub-${customerId}`, customerId, planId: 'plan-pro', units: { 'feature-seats': 2 } });
  expect(created.status).toBe(201);
  return created.body;
}

/** The charges in effect on the Zuora subscription's latest version, by model: [price, quantity]. */
async function zuoraCharges(number: string): Promise<Record<string, [number, number | null]>> {
  const subscription = (await sync.zuora.get(`/v1/subscriptions/${number}`)).body;
  const live = subscription.ratePlans.filter((ratePlan: { lastChangeType?: string }) => ratePlan.lastChangeType !== 'Remove');
  const charges = live.flatMap((ratePlan: { ratePlanCharges: Array<{ model: string; price: number; quantity: number | null }> }) => ratePlan.ratePlanCharges);
  return Object.fromEntries(charges.map((charge: { model: string; price: number; quantity: number | null }) => [charge.model, [charge.price, charge.model === 'PerUnit' ? charge.quantity : null]]));
}

async function invoiceAmounts(customerId: string): Promise<Array<[string, number]>> {
  const customer = (await api('GET', `/api/customers/${customerId}`)).body;
  const { invoices } = (await sync.zuora.get(`/v1/transactions/invoices/accounts/${customer.billingId}`)).body;
  return (invoices as Array<{ invoiceDate: string; amount: string }>).map(({ invoiceDate, amount }): [string, number] => [invoiceDate, Number(amount)]).sort(([a], [b]) => a.localeCompare(b));
}

describe('plan versions', () => {
  let early: { id: string; billingSubscriptionNumber: string; planVersionNumber: number };
  let patient: { id: string; billingSubscriptionNumber: string };

  it('publishing other prices makes the next version; subscriptions stay on theirs, new ones take the latest', async () => {
    early = await subscribe('cust-early');
    patient = await subscribe('cust-patient');
    expect(early.planVersionNumber).toBe(1);

    const published = await api('POST', '/api/catalog', catalogWith(v2));
    expect(published.status).toBe(200);
    const plan = published.body.plans[0];
    expect(plan).toMatchObject({ id: 'plan-pro', versionNumber: 2, prices: v2, previousVersions: [{ versionNumber: 1, prices: v1, supersededAt: '2026-03-01T00:00:00.000Z' }] });
    // The same prices published again are the same version.
    expect((await api('POST', '/api/catalog', catalogWith([...v2].reverse()))).body.plans[0].versionNumber).toBe(2);
    // In Zuora the plan's charges list version 2's amounts; the subscriptions keep what they subscribed at.
    const charge = plan.billing.ratePlans.MONTHLY.charges.find((each: { price: Price }) => each.price.model === 'FLAT_FEE');
    expect((await sync.zuora.get(`/v2/prices/${charge.chargeId}`)).body).toMatchObject({ amounts: { USD: 40 } });
    expect(await zuoraCharges(early.billingSubscriptionNumber)).toEqual({ FlatFee: [30, null], PerUnit: [10, 2] });

    // A new subscription is on version 2: 40 + 2 x 12 = 64 at sign-up.
    const late = await subscribe('cust-late');
    expect(late.planVersionNumber).toBe(2);
    expect(await invoiceAmounts('cust-late')).toEqual([['2026-03-01', 64]]);
  });

  it('keeps an older version’s prices through other changes', async () => {
    const changed = await api('PATCH', `/api/subscriptions/${early.id}`, { units: { 'feature-seats': 3 } });
    expect(changed.body).toMatchObject({ planVersionNumber: 1, units: { 'feature-seats': 3 }, sync: { status: 'SYNCED' } });
    expect(await zuoraCharges(changed.body.billingSubscriptionNumber)).toEqual({ FlatFee: [30, null], PerUnit: [10, 3] });
  });

  it('migrates to the latest version at once: the Zuora charges at version 2’s prices, the platform on version 2', async () => {
    await sync.admin.post('/clock/advance', { to: '2026-03-16T00:00:00Z' });
    const migrated = await api('POST', `/api/subscriptions/${early.id}/migrate`, { subscriptionMigrationTime: 'IMMEDIATE' });
    expect(migrated.status).toBe(200);
    expect(migrated.body).toMatchObject({ planVersionNumber: 2, sync: { status: 'SYNCED' } });
    expect(await zuoraCharges(migrated.body.billingSubscriptionNumber)).toEqual({ FlatFee: [40, null], PerUnit: [12, 3] });
    const logged = (await api('GET', `/api/events?type=SUBSCRIPTION_UPDATED`)).body.data.filter((entry: { subscriptionId?: string }) => entry.subscriptionId === early.id);
    expect(logged.at(-1).data).toMatchObject({ change: { planVersionNumber: 2 } });
    // Once on the latest, there is nothing to migrate to.
    const again = await api('POST', `/api/subscriptions/${early.id}/migrate`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_LATEST');
  });

  it('migrates at the end of the billing period: a Scheduled order, applied when ScheduledOrderCompleted comes', async () => {
    const scheduled = await api('POST', `/api/subscriptions/${patient.id}/migrate`, { subscriptionMigrationTime: 'END_OF_BILLING_PERIOD' });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.planVersionNumber).toBe(1);
    const [update] = scheduled.body.scheduledUpdates;
    expect(update).toMatchObject({ type: 'MIGRATE_TO_LATEST', target: { planVersionNumber: 2 }, effectiveAt: '2026-04-01T00:00:00.000Z', status: 'PENDING', zuoraOrderNumber: expect.stringMatching(/^O-/) });
    const order = (await sync.zuora.get(`/v1/orders/${update.zuoraOrderNumber}`)).body.order;
    expect(order).toMatchObject({ status: 'Scheduled' });
    expect(await zuoraCharges(patient.billingSubscriptionNumber)).toEqual({ FlatFee: [30, null], PerUnit: [10, 2] });

    // April 1, 00:00: the order runs before the bill run, so April is billed at version 2's prices:
    // 40 + 2 seats x 12 = 64 (March was 30 + 2 x 10 = 50).
    await sync.admin.post('/clock/advance', { to: '2026-04-01T00:00:00Z' });
    const after = (await api('GET', `/api/subscriptions/${patient.id}`)).body;
    expect(after.planVersionNumber).toBe(2);
    expect(after.scheduledUpdates).toEqual([expect.objectContaining({ id: update.id, status: 'DONE' })]);
    expect(await invoiceAmounts('cust-patient')).toEqual([
      ['2026-03-01', 50],
      ['2026-04-01', 64],
    ]);
  });

  it('answers 400 for a time it does not know and 404 for no such subscription', async () => {
    const bad = await api('POST', `/api/subscriptions/${patient.id}/migrate`, { subscriptionMigrationTime: 'TOMORROW', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toHaveLength(2);
    expect((await api('POST', '/api/subscriptions/sub-nobody/migrate', {})).status).toBe(404);
  });
});
