import { beforeAll, expect, it } from 'vitest';
import { withoutSpecDefects } from '../contracts/checks/specDefects.js';
import type { OfficialSpecs } from '../contracts/official/index.js';
import { SEED_ENDPOINTS } from '../contracts/subset/seeds.js';
import { ZuoraClient } from '../sync/zuora/client.js';
import type { RecordedCall } from '../sync/zuora/types.js';
import { describeOfficial, officialSpecs } from './helpers/officialSpec.js';
import { ACME, ANNUAL_SEAT_TIERS, API_CALL_PRICE, FEATURES, PRO_FEE, proPlan, SEAT_PRICE } from './helpers/syncCatalog.js';
import { useSyncEngine } from './helpers/syncEngine.js';

// The consumer side of the contract: everything the bundled sync engine sends Zuora, and everything
// it is answered, fits Zuora's official specs. The engine is driven through its own flows (connect,
// catalog, customer, provision, update, schedule, usage, cancel, remove); the seed calls those flows
// only make on a callout, a checkout or a drift check go through the engine's ZuoraClient directly,
// with bodies shaped as the engine shapes them. Every call is recorded by the client's `onCall`.

const START = '2026-03-10T00:00:00.000Z';
const VISA = { type: 'card', brand: 'visa', cardNumber: '4242424242424242', expMonth: 12, expYear: 2030 };
/** Where the engine tells Zuora to call it: a public-looking name, as in production (the spec's `format: url` refuses 127.0.0.1). */
const PUBLIC_URL = 'https://platform.example.invalid';

const CATALOG = {
  features: FEATURES,
  products: [ACME],
  plans: [
    proPlan([PRO_FEE, { ...SEAT_PRICE, maxQuantity: 50 }, API_CALL_PRICE, ANNUAL_SEAT_TIERS]),
    { id: 'plan-basic', product: 'product-acme', name: 'Basic', prices: [{ billingPeriod: 'MONTHLY', model: 'PER_UNIT', feature: 'feature-seats', unitPrice: 5 }] },
  ],
  addons: [{ id: 'addon-support', product: 'product-acme', name: 'Priority support', prices: [{ billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 50 }] }],
};

const calls: RecordedCall[] = [];
const sync = useSyncEngine({ emulator: { now: START }, engine: { publicUrl: PUBLIC_URL, hourlyUsageSync: false }, onCall: (call) => calls.push(call) });
const { api } = sync;
let client: ZuoraClient;

// `any` in the readers below: the test walks answers field by field, as the other HTTP tests do.

/** A platform step that must work, or the recording is not worth checking. */
async function step(name: string, call: Promise<{ status: number; body: unknown }>): Promise<Record<string, any>> {
  const answer = await call;
  if (answer.status >= 300) throw new Error(`${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as Record<string, any>;
}

/** The answer of the latest successful recorded call to `method` on a path matching `path`. */
function answered(method: string, path: RegExp): Record<string, any> {
  const call = calls.findLast((candidate) => candidate.method === method && path.test(candidate.path) && candidate.status < 300);
  if (!call) throw new Error(`no successful ${method} ${path} was recorded`);
  return call.responseBody as Record<string, any>;
}

/** The engine's flows, as a user of the engine drives them. */
async function driveFlows(): Promise<void> {
  await sync.engine.connect();
  // Connecting again finds what exists and brings it up to date.
  await sync.engine.connect();
  await step('catalog', api.post('/api/catalog', CATALOG));
  await step('customer', api.post('/api/customers', { id: 'customer-ada', name: 'Ada', email: 'ada@example.com', paymentMethod: VISA, billingInfo: { currency: 'USD', invoiceDaysUntilDue: 30 } }));
  const subscription = await step(
    'provision',
    api.post('/api/subscriptions', { customerId: 'customer-ada', planId: 'plan-pro', units: { 'feature-seats': 5 }, addons: [{ addonId: 'addon-support', quantity: 1 }] }),
  );
  await step('seat change', api.patch(`/api/subscriptions/${subscription.id}`, { units: { 'feature-seats': 8 } }));
  await step('scheduled downgrade', api.patch(`/api/subscriptions/${subscription.id}`, { planId: 'plan-basic', scheduleStrategy: 'END_OF_BILLING_PERIOD' }));
  await step('replaced downgrade', api.patch(`/api/subscriptions/${subscription.id}`, { units: { 'feature-seats': 3 }, scheduleStrategy: 'END_OF_BILLING_PERIOD' }));
  await step('usage', api.post('/api/usage', { customerId: 'customer-ada', featureId: 'feature-api-calls', value: 120 }));
  await step('usage sync', api.post('/api/usage/sync'));
  await step('more usage', api.post('/api/usage', { customerId: 'customer-ada', featureId: 'feature-api-calls', value: 30 }));
  await step('usage sync again', api.post('/api/usage/sync'));
  // A second customer, paying with a token, on a plan of its own.
  await step('token customer', api.post('/api/customers', { id: 'customer-bob', name: 'Bob', paymentMethod: { type: 'cc_ref', token: 'tok_visa' } }));
  await step('token provision', api.post('/api/subscriptions', { customerId: 'customer-bob', planId: 'plan-basic', units: { 'feature-seats': 2 } }));
  await step('catalog change', api.post('/api/catalog', { ...CATALOG, products: [{ id: 'product-acme', name: 'Acme Cloud' }] }));
  await sync.admin.post('/clock/advance', { by: 'P32D' });
}

/** Leaving: the subscription cancelled, the integration removed. */
async function finishFlows(): Promise<void> {
  const [subscription] = (await step('subscriptions', api.get('/api/customers/customer-ada/subscriptions'))).data as Array<{ id: string }>;
  if (subscription) await step('cancel', api.post(`/api/subscriptions/${subscription.id}/cancel`, { when: 'IMMEDIATE' }));
  await step('remove integration', api.post('/api/integration/remove'));
}

/** Seed calls the flows above leave to callouts, checkout or drift checks, with the engine's shapes. */
async function driveClient(): Promise<void> {
  // Ada's account came first, Bob's second.
  const [account, other] = calls.filter((call) => call.method === 'POST' && call.path === '/v2/accounts' && call.status === 201).map((call) => call.responseBody as Record<string, any>);
  if (!account || !other) throw new Error('the flows created fewer than two accounts');
  const product = answered('POST', /^\/v2\/products$/);
  const plan = answered('POST', /^\/v2\/plans$/);
  const charge = answered('POST', /^\/v1\/object\/product-rate-plan-charge$/);
  const created = calls.find((call) => call.method === 'POST' && call.path.startsWith('/v1/orders') && (call.responseBody as Record<string, any>)?.accountNumber === account.account_number);
  const answer = created?.responseBody as Record<string, any> | undefined;
  const subscriptionNumber = String(answer?.subscriptionNumbers?.[0] ?? answer?.subscriptions?.[0]?.subscriptionNumber);

  await client.getAccountV1(account.account_number);
  await client.updateAccount(account.id, { name: 'Ada Lovelace', custom_fields: { stiggCustomerId__c: 'customer-ada' } });
  await client.getProduct(product.id);
  await client.updateProduct(product.id, { description: 'Synced from the platform' });
  await client.getPlan(plan.id);
  await client.getCharge(charge.Id);
  await client.getPrice(charge.Id);
  await client.updatePrice(charge.Id, { name: 'Renamed price' });
  const method = await client.createPaymentMethod({ type: 'card', account_id: other.id, card: { card_number: '4111111111111111', expiry_month: 12, expiry_year: 2031, brand: 'visa' } });
  await client.getPaymentMethod(method.id);
  await client.updatePaymentMethod(method.id, { account_id: account.id });
  await client.listOrdersOfSubscription(subscriptionNumber);
  const today = String((await sync.admin.get('/clock')).body.now).slice(0, 10);
  await client.previewOrder({
    orderDate: today,
    existingAccountNumber: account.account_number,
    previewOptions: { previewThruType: 'NumberOfPeriods', previewNumberOfPeriods: 1, previewTypes: ['BillingDocs'] },
    subscriptions: [{ subscriptionNumber, orderActions: [{ type: 'AddProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: today }], addProduct: { productRatePlanId: plan.id } }] }],
  });
  await client.previewSubscription(subscriptionNumber, { previewStartDate: { previewStartDatePolicy: 'today' }, previewThroughDate: { previewThruDatePolicy: 'nextBillingPeriods', nextBillingPeriods: 1 } });
  const { hostedpages } = await client.getHostedPages();
  if (hostedpages[0]) await client.createRsaSignature({ uri: 'https://apisandbox.zuora.com/apps/PublicHostedPageLite.do', method: 'POST', pageId: hostedpages[0].pageId });
  const invoices = (await sync.zuora.get(`/v1/transactions/invoices/accounts/${account.account_number}`)).body.invoices as Array<{ id: string }>;
  const invoice = invoices[0] && (await client.getInvoice(invoices[0].id));
  if (invoice) await client.getInvoiceItems(invoice.Id);
  const balance = Number(invoice?.Balance ?? 0);
  await client.createPayment({
    accountNumber: account.account_number,
    amount: balance > 0 ? balance : 10,
    currency: 'USD',
    type: 'External',
    paymentMethodType: 'Check',
    effectiveDate: today,
    ...(invoice && balance > 0 ? { invoices: [{ invoiceId: invoice.Id, amount: balance }] } : {}),
  });
  const template = answered('POST', /^\/v1\/notifications\/callout-templates$|^\/notifications\/callout-templates$/);
  await client.updateCalloutTemplate(template.id, { name: `${template.name}`, calloutBaseurl: template.calloutBaseurl, httpMethod: 'POST' });
}


/**
 * What the engine sends today that Zuora's spec refuses, each found by this test and reported to the
 * engine's owners. Listed so the test guards against new ones; remove an entry once it is fixed.
 */
const KNOWN_ENGINE_GAPS: readonly RegExp[] = [
  // The V1 spec (and Zuora's docs) require it on every CRUD charge create; the emulator does not (yet).
  /^POST \/v1\/object\/product-rate-plan-charge: \(body\) must have required property 'UseDiscountSpecificAccountingCode'$/,
];

/** Emulator answers that the official spec refuses, found by this test and reported; same rule as above. */
const KNOWN_EMULATOR_GAPS: readonly RegExp[] = [
  // Orders read back echo the CreateSubscription terms as sent; the spec's response requires renewalTerms
  // (Zuora fills it in), and the engine sends none for an evergreen subscription.
  /^GET \/v1\/orders\/subscription\/[^ ]+ 200: \/orders\/\d+\/subscriptions\/\d+\/orderActions\/\d+\/createSubscription\/terms must have required property 'renewalTerms'$/,
  // Orders that bill and collect at once (the engine's sign-up orders) answer paidAmount as a
  // two-place decimal ("80.00"); the spec's minLength 9 on that amount would refuse any payment
  // under 100000, a defect of the spec rather than of the answer.
  /^POST \/v1\/orders 200: \/paidAmount must NOT have fewer than 9 characters$/,
];

/** Splits problems into those already known (warned about) and new ones (returned). */
function newProblems(problems: Set<string>, known: readonly RegExp[], label: string): string[] {
  const seen = [...problems].filter((problem) => known.some((gap) => gap.test(problem)));
  if (seen.length) console.warn(`consumer contract: known ${label} still present:\n  ${seen.join('\n  ')}`);
  return [...problems].filter((problem) => !seen.includes(problem));
}

/** The seeds call events and notifications under /v1; the official spec declares them bare. */
function match(specs: OfficialSpecs, call: RecordedCall) {
  return specs.matchOperation(call.method, call.path) ?? specs.matchOperation(call.method, call.path.replace(/^\/v1(?=\/(events|notifications)\/)/, ''));
}

const called = () => new Set(calls.map((call) => `${call.method} ${call.path.split('?')[0]}`));

describeOfficial("the sync engine's Zuora calls against Zuora's official specs", () => {
  // Inside, so a checkout without the official specs does not drive the engine for nothing.
  beforeAll(async () => {
    // A client of its own, recorded as the engine's is.
    client = new ZuoraClient(sync.engineOptions().zuora);
    await driveFlows();
    await driveClient();
    await finishFlows();
  }, 120_000);

  it('covers every seed endpoint but the token (onCall leaves token requests out: they carry the secret)', () => {
    const missing = SEED_ENDPOINTS.filter((seed) => {
      const pattern = new RegExp(`^${seed.method} ${seed.path.replace(/:[A-Za-z_]+/g, '[^/]+')}$`);
      return ![...called()].some((endpoint) => pattern.test(endpoint));
    }).map((seed) => `${seed.method} ${seed.path}`);
    expect(missing).toEqual(['POST /oauth/token', 'GET /v1/orders']);
  });

  it('sends only request bodies the official spec accepts', async () => {
    const specs = await officialSpecs();
    const problems = new Set<string>();
    for (const call of calls) {
      if (call.requestBody === undefined) continue;
      const operation = match(specs, call);
      if (!operation) continue;
      let errors: string[];
      try {
        errors = withoutSpecDefects(operation.method, operation.path, specs.requestValidator(operation.spec, operation.method, operation.path)(call.requestBody).errors);
      } catch (error) {
        errors = [(error as Error).message];
      }
      if (errors.length) problems.add(`${call.method} ${call.path.split('?')[0]}: ${errors.join('; ')}`);
    }
    expect(newProblems(problems, KNOWN_ENGINE_GAPS, 'sync engine gaps')).toEqual([]);
  });

  it('is answered only with bodies the official spec declares', async () => {
    const specs = await officialSpecs();
    const problems = new Set<string>();
    for (const call of calls) {
      const operation = match(specs, call);
      if (!operation) continue;
      const { errors } = specs.responseValidator(operation.spec, operation.method, operation.path, call.status)(call.responseBody);
      if (errors.length) problems.add(`${call.method} ${call.path.split('?')[0]} ${call.status}: ${errors.join('; ')}`);
    }
    expect(newProblems(problems, KNOWN_EMULATOR_GAPS, 'emulator gaps')).toEqual([]);
  });
});
