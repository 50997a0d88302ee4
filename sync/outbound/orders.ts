import type { CreateOrderResult, JsonObject, V1Subscription } from '../zuora/types.js';
import type { SyncContext } from '../context.js';
import type { Subscription } from '../model/types.js';
import { SyncPreconditionError } from './errors.js';
import { subscriptionCustomFields } from './mapping.js';
import { accountNumberOf } from './records.js';
import type { DesiredCharge, DesiredRatePlan } from './targets.js';

// Order requests (V1 Orders API): every subscription change is one order, its actions applied
// atomically, dated by their contract effective date.

export const contractEffective = (date: string): JsonObject[] => [{ name: 'ContractEffective', triggerDate: date }];

/** The pricing a charge is given when the catalog's own would be wrong: a quantity, a negotiated price. */
function pricingOf(charge: DesiredCharge, current?: { quantity?: number; price?: number }): JsonObject | undefined {
  const wanted = {
    ...(charge.quantity !== undefined && charge.quantity !== current?.quantity ? { quantity: charge.quantity } : {}),
    ...(charge.listPrice !== undefined && charge.listPrice !== (current ? current.price : charge.catalogPrice) ? { listPrice: charge.listPrice } : {}),
  };
  return Object.keys(wanted).length > 0 ? { [charge.member]: wanted } : undefined;
}

/**
 * A rate plan to subscribe to, with charge overrides where the platform differs from the catalog.
 * `chargesFrom` starts every charge on that day instead of the contract date: a trial forced into
 * Zuora is billed from the day it ends.
 */
export function ratePlanRequest(plan: DesiredRatePlan, chargesFrom?: string): JsonObject {
  const overrides = plan.charges.flatMap((charge) => {
    const pricing = pricingOf(charge);
    if (!pricing && !chargesFrom) return [];
    return [
      {
        productRatePlanChargeId: charge.chargeId,
        ...(pricing ? { pricing } : {}),
        ...(chargesFrom ? { startDate: { triggerEvent: 'SpecificDate', specificTriggerDate: chargesFrom } } : {}),
      },
    ];
  });
  return { productRatePlanId: plan.productRatePlanId, ...(overrides.length > 0 ? { chargeOverrides: overrides } : {}) };
}

/** The charge updates that bring a subscribed rate plan's charges to what is wanted. */
export function chargeUpdates(plan: DesiredRatePlan, subscribed: ReadonlyArray<{ number: string; productRatePlanChargeId: string; quantity?: number; price?: number }>): JsonObject[] {
  return plan.charges.flatMap((charge) => {
    const current = subscribed.find((candidate) => candidate.productRatePlanChargeId === charge.chargeId);
    const pricing = current ? pricingOf(charge, current) : undefined;
    return current && pricing ? [{ chargeNumber: current.number, pricing }] : [];
  });
}

export function createSubscriptionAction(startsOn: string, ratePlans: JsonObject[]): JsonObject {
  return {
    type: 'CreateSubscription',
    triggerDates: contractEffective(startsOn),
    // Platform subscriptions run until cancelled: no term to end or renew.
    createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' }, autoRenew: true }, subscribeToRatePlans: ratePlans },
  };
}

export function cancelSubscriptionAction(effectiveOn: string): JsonObject {
  return {
    type: 'CancelSubscription',
    triggerDates: contractEffective(effectiveOn),
    cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: effectiveOn },
  };
}

export interface OrderRequest {
  orderDate: string;
  accountNumber: string;
  /** Absent for the order that creates the subscription. */
  subscriptionNumber?: string;
  /** The Stigg fields, on the order and the subscription alike. */
  customFields: Record<string, string>;
  /** Extra subscription fields (mirrored `ZUORA__` metadata). */
  subscriptionFields?: Record<string, string>;
  actions: JsonObject[];
  /** A future day: the order waits in Zuora as Scheduled and runs then. */
  scheduledOn?: string;
  /** Bill the order at once (and collect its invoice): see billingAtOnce. */
  processingOptions?: JsonObject;
}

/**
 * How a new subscription is billed when Zuora creates it: its first period at once, the invoice
 * charged to the payment method on file (CHARGE) or left posted for the customer to pay (INVOICE).
 * NONE (billed outside, seeds/004's custom plans) is not billed by the order; neither is a trial,
 * whose charges start when it ends.
 */
export function billingAtOnce(subscription: Subscription, now: string): JsonObject | undefined {
  if (subscription.trialEndsAt !== undefined && subscription.trialEndsAt > now) return undefined;
  switch (subscription.paymentCollectionMethod) {
    case 'CHARGE':
      return { runBilling: true, collectPayment: true };
    case 'INVOICE':
      return { runBilling: true, collectPayment: false };
    case 'NONE':
      return undefined;
  }
}

function orderBody(request: OrderRequest): JsonObject {
  return {
    orderDate: request.orderDate,
    existingAccountNumber: request.accountNumber,
    customFields: request.customFields,
    subscriptions: [
      {
        ...(request.subscriptionNumber ? { subscriptionNumber: request.subscriptionNumber } : {}),
        customFields: { ...request.subscriptionFields, ...request.customFields },
        orderActions: request.actions,
      },
    ],
    ...(request.scheduledOn
      ? { status: 'Scheduled', schedulingOptions: { scheduledDate: request.scheduledOn, scheduledDatePolicy: 'SpecificDate' } }
      : {}),
    ...(request.processingOptions ? { processingOptions: request.processingOptions } : {}),
  };
}

/** Zuora's answer to an order, and the subscription version it wrote: its number and (with returnIds) its id. */
export interface PlacedOrder {
  result: CreateOrderResult;
  subscriptionNumber: string;
  subscriptionId?: string;
}

/** Places one order (a subscription's versions are written by orders alone). */
export async function placeOrder(ctx: SyncContext, request: OrderRequest): Promise<PlacedOrder> {
  const result = await ctx.zuora.createOrder(orderBody(request), { returnIds: true });
  const written = result.subscriptions?.[0];
  const subscriptionNumber = written?.subscriptionNumber ?? result.subscriptionNumbers?.[0] ?? request.subscriptionNumber;
  if (!subscriptionNumber) throw new SyncPreconditionError(`Zuora answered order ${result.orderNumber} without a subscription`);
  const subscriptionId = written?.subscriptionId ?? result.subscriptionIds?.[0];
  return { result, subscriptionNumber, ...(subscriptionId ? { subscriptionId } : {}) };
}

/** An order that changes a subscription already in Zuora (subscription `number`). */
export interface ChangeOrder {
  today: string;
  actions: JsonObject[];
  processingOptions?: JsonObject;
  /** Zuora's version of the subscription, when already read: its account number saves reading it again. */
  current?: V1Subscription;
  scheduledOn?: string;
}

/** Places a change order on the platform subscription's Zuora subscription, with its Stigg fields. */
export async function placeChangeOrder(ctx: SyncContext, subscription: Subscription, number: string, order: ChangeOrder): Promise<PlacedOrder> {
  return placeOrder(ctx, {
    orderDate: order.today,
    accountNumber: await accountNumberOf(ctx, subscription, number, order.current),
    subscriptionNumber: number,
    customFields: subscriptionCustomFields(ctx, subscription),
    actions: order.actions,
    scheduledOn: order.scheduledOn,
    processingOptions: order.processingOptions,
  });
}
