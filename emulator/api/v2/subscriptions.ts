import { withContacts } from '../../domain/accounts.js';
import { takesTierTable } from '../../domain/catalog/charges.js';
import {
  SUBSCRIPTIONS,
  type Subscription,
  type SubscriptionCharge,
  type SubscriptionRatePlan,
  type SubscriptionStatus,
  type TermPeriodType,
} from '../../domain/subscriptions/model.js';
import { chargesOf, getSubscription, latestVersions, ratePlansOf } from '../../domain/subscriptions/queries.js';
import { billedThrough, chargesByNumber, inEffectOn, serviceEnd } from '../../domain/subscriptions/segments.js';
import { addTerm } from '../../domain/subscriptions/terms.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { compact } from '../shape.js';
import { toV2Account } from './accounts.js';
import { CHARGE_MODEL_NAMES, recurring, snake, TIERS_MODES } from './chargeShapes.js';
import { expansions, quickstartObject } from './shape.js';
import { found } from './found.js';
import { paginate } from './pagination.js';
import { tenantToday } from '../../domain/tenantTime.js';

// GET /v2/subscriptions/{subscription_id}, shaped as the Quickstart `subscription` schema and its
// `subscriptionPlan` and `subscriptionItem` (all three additionalProperties: false, so only the
// properties they declare appear).

const STATES: Record<SubscriptionStatus, string> = {
  Draft: 'draft',
  'Pending Activation': 'pending_activation',
  'Pending Acceptance': 'pending_acceptance',
  Active: 'active',
  Cancelled: 'canceled',
  Suspended: 'paused',
  Expired: 'expired',
};

const INTERVALS: Record<TermPeriodType, string> = { Day: 'day', Week: 'week', Month: 'month', Year: 'year' };

/** Where `recurring.on` puts the billing day; bill cycle types without a Quickstart name are left out. */
const BILL_CYCLE_DAYS: Record<string, string> = {
  DefaultFromCustomer: 'account_cycle_date',
  SubscriptionStartDay: 'subscription_start_day',
  ChargeTriggerDay: 'subscription_item_start_day',
  TermEndDay: 'term_end_day',
};

/** A term as Quickstart shows it; `interval_count` must be at least 1, so an evergreen term has none. */
function term(type: 'termed' | 'evergreen', count: number, periodType: TermPeriodType, start?: string, end?: string): Record<string, unknown> {
  const counted = type === 'termed' && count > 0;
  return compact({
    type,
    interval: counted ? INTERVALS[periodType] : undefined,
    interval_count: counted ? count : undefined,
    start_date: start,
    end_date: end,
  });
}

/** A specific day of the month is printed as itself (`_15`); other bill cycle types by their Quickstart name. */
function billingDay(charge: SubscriptionCharge): string | undefined {
  return charge.billCycleType === 'SpecificDayofMonth' && charge.billCycleDay ? `_${charge.billCycleDay}` : BILL_CYCLE_DAYS[charge.billCycleType];
}

/** Items are not yet in effect, in effect, or over, as of the tenant's today. */
function itemState(charge: SubscriptionCharge, today: string): string {
  if (inEffectOn(charge, today)) return 'active';
  return today < charge.effectiveStartDate ? 'inactive' : 'expired';
}

/** Each segment of a charge is its own item (its own id and dates) under the charge's number. */
function toV2Item(subscription: Subscription, plan: SubscriptionRatePlan, charge: SubscriptionCharge, today: string): Record<string, unknown> {
  const tiered = takesTierTable(charge.chargeModel);
  const flat = charge.chargeModel === 'Flat Fee Pricing';
  const billed = billedThrough(charge);
  return quickstartObject(charge, {
    custom_fields: charge.customFields,
    subscription_item_number: charge.chargeNumber,
    name: charge.name,
    product_id: plan.productId,
    price_id: charge.productRatePlanChargeId,
    subscription_plan_id: plan.id,
    charge_type: snake(charge.chargeType),
    charge_model: CHARGE_MODEL_NAMES[charge.chargeModel],
    start_event: snake(charge.triggerEvent),
    recurring: recurring(charge, billingDay(charge)),
    state: itemState(charge, today),
    unit_of_measure: charge.uom ?? undefined,
    quantity: charge.quantity ?? undefined,
    amount: !tiered && flat ? (charge.price ?? undefined) : undefined,
    unit_amount: !tiered && !flat ? (charge.price ?? undefined) : undefined,
    tiers_mode: TIERS_MODES[charge.chargeModel],
    tiers: tiered
      ? charge.tiers.map((tier) =>
          compact({
            up_to: tier.endingUnit ?? undefined,
            ...(tier.priceFormat === 'Per Unit' ? { unit_amount: tier.price } : { amount: tier.price }),
          }),
        )
      : undefined,
    start_date: charge.effectiveStartDate,
    end_date: serviceEnd(subscription, charge),
    charged_through_date: billed,
    processed_through_date: billed,
  });
}

function toV2Plans(view: ReadView, subscription: Subscription, withItems: boolean): Record<string, unknown> {
  const charges = chargesOf(view, subscription.id);
  const today = tenantToday(view);
  const data = ratePlansOf(view, subscription.id).map((plan) => {
    // Segments of one charge side by side.
    const items = chargesByNumber(charges.filter((charge) => charge.ratePlanId === plan.id)).flat();
    return quickstartObject(plan, {
      custom_fields: plan.customFields,
      subscription_id: subscription.id,
      subscription_plan_number: plan.subscriptionRatePlanNumber,
      name: plan.name,
      plan_id: plan.productRatePlanId,
      product_id: plan.productId,
      subscription_items: withItems ? { next_page: null, data: items.map((item) => toV2Item(subscription, plan, item, today)) } : undefined,
    });
  });
  return { next_page: null, data };
}

export function toV2Subscription(view: ReadView, subscription: Subscription, expand: ReadonlySet<string>): Record<string, unknown> {
  const termed = subscription.termType === 'TERMED' ? 'termed' : 'evergreen';
  const initialEnd =
    termed === 'termed' ? addTerm(subscription.subscriptionStartDate, subscription.initialTerm, subscription.initialTermPeriodType) : undefined;
  const withItems = expand.has('subscription_plans.subscription_items');
  return quickstartObject(subscription, {
    custom_fields: subscription.customFields,
    subscription_number: subscription.subscriptionNumber,
    state: STATES[subscription.status],
    version: subscription.version,
    latest_version: subscription.isLatestVersion,
    account_id: subscription.accountId,
    account: expand.has('account') ? toV2Account(withContacts(view, subscription.accountId), new Set()) : undefined,
    invoice_owner_account_id: subscription.invoiceOwnerId,
    invoice_owner_account: expand.has('invoice_owner_account') ? toV2Account(withContacts(view, subscription.invoiceOwnerId), new Set()) : undefined,
    auto_renew: subscription.autoRenew,
    initial_term: term(termed, subscription.initialTerm, subscription.initialTermPeriodType, subscription.subscriptionStartDate, initialEnd),
    current_term: term(
      termed,
      subscription.currentTerm,
      subscription.currentTermPeriodType,
      subscription.termStartDate,
      subscription.termEndDate ?? undefined,
    ),
    renewal_term: term(
      subscription.renewalSetting === 'RENEW_TO_EVERGREEN' ? 'evergreen' : 'termed',
      subscription.renewalTerm,
      subscription.renewalTermPeriodType,
    ),
    start_date: subscription.subscriptionStartDate,
    end_date: subscription.subscriptionEndDate ?? undefined,
    contract_effective: subscription.contractEffectiveDate,
    service_activation: subscription.serviceActivationDate ?? undefined,
    customer_acceptance: subscription.customerAcceptanceDate ?? undefined,
    description: subscription.notes,
    invoice_separately: subscription.invoiceSeparately,
    currency: subscription.currency,
    payment_terms: subscription.paymentTerm,
    cancel_reason: subscription.cancelReason,
    order_number: subscription.orderNumber,
    subscription_plans: withItems || expand.has('subscription_plans') ? toV2Plans(view, subscription, withItems) : undefined,
  });
}

/** The domain names the V1 path parameter when a subscription is missing; a Quickstart caller is told its own. */
export function findSubscription(view: ReadView, key: string): Subscription {
  return found(() => getSubscription(view, key), SUBSCRIPTIONS, key, 'subscription_id');
}

export function getSubscriptionV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const subscription = findSubscription(view, ctx.params.subscription_id ?? '');
  return { body: toV2Subscription(view, subscription, expansions(ctx.query)) };
}

/** Every subscription's newest version, filtered on the shaped record (`filter[]=account_id.EQ:...`). */
export function listSubscriptionsV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const expand = expansions(ctx.query);
  return { body: paginate(latestVersions(view), (subscription) => toV2Subscription(view, subscription, expand), ctx.query, SUBSCRIPTIONS) };
}
