import { getCatalog, loadCatalog } from './catalog.js';
import { grant } from './credits.js';
import { archiveCustomer, createCustomer, getCustomer, listCustomers, listCustomerCredits, listCustomerSubscriptions } from './customers.js';
import { listEvents } from './events.js';
import { connectIntegration, removeIntegration } from './integration.js';
import type { ApiRoute } from './routeTable.js';
import { cancel, getSubscription, listSubscriptions, provision, update } from './subscriptions.js';
import { clockTick, reportUsage, syncUsageNow } from './usage.js';
import { receiveCallout } from './webhooks.js';

/** Everything the sync engine answers. */
export const syncRoutes: readonly ApiRoute[] = [
  { method: 'GET', path: '/api/health', handler: () => ({ body: { status: 'ok' } }) },
  { method: 'POST', path: '/api/catalog', handler: loadCatalog },
  { method: 'GET', path: '/api/catalog', handler: getCatalog },
  { method: 'POST', path: '/api/customers', handler: createCustomer },
  { method: 'GET', path: '/api/customers', handler: listCustomers },
  { method: 'GET', path: '/api/customers/:id', handler: getCustomer },
  { method: 'POST', path: '/api/customers/:id/archive', handler: archiveCustomer },
  { method: 'GET', path: '/api/customers/:id/subscriptions', handler: listCustomerSubscriptions },
  { method: 'GET', path: '/api/customers/:id/credits', handler: listCustomerCredits },
  { method: 'POST', path: '/api/subscriptions', handler: provision },
  { method: 'GET', path: '/api/subscriptions', handler: listSubscriptions },
  { method: 'GET', path: '/api/subscriptions/:id', handler: getSubscription },
  { method: 'PATCH', path: '/api/subscriptions/:id', handler: update },
  { method: 'POST', path: '/api/subscriptions/:id/cancel', handler: cancel },
  { method: 'POST', path: '/api/usage', handler: reportUsage },
  { method: 'POST', path: '/api/usage/sync', handler: syncUsageNow },
  { method: 'POST', path: '/api/clock/tick', handler: clockTick },
  { method: 'POST', path: '/api/credits/grants', handler: grant },
  { method: 'GET', path: '/api/events', handler: listEvents },
  { method: 'POST', path: '/api/integration/connect', handler: connectIntegration },
  { method: 'POST', path: '/api/integration/remove', handler: removeIntegration },
  // The names issue 6 gives the same two actions.
  { method: 'POST', path: '/api/integrations/zuora', handler: connectIntegration },
  { method: 'DELETE', path: '/api/integrations/zuora', handler: removeIntegration },
  { method: 'POST', path: '/webhooks/zuora', handler: receiveCallout },
];
