import { BILLING_PERIODS, chargesOfPlan, getCharge, type BillingPeriod, type Charge } from '../catalog/charges.js';
import { getRatePlan } from '../catalog/ratePlans.js';
import { checkCustomFields } from '../customFields.js';
import { invalidValue, missingField, referenced } from '../errors.js';
import type { SubscriptionRatePlan } from '../subscriptions/model.js';
import { SUBSCRIPTION_RATE_PLANS } from '../subscriptions/model.js';
import { checkDate, dateForTrigger, type ActionContext } from './context.js';
import { draftId, type SubscriptionDraft } from './draft.js';
import { ORDERS, type ChargeOverrideInput, type ChargeUpdateInput, type PricingInput, type RatePlanInput, type RatePlanReferenceInput, type UpdateProductInput } from './model.js';
import { chargeEnd } from './chargeEnd.js';
import { checkQuantity, priceTerms } from './pricing.js';

type DraftCharge = SubscriptionDraft['charges'][number];
type DraftRatePlan = SubscriptionDraft['ratePlans'][number];

/** Order overrides spell billing periods with underscores (`Semi_Annual`); the catalog does not. */
function billingPeriodOf(override: string | undefined, catalog: Charge, field: string): BillingPeriod | null {
  if (override === undefined) return catalog.billingPeriod ?? null;
  const name = override.replace(/_/g, override === 'Semi_Annual' ? '-' : ' ');
  if (!(BILLING_PERIODS as readonly string[]).includes(name)) throw invalidValue(ORDERS, `${field}.billing.billingPeriod`, `'${override}' is not a billing period`);
  return name as BillingPeriod;
}

function subscribedCharge(ctx: ActionContext, draft: SubscriptionDraft, planId: string, catalog: Charge, override: ChargeOverrideInput | undefined, field: string): DraftCharge {
  const terms = priceTerms(catalog, draft.subscription.currency, override?.pricing, field);
  const trigger = override?.startDate?.triggerEvent ?? catalog.triggerEvent;
  const start =
    trigger === 'SpecificDate'
      ? checkDate(override?.startDate?.specificTriggerDate ?? '', `${field}.startDate.specificTriggerDate`)
      : dateForTrigger(ctx.dates, trigger);
  const billing = override?.billing;
  const billingPeriod = billingPeriodOf(billing?.billingPeriod, catalog, field);
  const end = chargeEnd(start, catalog, billingPeriod, override?.endDate, field);
  return {
    id: draftId(),
    ratePlanId: planId,
    originalChargeId: '',
    chargeNumber: override?.chargeNumber ?? ctx.tx.nextNumber('subscriptionCharge'),
    segment: 1,
    isLastSegment: true,
    productRatePlanChargeId: catalog.id,
    name: catalog.name,
    chargeType: catalog.chargeType,
    chargeModel: catalog.chargeModel,
    billingPeriod,
    specificBillingPeriod: billing?.specificBillingPeriod ?? catalog.specificBillingPeriod ?? null,
    billingTiming: billing?.billingTiming ? (billing.billingTiming === 'IN_ADVANCE' ? 'In Advance' : 'In Arrears') : catalog.billingTiming,
    billCycleType: billing?.billCycleType ?? catalog.billCycleType,
    billCycleDay: billing?.billCycleDay ?? catalog.billCycleDay ?? null,
    listPriceBase: catalog.listPriceBase,
    triggerEvent: trigger,
    uom: catalog.uom ?? null,
    currency: draft.subscription.currency,
    ...terms,
    effectiveStartDate: start,
    ...end,
    chargedThroughDate: start,
    ...(override?.uniqueToken ? { uniqueToken: override.uniqueToken } : {}),
    customFields: checkCustomFields(ctx.tx, 'RatePlanCharge', override?.customFields ?? {}, `${field}.customFields.`),
  };
}

/** Subscribes the draft to a product rate plan: every charge of the plan, each with its override if given. */
export function addRatePlan(ctx: ActionContext, draft: SubscriptionDraft, input: RatePlanInput, field: string): void {
  const key = input.productRatePlanId ?? input.productRatePlanNumber;
  if (!key) throw missingField(ORDERS, `${field}.productRatePlanId`);
  const plan = referenced(() => getRatePlan(ctx.tx, key), ORDERS, `${field}.productRatePlanId`, `Product rate plan '${key}'`);
  const catalogCharges = chargesOfPlan(ctx.tx, plan.id);
  (input.chargeOverrides ?? []).forEach((override, index) => {
    const overrideField = `${field}.chargeOverrides[${index}].productRatePlanChargeId`;
    const charge = referenced(() => getCharge(ctx.tx, override.productRatePlanChargeId), ORDERS, overrideField, `Charge '${override.productRatePlanChargeId}'`);
    if (charge.productRatePlanId !== plan.id) throw invalidValue(ORDERS, overrideField, `Charge '${override.productRatePlanChargeId}' is not a charge of rate plan '${key}'`);
  });
  const ratePlan: DraftRatePlan = {
    id: draftId(),
    subscriptionRatePlanNumber: input.subscriptionRatePlanNumber ?? ctx.tx.nextNumber('subscriptionRatePlan'),
    productRatePlanId: plan.id,
    productId: plan.productId,
    name: plan.name,
    lastChangeType: 'Add',
    ...(input.uniqueToken ? { uniqueToken: input.uniqueToken } : {}),
    customFields: checkCustomFields(ctx.tx, SUBSCRIPTION_RATE_PLANS, input.customFields ?? {}, `${field}.customFields.`),
  };
  draft.ratePlans.push(ratePlan);
  catalogCharges.forEach((catalog) => {
    const index = (input.chargeOverrides ?? []).findIndex((override) => override.productRatePlanChargeId === catalog.id);
    const override = index >= 0 ? input.chargeOverrides?.[index] : undefined;
    draft.charges.push(subscribedCharge(ctx, draft, ratePlan.id, catalog, override, `${field}.chargeOverrides[${Math.max(index, 0)}]`));
  });
}

/** Finds the subscribed rate plan an action names, by any version's rate plan id, its number, or its product rate plan. */
function findRatePlan(ctx: ActionContext, draft: SubscriptionDraft, reference: RatePlanReferenceInput, field: string): DraftRatePlan {
  const live = draft.ratePlans.filter((plan) => plan.lastChangeType !== 'Remove');
  let match: DraftRatePlan | undefined;
  if (reference.uniqueToken) {
    match = live.find((plan) => plan.uniqueToken === reference.uniqueToken);
  } else if (reference.ratePlanId) {
    const stored = ctx.tx.get<SubscriptionRatePlan>(SUBSCRIPTION_RATE_PLANS, reference.ratePlanId);
    match = stored ? live.find((plan) => plan.subscriptionRatePlanNumber === stored.subscriptionRatePlanNumber) : undefined;
  } else if (reference.subscriptionRatePlanNumber) {
    match = live.find((plan) => plan.subscriptionRatePlanNumber === reference.subscriptionRatePlanNumber);
  } else if (reference.productRatePlanId || reference.productRatePlanNumber) {
    const key = (reference.productRatePlanId ?? reference.productRatePlanNumber) as string;
    const product = referenced(() => getRatePlan(ctx.tx, key), ORDERS, `${field}.productRatePlanId`, `Product rate plan '${key}'`);
    match = live.find((plan) => plan.productRatePlanId === product.id);
  } else {
    throw missingField(ORDERS, `${field}.ratePlanId`);
  }
  if (!match) {
    const given = reference.uniqueToken ?? reference.ratePlanId ?? reference.subscriptionRatePlanNumber ?? reference.productRatePlanId ?? reference.productRatePlanNumber;
    throw invalidValue(ORDERS, `${field}.ratePlanId`, `Rate plan '${given}' is not an active rate plan of subscription ${draft.subscription.subscriptionNumber}`);
  }
  return match;
}

/**
 * Ends a charge on `date`: segments that would only start on or after it are dropped (the first
 * segment is kept, emptied, so the charge stays on record), the one running then ends then, and
 * the latest remaining segment becomes the last one.
 */
export function endChargeAt(draft: SubscriptionDraft, chargeNumber: string, date: string): void {
  const segments = draft.charges.filter((charge) => charge.chargeNumber === chargeNumber).sort((a, b) => a.segment - b.segment);
  const kept = segments.filter((segment, index) => index === 0 || segment.effectiveStartDate < date);
  for (const segment of segments) if (!kept.includes(segment)) draft.charges.splice(draft.charges.indexOf(segment), 1);
  for (const segment of kept) {
    const end = segment.effectiveStartDate > date ? segment.effectiveStartDate : date;
    if (segment.effectiveEndDate === null || segment.effectiveEndDate > end) segment.effectiveEndDate = end;
    segment.isLastSegment = segment === kept.at(-1);
  }
}

const chargeNumbersOf = (draft: SubscriptionDraft, ratePlanId: string): string[] => [
  ...new Set(draft.charges.filter((charge) => charge.ratePlanId === ratePlanId).map((charge) => charge.chargeNumber)),
];

export function removeRatePlan(ctx: ActionContext, draft: SubscriptionDraft, reference: RatePlanReferenceInput, field: string): void {
  const plan = findRatePlan(ctx, draft, reference, field);
  for (const chargeNumber of chargeNumbersOf(draft, plan.id)) endChargeAt(draft, chargeNumber, ctx.dates.contractEffective);
  plan.lastChangeType = 'Remove';
}

/**
 * A price or quantity change ends each named charge's current segment on the update date and opens
 * a new segment from there, so billing can credit the old terms and charge the new ones.
 */
export function updateRatePlan(ctx: ActionContext, draft: SubscriptionDraft, input: UpdateProductInput, field: string): void {
  const plan = findRatePlan(ctx, draft, input, field);
  const updates = input.chargeUpdates ?? [];
  if (updates.length === 0 && !input.customFields) throw missingField(ORDERS, `${field}.chargeUpdates`);
  updates.forEach((update, index) => {
    const updateField = `${field}.chargeUpdates[${index}]`;
    const chargeNumber = chargeNumberOf(draft, plan.id, update, updateField);
    const segments = draft.charges.filter((charge) => charge.ratePlanId === plan.id && charge.chargeNumber === chargeNumber);
    const current = segments.find((charge) => charge.isLastSegment);
    if (!current) throw invalidValue(ORDERS, `${updateField}.chargeNumber`, `Charge '${chargeNumber}' is not on rate plan ${plan.subscriptionRatePlanNumber}`);
    const catalog = getCharge(ctx.tx, current.productRatePlanChargeId);
    const date = checkDate(update.effectiveDate?.specificTriggerDate ?? input.specificUpdateDate ?? ctx.dates.contractEffective, `${updateField}.effectiveDate.specificTriggerDate`);
    const terms = priceTerms(catalog, current.currency, update.pricing, updateField);
    const next: DraftCharge = {
      ...current,
      id: draftId(),
      segment: Math.max(...segments.map((segment) => segment.segment)) + 1,
      price: firstDefined(update.pricing, 'listPrice') ?? current.price,
      quantity: firstDefined(update.pricing, 'quantity') ?? current.quantity,
      tiers: Object.values(update.pricing ?? {}).some((value) => value?.tiers) ? terms.tiers : current.tiers,
      effectiveStartDate: date,
      chargedThroughDate: date,
      customFields: { ...current.customFields, ...(update.customFields ?? {}) },
    };
    if (next.quantity !== null) checkQuantity(catalog, next.quantity, `${updateField}.pricing.quantity`);
    endChargeAt(draft, chargeNumber, date);
    for (const segment of segments) segment.isLastSegment = false;
    draft.charges.push({ ...next, effectiveEndDate: null, isLastSegment: true });
  });
  if (input.customFields) plan.customFields = { ...plan.customFields, ...input.customFields };
  plan.lastChangeType = 'Update';
}

/** The number of the charge an update names: by its number, its product rate plan charge, or the order's unique token. */
function chargeNumberOf(draft: SubscriptionDraft, ratePlanId: string, update: ChargeUpdateInput, field: string): string {
  if (update.chargeNumber) return update.chargeNumber;
  const onPlan = draft.charges.filter((charge) => charge.ratePlanId === ratePlanId);
  const found = update.uniqueToken
    ? onPlan.find((charge) => charge.uniqueToken === update.uniqueToken)
    : update.productRatePlanChargeId
      ? onPlan.find((charge) => charge.productRatePlanChargeId === update.productRatePlanChargeId)
      : undefined;
  if (!update.uniqueToken && !update.productRatePlanChargeId) throw missingField(ORDERS, `${field}.chargeNumber`);
  if (!found) {
    const given = update.uniqueToken ?? update.productRatePlanChargeId;
    throw invalidValue(ORDERS, `${field}.${update.uniqueToken ? 'uniqueToken' : 'productRatePlanChargeId'}`, `No charge '${given}' on this rate plan`);
  }
  return found.chargeNumber;
}

/** The price or quantity an update gives, whichever pricing member it sits in. */
function firstDefined(pricing: PricingInput | undefined, member: 'listPrice' | 'quantity'): number | undefined {
  for (const value of Object.values(pricing ?? {})) if (value?.[member] !== undefined) return value[member];
  return undefined;
}
