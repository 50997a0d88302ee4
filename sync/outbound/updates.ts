import { randomUUID } from 'node:crypto';
import type { SyncContext } from '../context.js';
import type { AddonSelection, BillingPeriod, ScheduledUpdate, ScheduleStrategy, Subscription } from '../model/types.js';
import { amendmentActions } from './amendment.js';
import { dayOf, laterOf, platformNow } from './dates.js';
import { OutboundInputError } from './errors.js';
import { subscriptionSyncFailed } from './failures.js';
import { cancelSubscriptionAction, placeChangeOrder } from './orders.js';
import { atVersion, checkAddons, checkSoldIn, currencyOfCustomer, customerRecord, planOf, shapeOf, subscriptionOf } from './records.js';
import { cancelScheduledOrders, orderAtPeriodEnd, withoutUnplaced, withPendingCanceled } from './scheduling.js';
import { logChange, save, syncNewSubscription } from './subscriptions.js';
import { latestVersionOf } from './planVersions.js';
import { desiredRatePlans } from './targets.js';
import { changeStripeSubscription, stripeClientOf, subscriptionLink } from '../stripe/outbound.js';

export interface SubscriptionChange {
  planId?: string;
  /** The whole new add-on selection. */
  addons?: AddonSelection[];
  /** Quantities to change, by feature id; features left out keep theirs. */
  units?: Record<string, number>;
  billingPeriod?: BillingPeriod;
  scheduleStrategy: ScheduleStrategy;
}

type Target = ScheduledUpdate['target'];

const ENDED = new Set<Subscription['status']>(['CANCELED', 'EXPIRED']);

/** A plan change goes to the target plan's latest version. */
function targetOf(ctx: SyncContext, subscription: Subscription, change: SubscriptionChange): Target {
  const otherPlan = change.planId !== undefined && change.planId !== subscription.planId;
  return {
    ...(change.planId !== undefined ? { planId: change.planId } : {}),
    ...(otherPlan ? { planVersionNumber: latestVersionOf(planOf(ctx, change.planId as string)) } : {}),
    ...(change.billingPeriod !== undefined ? { billingPeriod: change.billingPeriod } : {}),
    ...(change.addons !== undefined ? { addons: change.addons } : {}),
    // The whole map, so whoever applies the update later simply takes it.
    ...(change.units !== undefined ? { units: { ...subscription.units, ...change.units } } : {}),
  };
}

function applyTarget(subscription: Subscription, target: Target): Subscription {
  return {
    ...subscription,
    planId: target.planId ?? subscription.planId,
    ...(target.planVersionNumber !== undefined ? { planVersionNumber: target.planVersionNumber } : {}),
    billingPeriod: target.billingPeriod ?? subscription.billingPeriod,
    addons: target.addons ?? subscription.addons,
    units: target.units ?? subscription.units,
  };
}

/** Whether two subscriptions would hold the same in Zuora (add-on order and unit order aside). */
function sameShape(a: Subscription, b: Subscription): boolean {
  const canonical = (subscription: Subscription): string =>
    JSON.stringify([
      subscription.planId,
      subscription.planVersionNumber,
      subscription.billingPeriod,
      [...subscription.addons].sort((x, y) => x.addonId.localeCompare(y.addonId)).map((addon) => [addon.addonId, addon.quantity]),
      Object.entries(subscription.units).sort(([x], [y]) => x.localeCompare(y)),
    ]);
  return canonical(a) === canonical(b);
}

function updateType(subscription: Subscription, target: Target): ScheduledUpdate['type'] {
  if (target.planId !== undefined && target.planId !== subscription.planId) return 'PLAN_CHANGE';
  if (target.billingPeriod !== undefined && target.billingPeriod !== subscription.billingPeriod) return 'BILLING_PERIOD';
  if (target.planVersionNumber !== undefined && target.planVersionNumber !== subscription.planVersionNumber) return 'MIGRATE_TO_LATEST';
  if (target.addons !== undefined) return 'ADDONS';
  return 'UNITS';
}

/**
 * Changes plan, add-ons, unit quantities or billing period: at once (one atomic order of
 * RemoveProduct/AddProduct/UpdateProduct), or at the end of the billing period (a Scheduled order,
 * recorded as a pending ScheduledUpdate that the ScheduledOrderCompleted callout applies).
 */
export async function updateSubscription(ctx: SyncContext, id: string, change: SubscriptionChange): Promise<Subscription> {
  const subscription = subscriptionOf(ctx, id);
  if (ENDED.has(subscription.status)) throw new OutboundInputError('SUBSCRIPTION_ENDED', `Subscription '${id}' is ${subscription.status.toLowerCase()}`);
  const target = targetOf(ctx, subscription, change);
  const after = applyTarget(subscription, target);
  const plan = planOf(ctx, after.planId);
  checkSoldIn(plan, after.billingPeriod);
  checkAddons(ctx, after.addons, after.billingPeriod);
  if (change.scheduleStrategy !== 'IMMEDIATE' && stripeClientOf(ctx)) {
    // Scheduled changes are Zuora Scheduled orders; through Stripe they would be a subscription schedule, not built.
    throw new OutboundInputError('SCHEDULE_NOT_SUPPORTED', 'With the Stripe integration a change is made now (IMMEDIATE); changes at the end of the billing period are not made through Stripe');
  }
  return change.scheduleStrategy === 'IMMEDIATE' ? changeNow(ctx, subscription, target) : changeAtPeriodEnd(ctx, subscription, target);
}

/**
 * seeds/002 "Migrate to latest": moves the subscription to the latest published version of its plan,
 * at once (an order bringing its charges to that version's prices) or at the end of the billing
 * period (a Scheduled order; ScheduledOrderCompleted then shows the new version on the platform).
 */
export async function migrateToLatest(ctx: SyncContext, id: string, when: ScheduleStrategy): Promise<Subscription> {
  const subscription = subscriptionOf(ctx, id);
  if (ENDED.has(subscription.status)) throw new OutboundInputError('SUBSCRIPTION_ENDED', `Subscription '${id}' is ${subscription.status.toLowerCase()}`);
  const plan = planOf(ctx, subscription.planId);
  const latest = latestVersionOf(plan);
  if (subscription.planVersionNumber === latest) {
    throw new OutboundInputError('ALREADY_LATEST', `Subscription '${id}' is already on the latest version (${latest}) of plan '${plan.id}'`);
  }
  // A pending plan change takes the subscription to another plan's latest version anyway.
  if (subscription.scheduledUpdates.some((update) => update.status === 'PENDING' && update.type === 'PLAN_CHANGE')) {
    throw new OutboundInputError('PLAN_CHANGE_CONFLICT', `Subscription '${id}' has a plan change pending; it moves to that plan's latest version`);
  }
  checkSoldIn(plan, subscription.billingPeriod);
  const target: Target = { planVersionNumber: latest };
  return when === 'IMMEDIATE' ? changeNow(ctx, subscription, target) : changeAtPeriodEnd(ctx, subscription, target);
}

/**
 * The platform is the source of truth (seeds/000 syncs one way): the change holds on the platform
 * even when Zuora refuses it, and the refusal is the subscription's FAILED sync state.
 */
async function changeNow(ctx: SyncContext, subscription: Subscription, target: Target): Promise<Subscription> {
  const { at, today } = await platformNow(ctx);
  const changed = applyTarget(subscription, target);
  let result: Subscription;
  const number = subscription.billingSubscriptionNumber;
  const stripe = stripeClientOf(ctx);
  if (stripe && ctx.store.stripeLink(subscriptionLink(subscription.id))) {
    // Already in Stripe: its items are changed in place and Stripe prorates them.
    result = await save(ctx, await changeStripeSubscription(ctx, stripe, changed));
  } else if (!number) {
    // Not in Zuora yet: the change may be what makes it billable (a trial moving to a paid plan).
    await save(ctx, changed);
    result = await syncNewSubscription(ctx, changed.id);
  } else {
    try {
      const current = await ctx.zuora.getSubscriptionV1(number);
      const customer = customerRecord(ctx, subscription.customerId);
      // An amendment cannot take effect before the subscription starts.
      const effectiveOn = laterOf(today, dayOf(subscription.startDate));
      const actions = amendmentActions(current, desiredRatePlans(ctx, shapeOf(changed), currencyOfCustomer(customer)), effectiveOn);
      let next = changed;
      if (actions.length > 0) {
        const placed = await placeChangeOrder(ctx, subscription, number, { today, actions, current });
        next = atVersion(changed, placed.subscriptionNumber, placed.subscriptionId);
      }
      result = await save(ctx, { ...next, sync: { status: 'SYNCED', at } });
    } catch (error) {
      result = await save(ctx, { ...changed, sync: await subscriptionSyncFailed(ctx, subscription, error, at) });
    }
  }
  return logChange(ctx, result, 'SUBSCRIPTION_UPDATED', at, { change: target, billingId: result.billingId });
}

/**
 * One pending change at a time: earlier pending updates are folded into the new one (a pending
 * cancellation is dropped: changing the subscription withdraws it), their Scheduled orders are
 * cancelled in Zuora, and one Scheduled order takes the subscription to the combined target at the
 * next bill date. A target equal to today's subscription only withdraws what was pending.
 */
async function changeAtPeriodEnd(ctx: SyncContext, subscription: Subscription, change: Target): Promise<Subscription> {
  const { at, today } = await platformNow(ctx);
  const customer = customerRecord(ctx, subscription.customerId);
  const pending = subscription.scheduledUpdates.filter((update) => update.status === 'PENDING' && update.type !== 'CANCELLATION');
  const target = [...pending.map((update) => update.target), change].reduce<Target>((merged, next) => ({ ...merged, ...next }), {});
  const after = applyTarget(subscription, target);
  const withdrawOnly = sameShape(subscription, after);
  // When Zuora refuses, the update is kept without an order number and the FAILED sync retries it.
  const { effectiveOn, zuoraOrderNumber, sync } = await orderAtPeriodEnd(ctx, subscription, customer, today, at, async (number, periodEnd) => {
    await cancelScheduledOrders(ctx, number);
    if (withdrawOnly) return undefined;
    // A plan change ends this subscription at the period end; the ScheduledOrderCompleted callout then
    // provisions the new one (seeds/002). Other changes amend it in place on that day.
    if (updateType(subscription, target) === 'PLAN_CHANGE') {
      // Checked now, not on the day: the target plan's rate plans must be in Zuora to subscribe to.
      desiredRatePlans(ctx, shapeOf(after), currencyOfCustomer(customer));
      return (await placeChangeOrder(ctx, subscription, number, { today, actions: [cancelSubscriptionAction(periodEnd)], scheduledOn: periodEnd })).result.orderNumber;
    }
    const current = await ctx.zuora.getSubscriptionV1(number);
    const actions = amendmentActions(current, desiredRatePlans(ctx, shapeOf(after), currencyOfCustomer(customer)), periodEnd);
    if (actions.length === 0) return undefined;
    return (await placeChangeOrder(ctx, subscription, number, { today, actions, current, scheduledOn: periodEnd })).result.orderNumber;
  });
  const scheduled: ScheduledUpdate | undefined =
    withdrawOnly
      ? undefined
      : {
          id: `update-${randomUUID()}`,
          type: updateType(subscription, target),
          target,
          effectiveAt: `${effectiveOn}T00:00:00.000Z`,
          ...(zuoraOrderNumber ? { zuoraOrderNumber } : {}),
          status: 'PENDING',
        };
  // A withdrawn cancellation takes its date with it.
  const { cancellationDate: _withdrawn, ...uncancelled } = subscription;
  const cancellationPending = subscription.scheduledUpdates.some((update) => update.status === 'PENDING' && update.type === 'CANCELLATION');
  const result = await save(ctx, {
    ...(cancellationPending ? uncancelled : subscription),
    scheduledUpdates: [...withPendingCanceled(withoutUnplaced(subscription)), ...(scheduled ? [scheduled] : [])],
    ...(sync ? { sync } : {}),
  });
  return logChange(ctx, result, 'SUBSCRIPTION_UPDATED', at, { scheduled: scheduled ?? null });
}
