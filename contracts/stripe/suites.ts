// The Stripe contract suites, as data: the calls the sync engine's Stripe integration (seed 003)
// makes, in order, each answer checked against the shape of Stripe's example object of its kind and
// for the behaviour the engine counts on. Only Stripe's test-mode features are used (test payment
// methods, no test clock advances, no search: Stripe's search is eventually consistent), so the same
// suites run against the emulator and against a real Stripe test-mode account.

export type Vars = Record<string, unknown>;

export interface StripeStep {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** The path, with `${name.path}` references to earlier answers. */
  path: string;
  /** Form parameters (query parameters for GET and DELETE), with references. */
  params?: Record<string, unknown>;
  /** Sent as the `Idempotency-Key` header (with references). */
  idempotencyKey?: string;
  /** The exact status expected; 200 otherwise. */
  status?: number;
  /** The fixture object the answer (or `shapeOf(answer)`) must have the shape of. */
  fixture?: string;
  shapeOf?: (body: Record<string, any>) => unknown;
  /** What the engine counts on; a sentence saying what is wrong, or undefined. */
  behaviour?: (body: Record<string, any>, vars: Vars, headers: Headers) => string | undefined;
  /** Stores the answer under this name. */
  as?: string;
}

export interface StripeSuite {
  name: string;
  description: string;
  steps: StripeStep[];
}

/** `what` unless `ok`. */
const unless = (ok: boolean, what: string): string | undefined => (ok ? undefined : what);

const CATALOG: StripeSuite = {
  name: 'stripe-catalog',
  description: 'A plan becomes a product with a monthly price; a changed price is a new one and the old is archived',
  steps: [
    {
      name: 'create a product',
      method: 'POST',
      path: '/v1/products',
      params: { name: '${prefix} Basic Plan', metadata: { stiggEntityUrl: 'https://platform.example/plans/${prefix}' } },
      fixture: 'product',
      behaviour: (body, vars) => unless(body.name === `${String(vars.prefix)} Basic Plan` && body.active === true, 'the product does not carry the name given, active'),
      as: 'product',
    },
    {
      name: 'create a monthly price',
      method: 'POST',
      path: '/v1/prices',
      params: { product: '${product.id}', currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } },
      fixture: 'price',
      behaviour: (body) => unless(body.unit_amount === 2000 && body.recurring?.interval === 'month' && body.type === 'recurring', 'the price is not a recurring monthly 20.00'),
      as: 'price',
    },
    {
      name: 'create the next version of the price',
      method: 'POST',
      path: '/v1/prices',
      params: { product: '${product.id}', currency: 'usd', unit_amount: 2500, recurring: { interval: 'month' } },
      fixture: 'price',
      as: 'price2',
    },
    {
      name: 'archive the old price',
      method: 'POST',
      path: '/v1/prices/${price.id}',
      params: { active: false },
      fixture: 'price',
      behaviour: (body) => unless(body.active === false, 'the price is still active'),
    },
    {
      name: "list the product's active prices",
      method: 'GET',
      path: '/v1/prices',
      params: { product: '${product.id}', active: true },
      fixture: 'price',
      shapeOf: (body) => body.data?.[0],
      behaviour: (body, vars) =>
        unless(body.object === 'list' && body.data.length === 1 && body.data[0].id === (vars.price2 as { id: string }).id, 'the active prices are not just the new version'),
    },
  ],
};

const CUSTOMERS: StripeSuite = {
  name: 'stripe-customers',
  description: "A customer with the platform's link in metadata; Stripe's errors and idempotent replays",
  steps: [
    {
      name: 'create a customer (idempotency key)',
      method: 'POST',
      path: '/v1/customers',
      params: { name: 'Ada ${prefix}', email: '${prefix}@example.com', metadata: { stiggEntityUrl: 'https://platform.example/customers/${prefix}' } },
      idempotencyKey: '${prefix}-customer',
      fixture: 'customer',
      behaviour: (body, vars) => unless(body.email === `${String(vars.prefix)}@example.com` && typeof body.metadata?.stiggEntityUrl === 'string', 'the customer does not carry the email and metadata given'),
      as: 'customer',
    },
    {
      name: 'the same request again is replayed',
      method: 'POST',
      path: '/v1/customers',
      params: { name: 'Ada ${prefix}', email: '${prefix}@example.com', metadata: { stiggEntityUrl: 'https://platform.example/customers/${prefix}' } },
      idempotencyKey: '${prefix}-customer',
      behaviour: (body, vars, headers) =>
        unless(body.id === (vars.customer as { id: string }).id && headers.get('idempotent-replayed') === 'true', 'not the first answer, or no Idempotent-Replayed: true'),
    },
    {
      name: 'an unknown customer is a 404 resource_missing',
      method: 'GET',
      path: '/v1/customers/cus_${prefix}Unknown',
      status: 404,
      behaviour: (body) => unless(body.error?.type === 'invalid_request_error' && body.error?.code === 'resource_missing' && typeof body.error?.message === 'string', "the error is not Stripe's resource_missing"),
    },
    {
      name: 'an unknown parameter is refused by name',
      method: 'POST',
      path: '/v1/customers/${customer.id}',
      params: { not_a_stripe_field: 'x' },
      status: 400,
      behaviour: (body) => unless(body.error?.type === 'invalid_request_error' && body.error?.param === 'not_a_stripe_field', 'the error does not name the parameter'),
    },
  ],
};

const SUBSCRIPTIONS: StripeSuite = {
  name: 'stripe-subscriptions',
  description: 'A card on file, a subscription charged at sign-up, a quantity change prorated, a cancellation',
  steps: [
    {
      name: 'attach a test card',
      method: 'POST',
      path: '/v1/payment_methods/pm_card_visa/attach',
      params: { customer: '${customer.id}' },
      fixture: 'payment_method',
      behaviour: (body, vars) => unless(body.customer === (vars.customer as { id: string }).id && /^pm_/.test(body.id), 'the card is not attached to the customer'),
      as: 'card',
    },
    {
      name: 'make it the default for invoices',
      method: 'POST',
      path: '/v1/customers/${customer.id}',
      params: { invoice_settings: { default_payment_method: '${card.id}' } },
      fixture: 'customer',
    },
    {
      name: 'subscribe: the first invoice is charged at once',
      method: 'POST',
      path: '/v1/subscriptions',
      params: { customer: '${customer.id}', items: [{ price: '${price2.id}', quantity: 2 }], metadata: { stiggEntityUrl: 'https://platform.example/subscriptions/${prefix}' }, expand: ['latest_invoice'] },
      fixture: 'subscription',
      behaviour: (body) =>
        unless(body.status === 'active' && body.latest_invoice?.status === 'paid' && body.latest_invoice?.amount_paid === 5000 && body.latest_invoice?.billing_reason === 'subscription_create', 'not active with a paid 50.00 subscription_create invoice'),
      as: 'subscription',
    },
    {
      name: 'read the first invoice',
      method: 'GET',
      path: '/v1/invoices/${subscription.latest_invoice.id}',
      fixture: 'invoice',
      behaviour: (body) => unless(body.status === 'paid' && body.lines?.data?.length === 1, 'the invoice is not paid with one line'),
    },
    {
      name: "list the customer's invoices, one a page",
      method: 'GET',
      path: '/v1/invoices',
      params: { customer: '${customer.id}', limit: 1 },
      fixture: 'invoice',
      shapeOf: (body) => body.data?.[0],
      behaviour: (body) => unless(body.object === 'list' && body.data.length === 1 && body.has_more === false && typeof body.url === 'string', 'not a list object of the one invoice'),
    },
    {
      name: 'add a seat, prorated into the next invoice',
      method: 'POST',
      path: '/v1/subscriptions/${subscription.id}',
      params: { items: [{ id: '${subscription.items.data.0.id}', quantity: 3 }], proration_behavior: 'create_prorations' },
      fixture: 'subscription',
      behaviour: (body) => unless(body.items?.data?.[0]?.quantity === 3, 'the item quantity is not 3'),
    },
    {
      name: 'the prorations wait as pending invoice items',
      method: 'GET',
      path: '/v1/invoiceitems',
      params: { customer: '${customer.id}', pending: true },
      fixture: 'invoiceitem',
      shapeOf: (body) => body.data?.[0],
      behaviour: (body) => {
        const items = (body.data ?? []) as Array<{ proration: boolean; amount: number }>;
        // Seconds have passed since sign-up: a credit for nearly two seats' month, a charge for nearly three's.
        const credit = items.find((item) => item.amount < 0)?.amount ?? 0;
        const charge = items.find((item) => item.amount > 0)?.amount ?? 0;
        return unless(items.length === 2 && items.every((item) => item.proration) && credit >= -5000 && credit < -4900 && charge > 7400 && charge <= 7500, `not a credit of about -50.00 and a charge of about 75.00 (${JSON.stringify(items.map((item) => item.amount))})`);
      },
    },
    {
      name: 'cancel the subscription now',
      method: 'DELETE',
      path: '/v1/subscriptions/${subscription.id}',
      fixture: 'subscription',
      behaviour: (body) => unless(body.status === 'canceled' && typeof body.canceled_at === 'number', 'the subscription is not canceled'),
    },
  ],
};

const DECLINES: StripeSuite = {
  name: 'stripe-declines',
  description: 'A card that attaches and then declines: the subscription incomplete, its invoice open with a failed attempt',
  steps: [
    { name: 'a second customer', method: 'POST', path: '/v1/customers', params: { email: '${prefix}-decline@example.com' }, fixture: 'customer', as: 'decliner' },
    {
      name: 'attach pm_card_chargeCustomerFail',
      method: 'POST',
      path: '/v1/payment_methods/pm_card_chargeCustomerFail/attach',
      params: { customer: '${decliner.id}' },
      fixture: 'payment_method',
      as: 'failingCard',
    },
    {
      name: 'subscribe: incomplete, the first payment failed',
      method: 'POST',
      path: '/v1/subscriptions',
      params: { customer: '${decliner.id}', default_payment_method: '${failingCard.id}', items: [{ price: '${price2.id}' }], expand: ['latest_invoice'] },
      fixture: 'subscription',
      behaviour: (body) => unless(body.status === 'incomplete' && body.latest_invoice?.status === 'open' && body.latest_invoice?.attempt_count === 1, 'not incomplete with an open invoice tried once'),
      as: 'incomplete',
    },
    {
      name: 'error_if_incomplete: a 402 card error, nothing made',
      method: 'POST',
      path: '/v1/subscriptions',
      params: { customer: '${decliner.id}', default_payment_method: '${failingCard.id}', items: [{ price: '${price2.id}' }], payment_behavior: 'error_if_incomplete' },
      status: 402,
      behaviour: (body) => unless(body.error?.type === 'card_error' && body.error?.code === 'card_declined', 'not a card_declined card error'),
    },
    { name: 'cancel the incomplete subscription', method: 'DELETE', path: '/v1/subscriptions/${incomplete.id}', fixture: 'subscription' },
  ],
};

const WEBHOOKS: StripeSuite = {
  name: 'stripe-webhooks',
  description: 'The webhook endpoint the engine registers, with its signing secret shown once',
  steps: [
    {
      name: 'register an endpoint',
      method: 'POST',
      path: '/v1/webhook_endpoints',
      params: { url: 'https://platform.example/webhooks/stripe/${prefix}', enabled_events: ['invoice.created', 'invoice.paid', 'invoice.payment_failed', 'customer.subscription.updated', 'customer.subscription.deleted', 'checkout.session.completed'] },
      fixture: 'webhook_endpoint',
      behaviour: (body) => unless(typeof body.secret === 'string' && body.secret.startsWith('whsec_') && body.status === 'enabled', 'no whsec_ secret, or not enabled'),
      as: 'endpoint',
    },
    {
      name: 'read it back: no secret',
      method: 'GET',
      path: '/v1/webhook_endpoints/${endpoint.id}',
      fixture: 'webhook_endpoint',
      behaviour: (body) => unless(body.secret === undefined || body.secret === null, 'the secret is shown again'),
    },
    { name: 'remove it', method: 'DELETE', path: '/v1/webhook_endpoints/${endpoint.id}', fixture: 'deleted_webhook_endpoint', behaviour: (body) => unless(body.deleted === true, 'not deleted') },
    { name: 'remove the product (its prices stay, archived)', method: 'POST', path: '/v1/products/${product.id}', params: { active: false }, fixture: 'product' },
  ],
};

/** In order: later suites use what earlier ones made (the price, the customer). */
export const STRIPE_SUITES: readonly StripeSuite[] = [CATALOG, CUSTOMERS, SUBSCRIPTIONS, DECLINES, WEBHOOKS];
