import { getAccount, type Account } from '../../domain/accounts.js';
import { DomainError, invalidValue, referenced } from '../../domain/errors.js';
import { ORDERS, type Order, type OrderActionInput, type OrderInput } from '../../domain/orders/model.js';
import { placeOrder } from '../../domain/orders/orders.js';
import { PAYMENTS, type Payment } from '../../domain/payments/model.js';
import { contractedMrr, totalContractedValue } from '../../domain/subscriptions/metrics.js';
import { SUBSCRIPTIONS, type Subscription } from '../../domain/subscriptions/model.js';
import { getSubscription } from '../../domain/subscriptions/queries.js';
import { roundMoney } from '../../domain/billing/rating.js';
import { tenantToday } from '../../domain/tenantTime.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { createSubscriptionAction, processingOf, subscriptionCustomFields, updateActions } from './subscriptionBodies.js';
import { previewOfVersion } from './subscriptionPreviews.js';

// The subscription API's writes (POST /v1/subscriptions, PUT /v1/subscriptions/{key} and its
// cancel, renew, suspend and resume). Each call is placed as ONE order, so it writes one new
// version however many changes it carries, bills through the order's processing options, and
// raises the same events as the Orders API would.

type Body = Record<string, unknown>;

/** The order path of a failure (`subscriptions[0].orderActions[1].`) means nothing to a subscription API caller. */
function asSubscriptionError(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.object !== ORDERS) return error;
  const field = error.field?.replace(/^subscriptions\[\d+\]\.(orderActions\[\d+\]\.)?/, '');
  return new DomainError(error.kind, error.message.replace(/subscriptions\[\d+\]\.(orderActions\[\d+\]\.)?/g, ''), SUBSCRIPTIONS, field, error.retryAfterSeconds);
}

/** Places the order that carries a subscription call; its failures read as the subscription API's. */
export function placeSubscriptionOrder(tx: Transaction, input: OrderInput): Order {
  try {
    return placeOrder(tx, input);
  } catch (error) {
    throw asSubscriptionError(error);
  }
}

/** What the order billed and collected, in the subscription API's names; nothing when it did neither. */
export function billingFields(view: ReadView, order: Order): Record<string, unknown> {
  const payment = order.paymentIds[0] ? view.get<Payment>(PAYMENTS, order.paymentIds[0]) : undefined;
  return {
    ...(order.invoiceIds[0] ? { invoiceId: order.invoiceIds[0] } : {}),
    ...(order.creditMemoIds?.[0] ? { creditMemoId: order.creditMemoIds[0] } : {}),
    ...(payment ? { paymentId: payment.id, paidAmount: payment.amount } : {}),
  };
}

const written = (view: ReadView, order: Order): Subscription => view.get<Subscription>(SUBSCRIPTIONS, order.results[0]?.subscriptionId ?? '') as Subscription;

/** How much the new version changed the subscription's contracted MRR and total contracted value. */
export function deltaFields(view: ReadView, subscription: Subscription): { totalDeltaMrr: number; totalDeltaTcv: number } {
  const previous = subscription.previousSubscriptionId ? view.get<Subscription>(SUBSCRIPTIONS, subscription.previousSubscriptionId) : undefined;
  return {
    totalDeltaMrr: roundMoney(contractedMrr(view, subscription) - (previous ? contractedMrr(view, previous) : 0)),
    totalDeltaTcv: roundMoney(totalContractedValue(view, subscription) - (previous ? totalContractedValue(view, previous) : 0)),
  };
}

/** The new subscription of a subscribe call, with its contracted figures and what was billed. */
export function subscribeAccount(tx: Transaction, account: Account, body: Body, billing: Body): Record<string, unknown> {
  const customFields = subscriptionCustomFields(body);
  const paymentMethodId = typeof billing.paymentMethodId === 'string' ? billing.paymentMethodId : undefined;
  const order = placeSubscriptionOrder(tx, {
    orderDate: tenantToday(tx),
    existingAccountId: account.id,
    subscriptions: [{ orderActions: [createSubscriptionAction(tx, body)], ...(customFields ? { customFields } : {}) }],
    processingOptions: processingOf(billing, paymentMethodId),
  });
  const subscription = written(tx, order);
  return {
    subscriptionId: subscription.id,
    subscriptionNumber: subscription.subscriptionNumber,
    contractedMrr: contractedMrr(tx, subscription),
    totalContractedValue: totalContractedValue(tx, subscription),
    ...billingFields(tx, order),
  };
}

export async function postSubscriptionV1(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as Body;
  const created = await ctx.services.store.transact(ctx.tenant, (tx) => {
    const key = String(body.accountKey);
    const account = referenced(() => getAccount(tx, key), SUBSCRIPTIONS, 'accountKey', `Account '${key}'`);
    return subscribeAccount(tx, account, body, body);
  });
  return { body: { success: true, ...created } };
}

/** The latest version of the subscription a path names; an older version cannot be amended. */
function amendable(view: ReadView, key: string): Subscription {
  const subscription = getSubscription(view, key);
  if (!subscription.isLatestVersion) {
    throw invalidValue(SUBSCRIPTIONS, 'subscription-key', `Subscription ${subscription.id} is not the latest version of ${subscription.subscriptionNumber}`);
  }
  return subscription;
}

const dateIn = (body: Body, ...keys: string[]): string | undefined => keys.map((key) => body[key]).find((value): value is string => typeof value === 'string');

/** One order amending one subscription with the given actions; answers the new version and the order. */
function amend(tx: Transaction, key: string, body: Body, actions: OrderActionInput[]): { subscription: Subscription; order: Order } {
  const current = amendable(tx, key);
  const customFields = subscriptionCustomFields(body);
  const order = placeSubscriptionOrder(tx, {
    orderDate: dateIn(body, 'orderDate', 'bookingDate') ?? tenantToday(tx),
    existingAccountId: current.accountId,
    subscriptions: [
      {
        subscriptionNumber: current.subscriptionNumber,
        orderActions: actions,
        ...(customFields ? { customFields } : {}),
        ...(typeof body.notes === 'string' ? { notes: body.notes } : {}),
      },
    ],
    processingOptions: processingOf(body),
  });
  return { subscription: written(tx, order), order };
}

/** A lifecycle action dated by the body's contract effective date, when it gives one. */
function dated(body: Body, action: OrderActionInput): OrderActionInput {
  const contract = dateIn(body, 'contractEffectiveDate');
  return contract ? { ...action, triggerDates: [{ name: 'ContractEffective', triggerDate: contract }] } : action;
}

type Answer = (view: ReadView, subscription: Subscription) => Record<string, unknown>;

/** Runs one amendment (or, for `preview: true`, runs it on a throw-away copy) and shapes the answer. */
async function amendAndAnswer(ctx: RequestContext, actionsOf: (view: ReadView, body: Body) => OrderActionInput[], answer: Answer): Promise<Reply> {
  const body = (ctx.body ?? {}) as Body;
  const key = ctx.params.subscription_key ?? '';
  const work = (tx: Transaction) => {
    const { subscription, order } = amend(tx, key, body, actionsOf(tx, body));
    return { success: true, subscriptionId: subscription.id, ...answer(tx, subscription), ...deltaFields(tx, subscription), ...billingFields(tx, order) };
  };
  if (body.preview === true) {
    const scratch = ctx.services.store.scratch(ctx.tenant);
    const result = work(scratch);
    const subscription = scratch.get<Subscription>(SUBSCRIPTIONS, result.subscriptionId) as Subscription;
    return { body: { ...result, ...previewOfVersion(scratch, subscription, dateIn(body, 'targetDate', 'invoiceTargetDate') ?? tenantToday(scratch)) } };
  }
  return { body: await ctx.services.store.transact(ctx.tenant, work) };
}

export const putSubscriptionV1 = (ctx: RequestContext): Promise<Reply> => amendAndAnswer(ctx, updateActions, () => ({}));

export const putSubscriptionCancel = (ctx: RequestContext): Promise<Reply> =>
  amendAndAnswer(
    ctx,
    (_view, body) => [
      dated(body, {
        type: 'CancelSubscription',
        cancelSubscription: {
          cancellationPolicy: body.cancellationPolicy as 'SpecificDate',
          ...(typeof body.cancellationEffectiveDate === 'string' ? { cancellationEffectiveDate: body.cancellationEffectiveDate } : {}),
        },
      }),
    ],
    (_view, subscription) => ({ cancelledDate: subscription.cancelledDate }),
  );

export const putSubscriptionRenew = (ctx: RequestContext): Promise<Reply> =>
  amendAndAnswer(ctx, () => [{ type: 'RenewSubscription', renewSubscription: {} }], (_view, subscription) => ({
    termStartDate: subscription.termStartDate,
    termEndDate: subscription.termEndDate,
  }));

const resumeOf = (body: Body): OrderActionInput => ({
  type: 'Resume',
  resume: {
    resumePolicy: body.resumePolicy as 'Today',
    ...(typeof body.resumeSpecificDate === 'string' ? { resumeSpecificDate: body.resumeSpecificDate } : {}),
    ...(body.resumePeriods !== undefined ? { resumePeriods: Number(body.resumePeriods) } : {}),
    ...(typeof body.resumePeriodsType === 'string' ? { resumePeriodsType: body.resumePeriodsType as 'Day' } : {}),
    ...(typeof body.extendsTerm === 'boolean' ? { extendsTerm: body.extendsTerm } : {}),
  },
});

const suspensionDates = (_view: ReadView, subscription: Subscription) => ({
  suspendDate: subscription.suspendDate ?? null,
  resumeDate: subscription.resumeDate ?? null,
  termEndDate: subscription.termEndDate,
});

/** A suspension, and with `resume: true` its resume, in one order (one version). */
export const putSubscriptionSuspend = (ctx: RequestContext): Promise<Reply> =>
  amendAndAnswer(
    ctx,
    (_view, body) => {
      const suspend: OrderActionInput = dated(body, {
        type: 'Suspend',
        suspend: {
          suspendPolicy: body.suspendPolicy as 'Today',
          ...(typeof body.suspendSpecificDate === 'string' ? { suspendSpecificDate: body.suspendSpecificDate } : {}),
          ...(body.suspendPeriods !== undefined ? { suspendPeriods: Number(body.suspendPeriods) } : {}),
          ...(typeof body.suspendPeriodsType === 'string' ? { suspendPeriodsType: body.suspendPeriodsType as 'Day' } : {}),
        },
      });
      if (body.resume !== true) return [suspend];
      if (typeof body.resumePolicy !== 'string') throw invalidValue(SUBSCRIPTIONS, 'resumePolicy', "'resumePolicy' is required when 'resume' is true");
      return [suspend, dated(body, resumeOf(body))];
    },
    suspensionDates,
  );

export const putSubscriptionResume = (ctx: RequestContext): Promise<Reply> =>
  amendAndAnswer(ctx, (_view, body) => [dated(body, resumeOf(body))], (view, subscription) => {
    const { resumeDate, termEndDate } = suspensionDates(view, subscription);
    return { resumeDate, termEndDate };
  });
