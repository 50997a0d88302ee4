import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useTenant, ORDERS_223 } from './helpers/emulator.js';

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
});

async function subscribe(terms: Record<string, unknown>, orderDate = '2026-01-15', triggerDates?: unknown[]) {
  const account = (await env.zuora.post('/v2/accounts', accountBody())).body.account_number as string;
  const response = await env.zuora.post('/v1/orders', {
    orderDate,
    existingAccountNumber: account,
    subscriptions: [
      {
        orderActions: [
          {
            type: 'CreateSubscription',
            ...(triggerDates ? { triggerDates } : {}),
            createSubscription: { terms, subscribeToRatePlans: [{ productRatePlanId: catalog.basic.planId }] },
          },
        ],
      },
    ],
  }, ORDERS_223);
  if (!response.body.success) throw new Error(JSON.stringify(response.body));
  return { account, number: response.body.subscriptions[0].subscriptionNumber as string };
}

async function latest(number: string) {
  return (await env.zuora.get(`/v1/subscriptions/${number}`)).body;
}

function act(account: string, number: string, orderDate: string, action: Record<string, unknown>) {
  return env.zuora.post('/v1/orders', { orderDate, existingAccountNumber: account, subscriptions: [{ subscriptionNumber: number, orderActions: [action] }] }, ORDERS_223);
}

describe('term ends', () => {
  it('expires a TERMED subscription that does not auto-renew when its term ends', async () => {
    const { number } = await subscribe({ initialTerm: { termType: 'TERMED', period: 3, periodType: 'Month' }, autoRenew: false });
    expect((await latest(number)).termEndDate).toBe('2026-04-15');
    await env.admin.post('/clock/advance', { to: '2026-04-14T23:00:00Z' });
    expect((await latest(number)).status).toBe('Active');
    await env.admin.post('/clock/advance', { to: '2026-04-15T01:00:00Z' });
    expect((await latest(number)).status).toBe('Expired');
  });

  it('renews an auto-renewing subscription into a new version with the next term', async () => {
    const { number } = await subscribe(
      { initialTerm: { termType: 'TERMED', period: 1, periodType: 'Year' }, autoRenew: true, renewalTerms: [{ period: 6, periodType: 'Month' }] },
      '2026-04-15',
    );
    await env.admin.post('/clock/advance', { to: '2027-04-16T00:00:00Z' });
    const renewed = await latest(number);
    expect(renewed).toMatchObject({ status: 'Active', version: 2, termStartDate: '2027-04-15', termEndDate: '2027-10-15', currentTerm: 6, currentTermPeriodType: 'Month' });
  });

  it('renews on request with a RenewSubscription action', async () => {
    const { account, number } = await subscribe({ initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' } }, '2027-04-16');
    const response = await act(account, number, '2027-04-20', { type: 'RenewSubscription', renewSubscription: {} });
    expect(response.body.success).toBe(true);
    expect(await latest(number)).toMatchObject({ version: 2, termStartDate: '2028-04-16', termEndDate: '2029-04-16' });
  });
});

describe('suspend and resume', () => {
  it('suspends and resumes, extending the term by the days suspended', async () => {
    const { account, number } = await subscribe({ initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' } }, '2027-04-16');
    const suspended = await act(account, number, '2027-05-01', { type: 'Suspend', suspend: { suspendPolicy: 'SpecificDate', suspendSpecificDate: '2027-05-01' } });
    expect(suspended.body.subscriptions[0].status).toBe('Suspended');
    const resumed = await act(account, number, '2027-05-11', {
      type: 'Resume',
      resume: { resumePolicy: 'SpecificDate', resumeSpecificDate: '2027-05-11', extendsTerm: true },
    });
    expect(resumed.body.subscriptions[0].status).toBe('Active');
    // Ten days suspended move the term end from 16 April 2028 to 26 April 2028.
    expect(await latest(number)).toMatchObject({ status: 'Active', version: 3, termEndDate: '2028-04-26' });
  });

  it('refuses to resume a subscription that is not suspended', async () => {
    const { account, number } = await subscribe({ initialTerm: { termType: 'EVERGREEN' } }, '2027-04-16');
    const response = await act(account, number, '2027-05-11', { type: 'Resume', resume: { resumePolicy: 'Today' } });
    expect(response.body).toMatchObject({ success: false, reasons: [{ message: expect.stringContaining('Suspended') }] });
  });
});

describe('pending activation', () => {
  it('waits for a future service activation date, then becomes Active', async () => {
    const { number } = await subscribe({ initialTerm: { termType: 'EVERGREEN' } }, '2027-04-16', [
      { name: 'ContractEffective', triggerDate: '2027-04-16' },
      { name: 'ServiceActivation', triggerDate: '2027-05-01' },
    ]);
    expect((await latest(number)).status).toBe('Pending Activation');
    await env.admin.post('/clock/advance', { to: '2027-05-01T00:00:00Z' });
    expect((await latest(number)).status).toBe('Active');
  });

  it('is simply Active when the order is dated ahead but names no activation date', async () => {
    const { number } = await subscribe({ initialTerm: { termType: 'EVERGREEN' } }, '2027-12-01');
    expect((await latest(number)).status).toBe('Active');
  });
});
