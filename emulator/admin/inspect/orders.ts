import { cancelOrder } from '../../domain/orders/orders.js';
import { ORDERS, type Order } from '../../domain/orders/model.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';

/** Orders, oldest first: scheduled ones with their date, and what each produced. */
export function listOrderViews(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const data = view.all<Order>(ORDERS).map((order) => ({
    id: order.id,
    orderNumber: order.orderNumber,
    accountId: order.accountId,
    accountNumber: order.accountNumber,
    orderDate: order.orderDate,
    status: order.status,
    scheduledDate: order.scheduledDate,
    actions: order.subscriptions.flatMap((group) => group.orderActions.map((action) => action.type)),
    subscriptions: order.results.map(({ subscriptionNumber, subscriptionId }) => ({ subscriptionNumber, subscriptionId })),
    invoiceIds: order.invoiceIds,
    paymentIds: order.paymentIds,
    errorMessage: order.errorMessage ?? null,
    createdDate: order.createdDate,
  }));
  return { body: { data } };
}

/** Cancels a Draft, Pending or Scheduled order, as Zuora's own cancel does (its job is withdrawn). */
export async function cancelOrderView(ctx: RequestContext): Promise<Reply> {
  const order = await ctx.services.store.transact(ctx.tenant, (tx) => cancelOrder(tx, ctx.params.orderNumber ?? '', 'Cancelled in the inspector'));
  return { body: { orderNumber: order.orderNumber, status: order.status } };
}
