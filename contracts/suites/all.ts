import { accountsSuite, accountsV1Suite } from './accounts.js';
import { hostedPagesSuite, invoicesSuite, usageSuite } from './billing.js';
import { catalogSuite, customFieldsSuite } from './catalog.js';
import { crudSuite } from './crud.js';
import { eventsSuite } from './events.js';
import { cancellationSuite, ordersSuite } from './orders.js';
import { paymentMethodsV1Suite } from './paymentMethods.js';
import { queriesSuite } from './queries.js';
import { subscriptionsV1Suite } from './subscriptionWrites.js';
import { quickstartBillingSuite } from './quickstartBilling.js';
import { settlementSuite } from './settlement.js';
import type { Suite } from './types.js';

const tokenSuite: Suite = {
  name: 'token',
  description: 'OAuth client-credentials token',
  steps: [
    {
      name: 'fetch token',
      method: 'POST',
      path: '/oauth/token',
      form: true,
      auth: 'none',
      body: { client_id: '${clientId}', client_secret: '${clientSecret}', grant_type: 'client_credentials' },
    },
  ],
};

/** Every suite, in the order they run: later suites use what earlier ones created. */
export const SUITES: readonly Suite[] = [
  tokenSuite,
  catalogSuite,
  customFieldsSuite,
  accountsSuite,
  accountsV1Suite,
  paymentMethodsV1Suite,
  ordersSuite,
  subscriptionsV1Suite,
  usageSuite,
  invoicesSuite,
  settlementSuite,
  hostedPagesSuite,
  eventsSuite,
  cancellationSuite,
  quickstartBillingSuite,
  queriesSuite,
  crudSuite,
];

/**
 * The Zuora endpoints the suites call (express-style paths, as in the emulator's route tables), with
 * the names of the suites that call each, for the coverage table.
 */
export const SUITE_ENDPOINTS: ReadonlyArray<{ method: string; path: string; suites: string[] }> = (() => {
  const seen = new Map<string, { method: string; path: string; suites: string[] }>();
  for (const suite of SUITES) {
    for (const step of suite.steps) {
      if (step.auth === 'admin') continue;
      const key = `${step.method} ${step.path}`;
      const entry = seen.get(key) ?? { method: step.method, path: step.path, suites: [] };
      if (!entry.suites.includes(suite.name)) entry.suites.push(suite.name);
      seen.set(key, entry);
    }
  }
  return [...seen.values()];
})();
