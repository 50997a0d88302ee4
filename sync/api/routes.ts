import { getCatalog, loadCatalog } from './catalog.js';
import { consume, grant } from './credits.js';
import { archiveCustomer, createCustomer, getCustomer, listCustomers, listCustomerCredits, listCustomerSubscriptions } from './customers.js';
import { listEvents } from './events.js';
import { connectIntegration, getIntegration, removeIntegration, updateIntegration } from './integration.js';
import type { ApiRoute } from './routeTable.js';
import { cancel, getSubscription, listSubscriptions, migrate, provision, update } from './subscriptions.js';
import { clockTick, reportUsage, syncSubscriptionUsageNow, syncUsageNow } from './usage.js';
import { connectStripeIntegration, createCheckoutLink, createPortalLink, receiveStripeEvent, removeStripeIntegration } from './stripe.js';
import { receiveCallout } from './webhooks.js';

/** Everything the sync engine answers. */
export const syncRoutes: readonly ApiRoute[] = [
  { method: 'GET', path: '/api/health', handler: () => ({ body: { status: 'ok' } }) },
  { method: 'POST', exclusive: true, path: '/api/catalog', handler: loadCatalog },
  { method: 'GET', path: '/api/catalog', handler: getCatalog },
  { method: 'POST', exclusive: true, path: '/api/customers', handler: createCustomer },
  { method: 'GET', path: '/api/customers', handler: listCustomers },
  { method: 'GET', path: '/api/customers/:id', handler: getCustomer },
  { method: 'POST', exclusive: true, path: '/api/customers/:id/archive', handler: archiveCustomer },
  { method: 'GET', path: '/api/customers/:id/subscriptions', handler: listCustomerSubscriptions },
  { method: 'GET', path: '/api/customers/:id/credits', handler: listCustomerCredits },
  { method: 'POST', exclusive: true, path: '/api/customers/:id/billing-portal', handler: createPortalLink },
  { method: 'POST', exclusive: true, path: '/api/checkout', handler: createCheckoutLink },
  { method: 'POST', exclusive: true, path: '/api/subscriptions', handler: provision },
  { method: 'GET', path: '/api/subscriptions', handler: listSubscriptions },
  { method: 'GET', path: '/api/subscriptions/:id', handler: getSubscription },
  { method: 'PATCH', exclusive: true, path: '/api/subscriptions/:id', handler: update },
  { method: 'POST', exclusive: true, path: '/api/subscriptions/:id/cancel', handler: cancel },
  { method: 'POST', exclusive: true, path: '/api/subscriptions/:id/migrate', handler: migrate },
  { method: 'POST', path: '/api/usage', handler: reportUsage },
  { method: 'POST', path: '/api/usage/sync', handler: syncUsageNow },
  { method: 'POST', path: '/api/subscriptions/:id/usage/sync', handler: syncSubscriptionUsageNow },
  { method: 'POST', path: '/api/clock/tick', handler: clockTick },
  { method: 'POST', exclusive: true, path: '/api/credits/grants', handler: grant },
  { method: 'POST', exclusive: true, path: '/api/credits/consume', handler: consume },
  { method: 'GET', path: '/api/events', handler: listEvents },
  { method: 'POST', exclusive: true, path: '/api/integration/connect', handler: connectIntegration },
  { method: 'POST', exclusive: true, path: '/api/integration/remove', handler: removeIntegration },
  // The names issue 6 gives the same two actions.
  { method: 'POST', exclusive: true, path: '/api/integrations/zuora', handler: connectIntegration },
  { method: 'DELETE', exclusive: true, path: '/api/integrations/zuora', handler: removeIntegration },
  { method: 'GET', path: '/api/integrations/zuora', handler: getIntegration },
  { method: 'PATCH', exclusive: true, path: '/api/integrations/zuora', handler: updateIntegration },
  { method: 'POST', exclusive: true, path: '/api/integrations/stripe', handler: connectStripeIntegration },
  { method: 'DELETE', exclusive: true, path: '/api/integrations/stripe', handler: removeStripeIntegration },
  { method: 'POST', path: '/webhooks/zuora', handler: receiveCallout },
  { method: 'POST', path: '/webhooks/stripe', handler: receiveStripeEvent },
];
