import type { AnySchema } from 'ajv';
import { invalidValue } from '../../domain/errors.js';
import { ORDER_STATUSES, type Order, type OrderActionInput, type OrderInput, type RatePlanInput } from '../../domain/orders/model.js';
import { cancelOrder, getOrder, ordersOfSubscription, placeOrder } from '../../domain/orders/orders.js';
import { CREDIT_MEMOS, INVOICES, type CreditMemo, type Invoice } from '../../domain/invoices/model.js';
import { PAYMENTS, type Payment } from '../../domain/payments/model.js';
import { SUBSCRIPTIONS, type Subscription } from '../../domain/subscriptions/model.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { v1Page } from './pagination.js';
import { decimal } from './wireValues.js';

const obj = { type: 'object' } as const;
const str = { type: 'string' } as const;

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
    createSubscription: obj,
    addProduct: obj,
    updateProduct: obj,
    removeProduct: obj,
    cancelSubscription: { type: 'object', required: ['cancellationPolicy'], properties: { cancellationPolicy: str, cancellationEffectiveDate: str } },
    renewSubscription: obj,
    suspend: obj,
    resume: obj,
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
  const returnIds = String(ctx.query.returnIds) === 'true';
  return {
    body: {
      success: true,
      orderNumber: order.orderNumber,
      accountNumber: order.accountNumber,
      status: order.status,
      subscriptions: order.results.map((result) => ({
        subscriptionNumber: result.subscriptionNumber,
        status: result.status,
        ...(returnIds ? { subscriptionId: result.subscriptionId } : {}),
      })),
      ...(returnIds
        ? { orderId: order.id, accountId: order.accountId, subscriptionIds: order.results.map((result) => result.subscriptionId) }
        : {}),
      ...billingResult(store.view(ctx.tenant), order, returnIds),
    },
  };
}

/** What `processingOptions` produced: the invoice or credit memo, the payment if collected, and the write-offs. */
function billingResult(view: ReadView, order: Order, returnIds: boolean): Record<string, unknown> {
  const invoices = order.invoiceIds.map((id) => view.get<Invoice>(INVOICES, id) as Invoice);
  const memoIds = order.creditMemoIds ?? [];
  const memos = memoIds.map((id) => view.get<CreditMemo>(CREDIT_MEMOS, id) as CreditMemo);
  const payment = order.paymentIds[0] ? view.get<Payment>(PAYMENTS, order.paymentIds[0]) : undefined;
  const writeOffs = order.writeOffs ?? [];
  return {
    ...(invoices.length > 0 ? { invoiceNumbers: invoices.map((invoice) => invoice.invoiceNumber) } : {}),
    ...(invoices.length > 0 && returnIds ? { invoiceIds: order.invoiceIds } : {}),
    ...(memos.length > 0 ? { creditMemoNumbers: memos.map((memo) => memo.memoNumber) } : {}),
    ...(memos.length > 0 && returnIds ? { creditMemoIds: memoIds } : {}),
    ...(payment ? { paymentNumber: payment.paymentNumber, paidAmount: decimal(payment.appliedAmount), ...(returnIds ? { paymentId: payment.id } : {}) } : {}),
    ...(writeOffs.length > 0
      ? {
          writeOff: writeOffs.map((writeOff) => ({
            invoiceNumber: (view.get<Invoice>(INVOICES, writeOff.invoiceId) as Invoice).invoiceNumber,
            amount: writeOff.amount,
            status: 'Success',
            writeOffCreditMemoNumber: (view.get<CreditMemo>(CREDIT_MEMOS, writeOff.creditMemoId) as CreditMemo).memoNumber,
          })),
        }
      : {}),
  };
}

/** Zuora reads a charge override back as `productRateplanChargeId` (lower-case p), whatever was sent. */
function readBackOverrides(plan: RatePlanInput): Record<string, unknown> {
  if (!plan.chargeOverrides) return { ...plan };
  return {
    ...plan,
    chargeOverrides: plan.chargeOverrides.map(({ productRatePlanChargeId, ...rest }) => ({ ...rest, productRateplanChargeId: productRatePlanChargeId })),
  };
}

function readBackAction(action: OrderActionInput, sequence: number): Record<string, unknown> {
  const create = action.createSubscription;
  return {
    ...action,
    sequence,
    ...(create ? { createSubscription: { ...create, subscribeToRatePlans: create.subscribeToRatePlans?.map(readBackOverrides) } } : {}),
    ...(action.addProduct ? { addProduct: readBackOverrides(action.addProduct) } : {}),
  };
}

function versionOf(view: ReadView, subscriptionId: string | undefined): number | undefined {
  return subscriptionId ? view.get<Subscription>(SUBSCRIPTIONS, subscriptionId)?.version : undefined;
}

export function toV1Order(view: ReadView, order: Order): Record<string, unknown> {
  return {
    orderNumber: order.orderNumber,
    orderDate: order.orderDate,
    status: order.status,
    category: order.category,
    description: order.description,
    reasonCode: order.reasonCode,
    existingAccountNumber: order.accountNumber,
    isScheduled: order.isScheduled,
    ...(order.scheduledDate ? { schedulingOptions: { scheduledDate: order.scheduledDate, scheduledDatePolicy: order.scheduledDatePolicy } } : {}),
    ...(order.cancelReason ? { cancelReason: order.cancelReason } : {}),
    ...(order.errorMessage ? { errorMessage: order.errorMessage } : {}),
    customFields: order.customFields,
    createdBy: order.createdById,
    createdDate: order.createdDate,
    updatedBy: order.updatedById,
    updatedDate: order.updatedDate,
    subscriptions: order.subscriptions.map((group, index) => {
      const result = order.results[index];
      const newVersion = versionOf(view, result?.subscriptionId);
      return {
        sequence: index,
        subscriptionNumber: result?.subscriptionNumber ?? group.subscriptionNumber,
        ...(newVersion !== undefined ? { newVersion, ...(newVersion > 1 ? { baseVersion: newVersion - 1 } : {}) } : {}),
        customFields: group.customFields ?? {},
        ...(group.notes ? { notes: group.notes } : {}),
        orderActions: group.orderActions.map(readBackAction),
      };
    }),
  };
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

function listOrders(ctx: RequestContext, subscriptionNumber: string | undefined, path: string): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const status = String(ctx.query.status ?? 'all').toLowerCase();
  if (!STATUS_FILTERS.includes(status)) throw invalidValue('Order', 'status', `'status' must be one of ${STATUS_FILTERS.join(', ')}`);
  const orders = (subscriptionNumber ? ordersOfSubscription(view, subscriptionNumber) : view.all<Order>('Order')).filter(
    (order) => status === 'all' || order.status.toLowerCase() === status,
  );
  const page = v1Page(orders, ctx.query, path);
  return { body: { success: true, orders: page.items.map((order) => toV1Order(view, order)), ...(page.nextPage ? { nextPage: page.nextPage } : {}) } };
}

export function listOrdersOfSubscription(ctx: RequestContext): Reply {
  const number = ctx.params.subscriptionNumber ?? '';
  return listOrders(ctx, number, `/v1/orders/subscription/${encodeURIComponent(number)}`);
}

/** `GET /v1/orders`, with `subscriptionNumber` as the seeds call it. */
export function listOrdersV1(ctx: RequestContext): Reply {
  const number = typeof ctx.query.subscriptionNumber === 'string' ? ctx.query.subscriptionNumber : undefined;
  return listOrders(ctx, number, '/v1/orders');
}
