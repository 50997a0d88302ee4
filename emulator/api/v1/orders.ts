import type { AnySchema } from 'ajv';
import { invalidValue } from '../../domain/errors.js';
import { ORDER_STATUSES, type Order, type OrderInput } from '../../domain/orders/model.js';
import { getAccount } from '../../domain/accounts.js';
import { cancelOrder, getOrder, ordersOfOwner, ordersOfSubscription, placeOrder } from '../../domain/orders/orders.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { v1Page } from './pagination.js';
import { toV1Order, toV1OrderResult } from './shapes/order.js';
import { filtered } from '../../state/lazy.js';

const obj = { type: 'object' } as const;
const str = { type: 'string' } as const;
const arrayOf = <T,>(items: T) => ({ type: 'array', items }) as const;

// The parts of an order action the domain walks (lists it iterates, text it reads as text) are typed
// here, so a list sent as a string or a null in a list is refused as an invalid value, not a crash.
const chargeOverride = {
  type: 'object',
  properties: {
    productRatePlanChargeId: str,
    productRatePlanChargeNumber: str,
    pricing: obj,
    billing: { type: 'object', properties: { billingPeriod: str, billingTiming: str, billCycleType: str, billingPeriodAlignment: str } },
    customFields: obj,
  },
} as const;
const ratePlan = { type: 'object', properties: { productRatePlanId: str, productRatePlanNumber: str, chargeOverrides: arrayOf(chargeOverride), customFields: obj } } as const;

const action = {
  type: 'object',
  required: ['type'],
  properties: {
    type: str,
    triggerDates: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'triggerDate'],
        properties: { name: { enum: ['ContractEffective', 'ServiceActivation', 'CustomerAcceptance'] }, triggerDate: str },
      },
    },
    createSubscription: { type: 'object', properties: { subscribeToRatePlans: arrayOf(ratePlan), terms: obj, customFields: obj } },
    addProduct: ratePlan,
    updateProduct: { type: 'object', properties: { ratePlanId: str, chargeUpdates: arrayOf(obj), customFields: obj } },
    removeProduct: obj,
    cancelSubscription: { type: 'object', required: ['cancellationPolicy'], properties: { cancellationPolicy: str, cancellationEffectiveDate: str } },
    renewSubscription: obj,
    suspend: obj,
    resume: obj,
    termsAndConditions: obj,
    customFields: obj,
  },
} as const;

/** The top level of POSTOrderRequestType; nested parts are checked by the domain as it applies them. */
export const orderCreateSchema: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['orderDate'],
  properties: {
    orderDate: str,
    orderNumber: str,
    existingAccountNumber: str,
    existingAccountId: str,
    newAccount: obj,
    description: str,
    category: { enum: ['NewSales', 'Return'] },
    reasonCode: str,
    customFields: obj,
    status: { enum: [...ORDER_STATUSES] },
    schedulingOptions: { type: 'object', properties: { scheduledDate: str, scheduledDatePolicy: { enum: ['SpecificDate'] } } },
    processingOptions: obj,
    orderLineItems: { type: 'array' },
    commitments: { type: 'array' },
    subscriptions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['orderActions'],
        properties: { subscriptionNumber: str, orderActions: { type: 'array', items: action }, customFields: obj, notes: str },
      },
    },
  },
};

export const orderCancelSchema: AnySchema = { type: ['object', 'null'], properties: { cancelReason: str } };

export async function postOrder(ctx: RequestContext): Promise<Reply> {
  const input = ctx.body as OrderInput;
  const { store } = ctx.services;
  const order = await store.transact(ctx.tenant, (tx) => placeOrder(tx, input));
  return { body: toV1OrderResult(store.view(ctx.tenant), order, String(ctx.query.returnIds) === 'true') };
}

export function getOrderV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: { success: true, order: toV1Order(view, getOrder(view, ctx.params.orderNumber ?? '')) } };
}

export async function putOrderCancel(ctx: RequestContext): Promise<Reply> {
  const reason = (ctx.body as { cancelReason?: string } | undefined)?.cancelReason;
  const order = await ctx.services.store.transact(ctx.tenant, (tx) => cancelOrder(tx, ctx.params.orderNumber ?? '', reason));
  return {
    body: { success: true, orderNumber: order.orderNumber, accountNumber: order.accountNumber, status: order.status, ...(reason ? { cancelReason: reason } : {}) },
  };
}

const STATUS_FILTERS = ['all', ...ORDER_STATUSES.map((status) => status.toLowerCase())];

function listOrders(ctx: RequestContext, select: (view: ReadView) => Iterable<Order>, path: string): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const status = String(ctx.query.status ?? 'all').toLowerCase();
  if (!STATUS_FILTERS.includes(status)) throw invalidValue('Order', 'status', `'status' must be one of ${STATUS_FILTERS.join(', ')}`);
  const orders = filtered(select(view), (order) => status === 'all' || order.status.toLowerCase() === status);
  const page = v1Page(orders, ctx.query, path);
  return { body: { success: true, orders: page.items.map((order) => toV1Order(view, order)), nextPage: page.nextPage ?? null } };
}

export function listOrdersOfSubscription(ctx: RequestContext): Reply {
  const number = ctx.params.subscriptionNumber ?? '';
  return listOrders(ctx, (view) => ordersOfSubscription(view, number), `/v1/orders/subscription/${encodeURIComponent(number)}`);
}

/** `GET /v1/orders/subscriptionOwner/{accountNumber}` and `/invoiceOwner/{accountNumber}`: the orders of an account's subscriptions. */
function listOrdersOfOwner(ctx: RequestContext, owner: 'subscription' | 'invoice'): Reply {
  const account = getAccount(ctx.services.store.view(ctx.tenant), ctx.params.accountNumber ?? '');
  return listOrders(ctx, (view) => ordersOfOwner(view, account.id, owner), `/v1/orders/${owner}Owner/${encodeURIComponent(account.accountNumber)}`);
}

export const listOrdersOfSubscriptionOwner = (ctx: RequestContext): Reply => listOrdersOfOwner(ctx, 'subscription');
export const listOrdersOfInvoiceOwner = (ctx: RequestContext): Reply => listOrdersOfOwner(ctx, 'invoice');

/** `GET /v1/orders`, with `subscriptionNumber` as the seeds call it. */
export function listOrdersV1(ctx: RequestContext): Reply {
  const number = typeof ctx.query.subscriptionNumber === 'string' ? ctx.query.subscriptionNumber : undefined;
  return listOrders(ctx, (view) => (number ? ordersOfSubscription(view, number) : view.scan<Order>('Order')), '/v1/orders');
}
