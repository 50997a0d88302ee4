import { check, withAliases } from './expectations.js';
import { answerAsExpected, customerIdOf, defined, omit, quiesce, StepError, subscriptionIdOf, type Args, type StepContext, type StepRunner } from './context.js';

// Steps of `integration: stripe` files: Stripe's API on the emulator with the scenario account's
// key (as a Stripe user would act in the dashboard), the platform's hosted checkout driven as a
// browser drives it, and expectations on Stripe's objects. The platform's objects are found in
// Stripe by the ids the engine writes into their metadata (`stiggCustomerId`, `stiggSubscriptionId`).

interface StripeObject {
  id: string;
  [key: string]: unknown;
}

interface StripeList {
  data: StripeObject[];
}

const quoted = (value: string): string => `'${value.replace(/'/g, "\\'")}'`;

async function searchOne(ctx: StepContext, resource: 'customers' | 'subscriptions', key: string, value: string): Promise<StripeObject | undefined> {
  const found = await ctx.http.stripeOk<StripeList>('GET', `/v1/${resource}/search`, { query: `metadata['${key}']:${quoted(value)}` });
  return found.data[0];
}

/** The Stripe customer of a platform customer (a capture or an id). */
export async function stripeCustomerOf(ctx: StepContext, ref: string): Promise<StripeObject> {
  const id = customerIdOf(ctx, ref);
  const customer = await searchOne(ctx, 'customers', 'stiggCustomerId', id);
  if (!customer) throw new StepError(`customer '${id}' is not in Stripe`);
  return customer;
}

/** The Stripe subscription of a platform subscription (a capture or an id), or a Stripe id given as it is. */
async function stripeSubscriptionOf(ctx: StepContext, ref: string): Promise<StripeObject | undefined> {
  if (ref.startsWith('sub_')) return ctx.http.stripeOk<StripeObject>('GET', `/v1/subscriptions/${ref}`);
  return searchOne(ctx, 'subscriptions', 'stiggSubscriptionId', subscriptionIdOf(ctx, ref));
}

/** The customer's invoices, newest first: `latest` (the default), a `billing_reason` (its newest), or an `in_` id. */
async function pickStripeInvoice(ctx: StepContext, customer: string, which: unknown): Promise<StripeObject | undefined> {
  if (typeof which === 'string' && which.startsWith('in_')) return ctx.http.stripeOk<StripeObject>('GET', `/v1/invoices/${which}`);
  const invoices = (await ctx.http.stripeOk<StripeList>('GET', '/v1/invoices', { customer, limit: 100 })).data;
  if (which === undefined || which === 'latest') return invoices[0];
  return invoices.find((invoice) => invoice.billing_reason === which);
}

/** `customer.subscription.deleted` in Stripe, as when someone cancels it in the dashboard. */
export const cancelInStripe: StepRunner = async (ctx, args) => {
  const subscription = await stripeSubscriptionOf(ctx, args.ref);
  if (!subscription) throw new StepError(`subscription '${subscriptionIdOf(ctx, args.ref)}' is not in Stripe`);
  return ctx.http.stripeOk('DELETE', `/v1/subscriptions/${subscription.id}`);
};

/** Pays the customer's invoice in Stripe, with a test payment method attached first when one is named (`pm_card_visa`). */
export const payInStripe: StepRunner = async (ctx, args) => {
  const customer = await stripeCustomerOf(ctx, args.customer);
  const invoice = await pickStripeInvoice(ctx, customer.id, args.invoice);
  if (!invoice) throw new StepError(`customer '${customerIdOf(ctx, args.customer)}' has no such invoice in Stripe (${String(args.invoice ?? 'latest')})`);
  const method = args.paymentMethod ? (await ctx.http.stripeOk<StripeObject>('POST', `/v1/payment_methods/${String(args.paymentMethod)}/attach`, { customer: customer.id })).id : undefined;
  return ctx.http.stripeOk('POST', `/v1/invoices/${invoice.id}/pay`, method ? { payment_method: method } : {});
};

/** Any Stripe call with the account's key; with `expect` it is an expectation on the answer. */
export const stripeRequest: StepRunner = async (ctx, args) => {
  const method = String(args.method).toUpperCase();
  if (args.expect) await quiesce(ctx);
  const answer = await ctx.http.stripe(method, args.path, args.body ?? {});
  return answerAsExpected(method, args.path, answer, args.expect);
};

/**
 * The platform's hosted checkout, as a buyer goes through it in a browser: the engine's checkout
 * link (`POST /api/checkout`), its page read, and its form posted with the card (what the browser
 * sends on Subscribe). Answers the platform subscription it provisions (`id`), the session and the
 * page's answer (303 to the success URL, or 402 with a declined card).
 */
export const completeCheckout: StepRunner = async (ctx, args) => {
  const link = await ctx.http.syncOk<{ id: string; url: string; subscriptionId: string }>(
    'POST',
    '/api/checkout',
    defined({
      customerId: customerIdOf(ctx, args.customer),
      planId: args.plan,
      billingPeriod: args.billingPeriod,
      addons: args.addons,
      units: args.units,
      successUrl: args.successUrl ?? 'https://app.example.com/checkout/done?session={CHECKOUT_SESSION_ID}',
    }),
  );
  const page = await fetch(link.url);
  if (page.status !== 200) throw new StepError(`the checkout page ${link.url} answered ${page.status}`);
  await page.text();
  const card = { number: String(args.card), exp_month: '12', exp_year: String(new Date(ctx.env.start).getUTCFullYear() + 5), cvc: '123' };
  const submitted = await fetch(link.url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(card) });
  await submitted.text();
  ctx.http.calls.push({ surface: 'stripe', method: 'POST', path: new URL(link.url).pathname, status: submitted.status, durationMs: 0 });
  return { id: link.subscriptionId, sessionId: link.id, url: link.url, status: submitted.status, location: submitted.headers.get('location') };
};

export const expectStripeSubscription: StepRunner = async (ctx, args) => {
  await quiesce(ctx);
  const actual = (await stripeSubscriptionOf(ctx, args.ref)) ?? null;
  const expected = withAliases(omit(args, 'ref', 'as'), { items: ['items', 'data'] });
  check(`Stripe subscription of '${subscriptionIdOf(ctx, args.ref)}'${actual ? ` (${actual.id})` : ''}`, expected, actual);
  return actual;
};

export const expectStripeInvoice: StepRunner = async (ctx, args: Args) => {
  await quiesce(ctx);
  const customer = await stripeCustomerOf(ctx, args.customer);
  const invoice = (await pickStripeInvoice(ctx, customer.id, args.invoice)) ?? null;
  const expected = withAliases(omit(args, 'customer', 'invoice', 'as'), { lines: ['lines', 'data'] });
  check(`${args.invoice && args.invoice !== 'latest' ? `invoice ${String(args.invoice)}` : 'latest invoice'} of customer '${customerIdOf(ctx, args.customer)}' in Stripe${invoice ? ` (${invoice.id})` : ''}`, expected, invoice);
  return invoice;
};
