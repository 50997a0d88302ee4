import { customerView, subscriptionView } from '../billingLinks.js';
import type { Customer } from '../model/types.js';
import { syncCustomer } from '../outbound/index.js';
import { storedPaymentMethod } from './cards.js';
import { readCustomer } from './customerInput.js';
import { conflict } from './errors.js';
import { requireActiveCustomer, requireCustomer } from './lookups.js';
import type { ApiReply, ApiRequest } from './routeTable.js';

/**
 * `POST /api/customers`: writes the platform record (a card kept as brand, last 4 and expiry only),
 * then hands it to outbound with the full payment method, which lives no longer than this request.
 * Answers the record as it stands after the sync attempt, sync state included.
 */
export async function createCustomer({ engine: { ctx }, body }: ApiRequest): Promise<ApiReply> {
  const request = readCustomer(body);
  const createdAt = (await ctx.time.now()).toISOString();
  // Checked and written with no await between, so two creates of one id cannot both pass.
  if (ctx.store.customer(request.id)) throw conflict('CUSTOMER_EXISTS', `A customer with id '${request.id}' already exists`);
  const customer: Customer = {
    id: request.id,
    name: request.name,
    ...(request.email !== undefined ? { email: request.email } : {}),
    ...(request.paymentMethod ? { paymentMethod: storedPaymentMethod(request.paymentMethod) } : {}),
    ...(request.billingInfo ? { billingInfo: request.billingInfo } : {}),
    metadata: request.metadata,
    archived: false,
    ...(request.billingId !== undefined ? { billingId: request.billingId } : {}),
    createdAt,
  };
  await ctx.store.putCustomer(customer);
  await ctx.store.appendEvent({ type: 'CUSTOMER_CREATED', at: createdAt, customerId: customer.id, data: {} });
  await syncCustomer(ctx, customer.id, request.paymentMethod);
  return { status: 201, body: customerView(ctx, requireCustomer(ctx, customer.id)) };
}

/** `GET /api/customers`: every customer with its sync state, oldest first. */
export function listCustomers({ engine: { ctx } }: ApiRequest): ApiReply {
  return { body: { data: ctx.store.customers() } };
}

export function getCustomer({ engine: { ctx }, params }: ApiRequest): ApiReply {
  return { body: customerView(ctx, requireCustomer(ctx, params.id ?? '')) };
}

/** `POST /api/customers/:id/archive`: the platform's own flag; Zuora's account is left as it is. */
export async function archiveCustomer({ engine: { ctx }, params }: ApiRequest): Promise<ApiReply> {
  const at = (await ctx.time.now()).toISOString();
  const customer = requireActiveCustomer(ctx, params.id ?? '');
  await ctx.store.putCustomer({ ...customer, archived: true });
  await ctx.store.appendEvent({ type: 'CUSTOMER_ARCHIVED', at, customerId: customer.id, data: {} });
  return { body: customerView(ctx, requireCustomer(ctx, customer.id)) };
}

export function listCustomerSubscriptions({ engine: { ctx }, params }: ApiRequest): ApiReply {
  const customer = requireCustomer(ctx, params.id ?? '');
  return { body: { data: ctx.store.subscriptionsOf(customer.id).map((subscription) => subscriptionView(ctx, subscription)) } };
}

export function listCustomerCredits({ engine: { ctx }, params }: ApiRequest): ApiReply {
  const customer = requireCustomer(ctx, params.id ?? '');
  return { body: { data: ctx.store.credits(customer.id) } };
}
