import { createCustomer, getCustomer, updateCustomer, type CustomerInput } from '../../domain/stripe/customers.js';
import { CUSTOMERS, type Address, type StripeCustomer } from '../../domain/stripe/model.js';
import { paymentMethodsOf } from '../../domain/stripe/paymentMethods.js';
import { deleteCustomer } from '../../domain/stripe/subscriptions.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { deleted, paramsOf, render, viewOf, write } from './context.js';
import { page } from './list.js';
import { allowOnly, metadata, nullableStr, obj, str, type Params } from './params.js';
import { searchPage } from './search.js';
import { customerShape, paymentMethodShape } from './shapes/customers.js';

const FIELDS = ['email', 'name', 'description', 'phone', 'address', 'metadata', 'invoice_settings'] as const;

function address(params: Params): Address | null | undefined {
  if (params.address === '') return null;
  const value = obj(params, 'address');
  if (!value) return undefined;
  allowOnly(value, ['city', 'country', 'line1', 'line2', 'postal_code', 'state']);
  const field = (name: string) => str(value, name) ?? null;
  return { city: field('city'), country: field('country'), line1: field('line1'), line2: field('line2'), postal_code: field('postal_code'), state: field('state') };
}

function customerInput(params: Params): CustomerInput {
  const invoiceSettings = obj(params, 'invoice_settings');
  if (invoiceSettings) allowOnly(invoiceSettings, ['default_payment_method', 'custom_fields', 'footer', 'rendering_options']);
  const input: CustomerInput = {};
  const set = <K extends keyof CustomerInput>(key: K, value: CustomerInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  set('email', nullableStr(params, 'email'));
  set('name', nullableStr(params, 'name'));
  set('description', nullableStr(params, 'description'));
  set('phone', nullableStr(params, 'phone'));
  set('address', address(params));
  set('metadata', metadata(params));
  set('default_payment_method', invoiceSettings ? nullableStr(invoiceSettings, 'default_payment_method') : undefined);
  return input;
}

export async function postCustomer(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, [...FIELDS, 'payment_method', 'test_clock']);
  const input: CustomerInput = { ...customerInput(params) };
  const paymentMethod = str(params, 'payment_method');
  const testClock = str(params, 'test_clock');
  if (paymentMethod) input.payment_method = paymentMethod;
  if (testClock) input.test_clock = testClock;
  return render(ctx, CUSTOMERS, await write(ctx, (tx) => createCustomer(tx, input)));
}

export const getCustomerById = (ctx: RequestContext): Reply => {
  const view = viewOf(ctx);
  const customer = view.get<StripeCustomer>(CUSTOMERS, ctx.params.id ?? '');
  // A deleted customer still answers, marked deleted, as Stripe's does.
  return { body: customerShape(customer?.deleted ? customer : getCustomer(view, ctx.params.id ?? '')) };
};

export async function postCustomerUpdate(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, FIELDS);
  return render(ctx, CUSTOMERS, await write(ctx, (tx) => updateCustomer(tx, ctx.params.id ?? '', customerInput(params))));
}

export async function deleteCustomerById(ctx: RequestContext): Promise<Reply> {
  const customer = await write(ctx, (tx) => deleteCustomer(tx, ctx.params.id ?? ''));
  return deleted('customer', customer.id);
}

const liveCustomers = (ctx: RequestContext) => viewOf(ctx).all<StripeCustomer>(CUSTOMERS).filter((customer) => !customer.deleted);

export function listCustomers(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created', 'email', 'test_clock']);
  const email = str(params, 'email');
  const testClock = str(params, 'test_clock');
  const customers = liveCustomers(ctx).filter((customer) => (!email || customer.email === email) && (!testClock || customer.test_clock === testClock));
  return { body: page(customers, params, '/v1/customers', customerShape) };
}

export function searchCustomers(ctx: RequestContext): Reply {
  return { body: searchPage(paramsOf(ctx), liveCustomers(ctx), '/v1/customers/search', customerShape) };
}

export function listCustomerPaymentMethods(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'type']);
  const view = viewOf(ctx);
  const customer = getCustomer(view, ctx.params.id ?? '', 'customer');
  return { body: page(paymentMethodsOf(view, customer.id), params, `/v1/customers/${customer.id}/payment_methods`, paymentMethodShape) };
}
