import type { SyncContext } from '../../context.js';
import { param, type CalloutBody, type Handler } from '../handler.js';
import { combine, skipped } from '../outcome.js';
import { completePlanChange } from '../planChange.js';
import { applyScheduledUpdate, saveSubscription } from '../subscriptionState.js';

/**
 * The numbers of the orders the callout is about. Callouts set up by `connect` carry OrderNumber. One
 * set up with only the fields of seeds/002 names the order by id, which no order read takes: then
 * Zuora is asked which of the account's pending scheduled orders have completed.
 */
async function completedOrderNumbers(ctx: SyncContext, body: CalloutBody): Promise<string[]> {
  const named = param(body, 'OrderNumber');
  if (named) return [named];
  const accountId = param(body, 'AccountId');
  const customer = accountId ? ctx.store.customerByBillingId(accountId) : undefined;
  if (!customer) return [];
  const numbers: string[] = [];
  for (const sub of ctx.store.subscriptionsOf(customer.id)) {
    const pending = sub.scheduledUpdates.filter((update) => update.status === 'PENDING' && update.zuoraOrderNumber);
    if (pending.length === 0 || !sub.billingSubscriptionNumber) continue;
    const { orders } = await ctx.zuora.listOrdersOfSubscription(sub.billingSubscriptionNumber, 'Completed');
    const completed = new Set(orders.map((order) => order.orderNumber));
    for (const update of pending) if (update.zuoraOrderNumber && completed.has(update.zuoraOrderNumber)) numbers.push(update.zuoraOrderNumber);
  }
  return numbers;
}

async function applyOrder(ctx: SyncContext, orderNumber: string): Promise<true | string> {
  for (const sub of ctx.store.subscriptions()) {
    const update = sub.scheduledUpdates.find((each) => each.zuoraOrderNumber === orderNumber);
    if (!update) continue;
    if (update.status !== 'PENDING') return `scheduled update ${update.id} (order ${orderNumber}) is already ${update.status}`;
    if (update.type === 'PLAN_CHANGE') return completePlanChange(ctx, sub, update);
    const done = applyScheduledUpdate(sub, update);
    await saveSubscription(ctx, sub, done.subscription, done.events);
    return true;
  }
  return `no scheduled update for Zuora order ${orderNumber}`;
}

/**
 * StiggScheduledOrderCompletedEvent: Zuora ran a scheduled order; the platform applies the change it
 * stood for and marks it DONE. A plan change provisions a new subscription (planChange.ts); add-ons,
 * units and billing period change the subscription in place.
 */
export const scheduledOrderCompleted: Handler = {
  key: (body) => `StiggScheduledOrderCompletedEvent:${param(body, 'OrderId') ?? param(body, 'OrderNumber') ?? ''}`,
  async handle(ctx, body) {
    const status = param(body, 'OrderStatus');
    const scheduled = param(body, 'OrderIsScheduled')?.toLowerCase() === 'true';
    if (status !== 'Completed' || !scheduled) return skipped(`order status ${status ?? '(none)'}${scheduled ? '' : ', not scheduled'}: only a completed scheduled order is applied`);
    const numbers = await completedOrderNumbers(ctx, body);
    if (numbers.length === 0) return skipped('no pending scheduled update matches a completed order');
    const results: Array<true | string> = [];
    for (const number of numbers) results.push(await applyOrder(ctx, number));
    return combine(results);
  },
};
