// What the bench asks of the emulator's public API to set a tenant up: a token, a small catalog, the
// bodies of sign-up orders and of orders on an existing account, a callout per posted invoice.
import type { BenchServer } from './servers.js';

export interface Session {
  server: BenchServer;
  token: string;
  json: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<any>;
  admin: (method: string, path: string, body?: unknown) => Promise<any>;
}

export function tokenForm(server: BenchServer): string {
  return new URLSearchParams({ client_id: server.clientId ?? '', client_secret: server.clientSecret ?? '', grant_type: 'client_credentials' }).toString();
}

export async function session(server: BenchServer): Promise<Session> {
  const response = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenForm(server),
  });
  if (!response.ok) throw new Error(`POST /oauth/token answered ${response.status}`);
  const { access_token: token } = (await response.json()) as { access_token: string };
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string>): Promise<any> => {
    const answer = await fetch(server.url + path, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await answer.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (answer.status >= 300 || parsed?.success === false) throw new Error(`${method} ${path} answered ${answer.status}: ${text.slice(0, 300)}`);
    return parsed;
  };
  return {
    server,
    token,
    json: (method, path, body, headers = {}) => call(method, path, body, { authorization: `Bearer ${token}`, ...headers }),
    admin: (method, path, body) => call(method, path, body, { authorization: `Bearer ${server.adminToken ?? ''}` }),
  };
}

export interface Catalog {
  /** $10 a month in advance plus API calls at $0.01 each in arrears, billed on the 1st. */
  planId: string;
}

export async function createCatalog(api: Session): Promise<Catalog> {
  await api.json('POST', '/v1/object/unit-of-measure', { UomName: 'call' });
  const product = await api.json('POST', '/v2/products', { name: 'Bench' });
  const plan = await api.json('POST', '/v2/plans', { name: 'Metered', product_id: product.id });
  const charge = (fields: Record<string, unknown>) =>
    api.json('POST', '/v1/object/product-rate-plan-charge', {
      ProductRatePlanId: plan.id,
      ChargeType: 'Recurring',
      BillingPeriod: 'Month',
      BillCycleType: 'DefaultFromCustomer',
      TriggerEvent: 'ContractEffective',
      ...fields,
    });
  await charge({ Name: 'Platform fee', ChargeModel: 'Flat Fee Pricing', ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 10 }] } });
  await charge({ Name: 'API calls', ChargeType: 'Usage', ChargeModel: 'Per Unit Pricing', UOM: 'call', ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 0.01 }] } });
  return { planId: plan.id as string };
}

const subscriptionOf = (catalog: Catalog) => ({
  orderActions: [
    {
      type: 'CreateSubscription',
      triggerDates: [
        { name: 'ContractEffective', triggerDate: '2026-01-01' },
        { name: 'ServiceActivation', triggerDate: '2026-01-01' },
        { name: 'CustomerAcceptance', triggerDate: '2026-01-01' },
      ],
      createSubscription: {
        terms: { initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' }, autoRenew: true, renewalTerms: [{ period: 12, periodType: 'Month' }] },
        subscribeToRatePlans: [{ productRatePlanId: catalog.planId }],
      },
    },
  ],
});

/** A sign-up: a new account and its subscription in one order, as a platform's checkout sends it. */
export function signUpOrder(catalog: Catalog): Record<string, unknown> {
  return {
    orderDate: '2026-01-01',
    newAccount: {
      name: 'Bench Customer',
      currency: 'USD',
      billCycleDay: 1,
      billToContact: { firstName: 'Bench', lastName: 'Customer', workEmail: 'bench@example.com', country: 'United States' },
    },
    subscriptions: [subscriptionOf(catalog)],
  };
}

/** Another subscription on an account that exists. */
export function existingAccountOrder(catalog: Catalog, accountNumber: string): Record<string, unknown> {
  return { orderDate: '2026-01-01', existingAccountNumber: accountNumber, subscriptions: [subscriptionOf(catalog)] };
}

/** One callout to `url` for every posted invoice. */
export async function calloutPerInvoice(api: Session, url: string): Promise<void> {
  const template = await api.json('POST', '/notifications/callout-templates', {
    name: 'Invoice posted',
    eventCategory: 1110,
    calloutBaseurl: url,
    httpMethod: 'POST',
    calloutParams: { Id: '<Invoice.ID>' },
    calloutRetry: true,
    active: true,
  });
  await api.json('POST', '/notifications/notification-definitions', { name: 'Invoices', eventCategory: 1110, active: true, calloutActive: true, calloutTemplateIds: [template.id] });
}
