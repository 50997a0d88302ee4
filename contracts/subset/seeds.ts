// Every Zuora endpoint the platform calls, as ../shared/seeds/001 lists them, written as the
// emulator's route tables write paths (express style). The seeds spell two Quickstart paths with
// hyphens (`/v2/payment-methods`, `/v2/usage-records`); Zuora's real paths use underscores, and so
// does this list. The token endpoint is not in the seed page but every call needs it.

export interface SeedEndpoint {
  method: string;
  path: string;
  /** What the seed page calls it. */
  name: string;
}

export const SEED_ENDPOINTS: readonly SeedEndpoint[] = [
  { method: 'POST', path: '/oauth/token', name: 'OAuth token (implied by every call)' },
  { method: 'POST', path: '/v1/orders', name: 'Create / update / cancel subscription, scheduled orders' },
  { method: 'GET', path: '/v1/orders', name: 'Get orders by subscription (`?subscriptionNumber=`)' },
  { method: 'GET', path: '/v1/orders/subscription/:subscriptionNumber', name: 'Get orders by subscription (documented path)' },
  { method: 'PUT', path: '/v1/orders/:orderNumber/cancel', name: 'Cancel order' },
  { method: 'POST', path: '/v1/orders/preview', name: 'Preview order' },
  { method: 'POST', path: '/v1/subscriptions/:subscription_key/preview', name: 'Preview next invoice' },
  { method: 'POST', path: '/v2/accounts', name: 'Create account' },
  { method: 'GET', path: '/v2/accounts/:account_id', name: 'Get account (Quickstart)' },
  { method: 'PATCH', path: '/v2/accounts/:account_id', name: 'Update account (Quickstart)' },
  { method: 'GET', path: '/v1/accounts/:account_key', name: 'Get account (V1)' },
  { method: 'POST', path: '/v2/products', name: 'Create product' },
  { method: 'GET', path: '/v2/products/:product_id', name: 'Get product' },
  { method: 'PATCH', path: '/v2/products/:product_id', name: 'Update product' },
  { method: 'POST', path: '/v2/plans', name: 'Create plan' },
  { method: 'GET', path: '/v2/plans/:plan_id', name: 'Get plan' },
  { method: 'POST', path: '/v1/object/product-rate-plan-charge', name: 'Create price (V1)' },
  { method: 'GET', path: '/v1/product-rate-plan-charges/:charge_key', name: 'Get price (V1)' },
  { method: 'GET', path: '/v2/prices/:price_id', name: 'Get price (Quickstart)' },
  { method: 'PATCH', path: '/v2/prices/:price_id', name: 'Update price (Quickstart)' },
  { method: 'POST', path: '/v1/object/unit-of-measure', name: 'Create unit of measure' },
  { method: 'GET', path: '/v2/subscriptions/:subscription_id', name: 'Get subscription (Quickstart)' },
  { method: 'GET', path: '/v1/subscriptions/:subscription_key', name: 'Get subscription (V1)' },
  { method: 'GET', path: '/v2/payment_methods/:payment_method_id', name: 'Get payment method' },
  { method: 'POST', path: '/v2/payment_methods', name: 'Create payment method' },
  { method: 'PATCH', path: '/v2/payment_methods/:payment_method_id', name: 'Update payment method' },
  { method: 'POST', path: '/v2/usage_records', name: 'Create usage record' },
  { method: 'PATCH', path: '/v2/usage_records/:id', name: 'Update usage record' },
  { method: 'GET', path: '/v2/usage_records', name: 'List usage records' },
  { method: 'GET', path: '/v1/object/invoice/:id', name: 'Get invoice' },
  { method: 'GET', path: '/v1/invoices/:invoiceKey/items', name: 'Get invoice items' },
  { method: 'POST', path: '/v1/payments', name: 'Create payment' },
  { method: 'GET', path: '/v1/hostedpages', name: 'Get hosted page id' },
  { method: 'POST', path: '/v1/rsa-signatures', name: 'Generate RSA signature' },
  { method: 'PUT', path: '/objects/definitions/:object_type', name: 'Create / update custom field definitions' },
  { method: 'POST', path: '/v1/events/event-triggers', name: 'Create event trigger' },
  { method: 'GET', path: '/v1/events/event-triggers', name: 'List event triggers' },
  { method: 'DELETE', path: '/v1/events/event-triggers/:id', name: 'Delete event trigger' },
  { method: 'POST', path: '/v1/notifications/callout-templates', name: 'Create callout template' },
  { method: 'PUT', path: '/v1/notifications/callout-templates/:id', name: 'Update callout template' },
  { method: 'GET', path: '/v1/notifications/callout-templates', name: 'List callout templates' },
  { method: 'DELETE', path: '/v1/notifications/callout-templates/:id', name: 'Delete callout template' },
  { method: 'POST', path: '/v1/notifications/notification-definitions', name: 'Create notification definition' },
  { method: 'GET', path: '/v1/notifications/notification-definitions', name: 'List notification definitions' },
  { method: 'DELETE', path: '/v1/notifications/notification-definitions/:id', name: 'Delete notification definition' },
  { method: 'GET', path: '/v1/settings/payment-terms', name: 'Get payment terms' },
];

export const endpointKey = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

const seedNames = new Map(SEED_ENDPOINTS.map((seed) => [endpointKey(seed.method, seed.path), seed.name]));

/** The seed page's name for an endpoint, or undefined when the seeds do not call it. */
export const seedName = (method: string, path: string): string | undefined => seedNames.get(endpointKey(method, path));
