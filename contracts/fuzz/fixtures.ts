import { accountsSuite, accountsV1Suite } from '../suites/accounts.js';
import { hostedPagesSuite, invoicesSuite, usageSuite } from '../suites/billing.js';
import { catalogSuite } from '../suites/catalog.js';
import { eventsSuite } from '../suites/events.js';
import { ordersSuite } from '../suites/orders.js';
import type { Step, Suite, Vars } from '../suites/types.js';

function steps(suite: Suite, names: readonly string[]): Step[] {
  return names.map((name) => {
    const step = suite.steps.find((candidate) => candidate.name === name);
    if (!step) throw new Error(`suite ${suite.name} has no step '${name}'`);
    return step;
  });
}

/**
 * The objects fuzzed paths point at (`PATCH /v2/accounts/:account_id` needs an account), created
 * with the contract suites' own steps before fuzzing starts. Events are created inactive.
 */
export const FIXTURE_SUITE: Suite = {
  name: 'fuzz-fixtures',
  description: 'objects the fuzzed write endpoints refer to',
  steps: [
    ...catalogSuite.steps,
    ...steps(accountsSuite, ['list payment terms', 'create account', 'create second account', 'create payment method']),
    ...steps(ordersSuite, ['create subscription (CreateSubscription with seat override)', 'get subscription (V1)', 'schedule a seat downgrade (scheduled order)']),
    ...steps(usageSuite, ['create usage record']),
    // An invoice at once, on any target (the invoices suite waits for the emulator's bill run instead).
    ...steps(invoicesSuite, ['bill a new subscription at once (order with runBilling)']).map(({ only: _only, ...step }) => step),
    ...steps(accountsV1Suite, ['create account (V1)', 'add a contact (V1)']),
    {
      name: 'an unapplied payment',
      method: 'POST',
      path: '/v1/payments',
      body: { accountNumber: '${account.account_number}', amount: 5, currency: 'USD', type: 'External', effectiveDate: '${today}' },
      as: 'payment',
    },
    {
      name: 'a credit memo (1 of the invoice written off)',
      method: 'PUT',
      path: '/v1/invoices/:invoiceKey/write-off',
      params: { invoiceKey: '${invoiceId}' },
      body: { amount: 1 },
      as: 'writeOff',
    },
    { name: 'a bill run', method: 'POST', path: '/v1/bill-runs', body: { billRunFilters: [{ filterType: 'Account', accountId: '${account.id}' }] }, as: 'billRun' },
    ...steps(hostedPagesSuite, ['list hosted pages']),
    ...steps(eventsSuite, ['create event trigger', 'create callout template', 'create notification definition']),
  ],
};

const id = (vars: Vars, name: string, field = 'id'): unknown => (vars[name] as Vars | undefined)?.[field];

/** CRUD paths (`/v1/object/{object}/:id`) point at the fixture of their object. */
function crudId(path: string, vars: Vars): unknown {
  const object = /^\/v1\/object\/([a-z-]+)\/:id$/.exec(path)?.[1];
  const ids: Record<string, unknown> = {
    account: id(vars, 'v1Account', 'accountId'),
    contact: id(vars, 'v1ContactCreated'),
    'payment-method': id(vars, 'paymentMethod'),
    payment: id(vars, 'payment'),
    product: id(vars, 'product'),
    'product-rate-plan': id(vars, 'plan'),
    'product-rate-plan-charge': id(vars, 'seats', 'Id'),
  };
  return object === undefined ? undefined : ids[object];
}

/** The value of each path parameter, by parameter name (and, where names repeat, by path). */
export function pathParams(path: string, vars: Vars): Record<string, string> {
  const byName: Record<string, unknown> = {
    subscription_key: vars.subscriptionNumber,
    subscription_id: vars.subscriptionNumber,
    account_key: id(vars, 'v1Account', 'accountNumber'),
    contactId: id(vars, 'v1ContactCreated'),
    invoiceKey: vars.invoiceId,
    paymentKey: id(vars, 'payment'),
    creditMemoKey: (vars.writeOff as { creditMemo?: { id?: string } } | undefined)?.creditMemo?.id,
    billRunId: id(vars, 'billRun'),
    orderNumber: id(vars, 'scheduled', 'orderNumber'),
    object_type: 'account',
    account_id: id(vars, 'account'),
    product_id: id(vars, 'product'),
    price_id: id(vars, 'seats', 'Id'),
    payment_method_id: id(vars, 'paymentMethod'),
    id: crudId(path, vars) ?? (path.includes('usage_records')
      ? id(vars, 'usage')
      : path.includes('event-triggers')
        ? id(vars, 'trigger')
        : path.includes('callout-templates')
          ? id(vars, 'template')
          : id(vars, 'definition')),
  };
  return Object.fromEntries(Object.entries(byName).map(([name, value]) => [name, String(value ?? 'missing-fixture')]));
}
