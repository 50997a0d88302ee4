import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { createCustomer, defineCustomFields, useTenant } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';
import { useReceiver } from './helpers/receiver.js';
import { registerStiggEvents } from './helpers/stiggEvents.js';

// The subscription API (pre-Orders): create, update, cancel, renew, suspend, resume and preview.
// Each call is one order, so each writes exactly one new version.
const env = useTenant({ now: '2026-03-01T09:00:00.000Z' });
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  await defineCustomFields(env.zuora, { Subscription: ['channel__c'] });
});

function createBody(accountKey: string, overrides: Record<string, unknown> = {}) {
  return {
    accountKey,
    contractEffectiveDate: '2026-03-01',
    termType: 'TERMED',
    initialTerm: 12,
    initialTermPeriodType: 'Month',
    renewalTerm: 12,
    autoRenew: true,
    subscribeToRatePlans: [{ productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, quantity: 3 }] }],
    channel__c: 'web',
    ...overrides,
  };
}

const subscription = async (key: string) => (await env.zuora.get(`/v1/subscriptions/${key}`)).body;
const orderCount = async () => (await env.zuora.get('/v1/orders?pageSize=40')).body.orders.length;

describe('V1 subscription writes', () => {
  it('creates a subscription as one order, billed and paid in the same call', async () => {
    const customer = await createCustomer(env.zuora, '4111111111111111');
    const { status, body } = await env.zuora.post('/v1/subscriptions', createBody(customer.number, { runBilling: true, collect: true }));
    expect(status).toBe(200);
    // Pro: $30 platform fee + 3 seats x $10 = $60 a month; TCV over 12 months = $720.
    expect(body).toMatchObject({ success: true, subscriptionNumber: expect.any(String), contractedMrr: 60, totalContractedValue: 720, paidAmount: 60 });
    expect(body.invoiceId).toMatch(/^[0-9a-f]{32}$/);
    expect(body.paymentId).toMatch(/^[0-9a-f]{32}$/);

    const read = await subscription(body.subscriptionNumber);
    expect(read).toMatchObject({ id: body.subscriptionId, version: 1, status: 'Active', channel__c: 'web', termType: 'TERMED', initialTerm: 12 });
    const orders = (await env.zuora.get(`/v1/orders/subscription/${body.subscriptionNumber}`)).body.orders;
    expect(orders).toHaveLength(1);
    const invoice = (await env.zuora.get(`/v1/invoices/${body.invoiceId}`)).body;
    expect(invoice).toMatchObject({ amount: 60, balance: 0 });
  });

  it('updates terms, a quantity, adds and removes plans and sets custom fields in ONE new version', async () => {
    const customer = await createCustomer(env.zuora);
    const created = (await env.zuora.post('/v1/subscriptions', createBody(customer.number, { subscribeToRatePlans: [{ productRatePlanId: catalog.pro.planId }, { productRatePlanId: catalog.support.planId }] }))).body;
    const before = await subscription(created.subscriptionNumber);
    const proPlan = before.ratePlans.find((plan: { productRatePlanId: string }) => plan.productRatePlanId === catalog.pro.planId);
    const seats = proPlan.ratePlanCharges.find((charge: { productRatePlanChargeId: string }) => charge.productRatePlanChargeId === catalog.pro.seatsId);
    const supportPlan = before.ratePlans.find((plan: { productRatePlanId: string }) => plan.productRatePlanId === catalog.support.planId);

    const put = await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}`, {
      autoRenew: false,
      renewalTerm: 6,
      renewalTermPeriodType: 'Month',
      channel__c: 'sales',
      notes: 'upsized',
      update: [{ ratePlanId: proPlan.id, contractEffectiveDate: '2026-03-01', chargeUpdateDetails: [{ ratePlanChargeId: seats.id, quantity: 5 }] }],
      remove: [{ ratePlanId: supportPlan.id, contractEffectiveDate: '2026-03-01' }],
      add: [{ productRatePlanId: catalog.basic.planId, contractEffectiveDate: '2026-03-01' }],
    });
    expect(put.status).toBe(200);
    expect(put.body.success).toBe(true);
    // MRR before: 30 + 10 (1 seat) + 50 support = 90; after: 30 + 5 x 10 + 5 basic = 85, so -5 a month.
    expect(put.body.totalDeltaMrr).toBe(-5);
    // TCV over the 12-month term: 90 x 12 = 1080 before, 85 x 12 = 1020 after.
    expect(put.body.totalDeltaTcv).toBe(-60);

    const after = await subscription(created.subscriptionNumber);
    expect(after).toMatchObject({ id: put.body.subscriptionId, version: 2, autoRenew: false, renewalTerm: 6, channel__c: 'sales', notes: 'upsized' });
    const live = after.ratePlans.filter((plan: { lastChangeType: string | null }) => plan.lastChangeType !== 'Remove').map((plan: { productRatePlanId: string }) => plan.productRatePlanId);
    expect(live.sort()).toEqual([catalog.pro.planId, catalog.basic.planId].sort());
    expect((await env.zuora.get(`/v1/orders/subscription/${created.subscriptionNumber}`)).body.orders).toHaveLength(2);
    // The same version through the Quickstart API and Object Query.
    expect((await env.zuora.get(`/v2/subscriptions/${put.body.subscriptionId}`)).body).toMatchObject({ id: put.body.subscriptionId, version: 2, auto_renew: false });
    expect((await env.zuora.get(`/object-query/subscriptions/${put.body.subscriptionId}`)).body).toMatchObject({ version: 2, autoRenew: false, notes: 'upsized' });
  });

  it('previews an update with preview: true and writes nothing', async () => {
    const customer = await createCustomer(env.zuora);
    const created = (await env.zuora.post('/v1/subscriptions', createBody(customer.number))).body;
    const preview = await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}`, {
      preview: true,
      targetDate: '2026-03-01',
      add: [{ productRatePlanId: catalog.support.planId, contractEffectiveDate: '2026-03-01' }],
    });
    // Nothing was billed yet: the preview's invoice holds March for Pro (60) and the support add-on (50).
    expect(preview.body).toMatchObject({ success: true, totalDeltaMrr: 50, invoice: { amount: 110, targetDate: '2026-03-01' } });
    expect(await subscription(created.subscriptionNumber)).toMatchObject({ version: 1 });
    expect((await env.zuora.get(`/v1/orders/subscription/${created.subscriptionNumber}`)).body.orders).toHaveLength(1);
  });

  it('changes the current term length through TermsAndConditions', async () => {
    const customer = await createCustomer(env.zuora);
    const created = (await env.zuora.post('/v1/subscriptions', createBody(customer.number))).body;
    const put = await env.zuora.put(`/v1/subscriptions/${created.subscriptionId}`, { currentTerm: 24, currentTermPeriodType: 'Month' });
    expect(put.body.success).toBe(true);
    expect(await subscription(created.subscriptionNumber)).toMatchObject({ currentTerm: 24, termEndDate: '2028-03-01', version: 2 });
  });

  it('cancels at a specific date, with the cancelled date and the lost value in the answer', async () => {
    const customer = await createCustomer(env.zuora);
    const created = (await env.zuora.post('/v1/subscriptions', createBody(customer.number))).body;
    const cancel = await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}/cancel`, { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-09-01' });
    // 60 a month, 6 of the 12 months dropped.
    expect(cancel.body).toMatchObject({ success: true, cancelledDate: '2026-09-01', totalDeltaTcv: -360 });
    expect(await subscription(created.subscriptionNumber)).toMatchObject({ status: 'Cancelled', version: 2 });
  });

  it('renews a termed subscription into its next term', async () => {
    const customer = await createCustomer(env.zuora);
    const created = (await env.zuora.post('/v1/subscriptions', createBody(customer.number))).body;
    const renew = await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}/renew`, {});
    expect(renew.body).toMatchObject({ success: true, termStartDate: '2027-03-01', termEndDate: '2028-03-01' });
  });

  it('suspends and resumes on their dates on the tenant clock, not when booked', async () => {
    const customer = await createCustomer(env.zuora);
    const created = (await env.zuora.post('/v1/subscriptions', createBody(customer.number))).body;
    const suspend = await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}/suspend`, {
      suspendPolicy: 'SpecificDate',
      suspendSpecificDate: '2026-03-10',
      resume: true,
      resumePolicy: 'SpecificDate',
      resumeSpecificDate: '2026-03-20',
    });
    expect(suspend.body).toMatchObject({ success: true, suspendDate: '2026-03-10', resumeDate: '2026-03-20', termEndDate: '2027-03-01' });
    expect(await subscription(created.subscriptionNumber)).toMatchObject({ status: 'Active', version: 2 });

    await env.admin.post('/clock/advance', { to: '2026-03-10T01:00:00.000Z' });
    expect(await subscription(created.subscriptionNumber)).toMatchObject({ status: 'Suspended', version: 2 });
    await env.admin.post('/clock/advance', { to: '2026-03-20T01:00:00.000Z' });
    expect(await subscription(created.subscriptionNumber)).toMatchObject({ status: 'Active', version: 2 });
  });

  it('resumes a suspended subscription through its own call', async () => {
    const customer = await createCustomer(env.zuora);
    const created = (await env.zuora.post('/v1/subscriptions', createBody(customer.number, { contractEffectiveDate: '2026-01-01' }))).body;
    await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}/suspend`, { suspendPolicy: 'Today' });
    expect(await subscription(created.subscriptionNumber)).toMatchObject({ status: 'Suspended' });
    const resume = await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}/resume`, { resumePolicy: 'Today', extendsTerm: false });
    expect(resume.body).toMatchObject({ success: true, resumeDate: expect.any(String) });
    expect(await subscription(created.subscriptionNumber)).toMatchObject({ status: 'Active', version: 3 });
  });

  it('previews a new subscription without writing anything', async () => {
    const customer = await createCustomer(env.zuora);
    const orders = await orderCount();
    const preview = await env.zuora.post('/v1/subscriptions/preview', { ...createBody(customer.number), targetDate: '2026-03-01' });
    expect(preview.body).toMatchObject({ success: true, contractedMrr: 60, totalContractedValue: 720, invoice: { amount: 60, targetDate: '2026-03-01' } });
    expect(preview.body.invoice.invoiceItems).toHaveLength(2);
    const noAccount = await env.zuora.post('/v1/subscriptions/preview', {
      ...createBody(''),
      accountKey: undefined,
      previewAccountInfo: { currency: 'USD', billCycleDay: 1, billToContact: { country: 'United States', state: 'CA' } },
    });
    expect(noAccount.body).toMatchObject({ success: true, invoice: { amount: 60 } });
    expect(await orderCount()).toBe(orders);
  });

  it('refuses bad input in V1 shape and changes nothing', async () => {
    const customer = await createCustomer(env.zuora);
    const orders = await orderCount();
    const missing = await env.zuora.post('/v1/subscriptions', { accountKey: customer.number, termType: 'TERMED' });
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({ success: false, reasons: [{ code: expect.any(Number) }] });
    const unknownPlan = await env.zuora.post('/v1/subscriptions', createBody(customer.number, { subscribeToRatePlans: [{ productRatePlanId: 'nope' }] }));
    expect(unknownPlan.body).toMatchObject({ success: false, reasons: [{ code: 53100020 }] });
    // A field the emulator would not act on is refused, not dropped; custom fields are welcome.
    const unknown = await env.zuora.post('/v1/subscriptions', createBody(customer.number, { gatewayId: 'gw-1' }));
    expect(unknown.body).toMatchObject({ success: false, reasons: [{ code: 53100021 }] });
    const noAccount = await env.zuora.post('/v1/subscriptions', createBody('A99999999'));
    expect(noAccount.body).toMatchObject({ success: false, reasons: [{ code: 53100020 }] });
    expect(await orderCount()).toBe(orders);

    const created = (await env.zuora.post('/v1/subscriptions', createBody(customer.number))).body;
    const badRemove = await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}`, { remove: [{ ratePlanId: 'nope', contractEffectiveDate: '2026-03-01' }], autoRenew: false });
    expect(badRemove.body).toMatchObject({ success: false, reasons: [{ code: 53100020 }] });
    expect(await subscription(created.subscriptionNumber)).toMatchObject({ version: 1, autoRenew: true });
    const resumeActive = await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}/resume`, { resumePolicy: 'Today' });
    expect(resumeActive.body).toMatchObject({ success: false, reasons: [{ code: 53100030 }] });
    const missingSub = await env.zuora.put('/v1/subscriptions/A-S99999999/cancel', { cancellationPolicy: 'EndOfCurrentTerm' });
    expect(missingSub.body).toMatchObject({ success: false, reasons: [{ code: 53100040 }] });
  });
});

describeOfficial('V1 subscription writes against the official spec', () => {
  it('answers each call in its official response schema', async () => {
    const customer = await createCustomer(env.zuora, '4111111111111111');
    const created = await env.zuora.post('/v1/subscriptions', createBody(customer.number, { runBilling: true, collect: true }));
    await expectOfficialResponse('v1', 'post', '/v1/subscriptions', 200, created.body);
    const key = created.body.subscriptionNumber;
    const put = await env.zuora.put(`/v1/subscriptions/${key}`, { autoRenew: false });
    await expectOfficialResponse('v1', 'put', '/v1/subscriptions/{subscription-key}', 200, put.body);
    const preview = await env.zuora.post('/v1/subscriptions/preview', createBody(customer.number));
    await expectOfficialResponse('v1', 'post', '/v1/subscriptions/preview', 200, preview.body);
    const suspend = await env.zuora.put(`/v1/subscriptions/${key}/suspend`, { suspendPolicy: 'Today' });
    await expectOfficialResponse('v1', 'put', '/v1/subscriptions/{subscription-key}/suspend', 200, suspend.body);
    const resume = await env.zuora.put(`/v1/subscriptions/${key}/resume`, { resumePolicy: 'Today' });
    await expectOfficialResponse('v1', 'put', '/v1/subscriptions/{subscription-key}/resume', 200, resume.body);
    const renew = await env.zuora.put(`/v1/subscriptions/${key}/renew`, {});
    await expectOfficialResponse('v1', 'put', '/v1/subscriptions/{subscription-key}/renew', 200, renew.body);
    const cancel = await env.zuora.put(`/v1/subscriptions/${key}/cancel`, { cancellationPolicy: 'EndOfCurrentTerm' });
    await expectOfficialResponse('v1', 'put', '/v1/subscriptions/{subscription-key}/cancel', 200, cancel.body);
    const failed = await env.zuora.put(`/v1/subscriptions/${key}/cancel`, { cancellationPolicy: 'EndOfCurrentTerm' });
    expect(failed.body.success).toBe(false);
  });
});

describe('V1 subscription writes raise the events an order would', () => {
  const receiver = useReceiver();

  it('one Subscription version, so one update callout, per call however many changes it carries', async () => {
    await registerStiggEvents(env.zuora, `${receiver.url}/webhooks/zuora`);
    receiver.reset();
    const customer = await createCustomer(env.zuora);
    const created = (await env.zuora.post('/v1/subscriptions', createBody(customer.number))).body;
    await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}`, {
      autoRenew: false,
      channel__c: 'partner',
      add: [{ productRatePlanId: catalog.support.planId, contractEffectiveDate: '2026-03-01' }, { productRatePlanId: catalog.basic.planId, contractEffectiveDate: '2026-03-01' }],
    });
    await env.zuora.put(`/v1/subscriptions/${created.subscriptionNumber}/cancel`, { cancellationPolicy: 'EndOfCurrentTerm' });
    await env.admin.post('/clock/advance', { by: 'PT0S' });
    const mine = receiver
      .at('/webhooks/zuora')
      .map((request) => request.body as Record<string, string>)
      .filter((body) => body.SubscriptionOriginalId === created.subscriptionId);
    // Create, update and cancel: three versions, three updates; the cancelled version also raises the cancellation.
    expect(mine.filter((body) => body.EventName === 'StiggSubscriptionUpdatedEvent')).toHaveLength(3);
    expect(mine.filter((body) => body.EventName === 'StiggSubscriptionCancelledEvent')).toHaveLength(1);
  });
});
