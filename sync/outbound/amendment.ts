import type { JsonObject, V1Subscription } from '../zuora/types.js';
import { chargeUpdates, contractEffective, ratePlanRequest } from './orders.js';
import type { DesiredRatePlan } from './targets.js';

// The order actions that take a Zuora subscription from what it holds to what the platform wants,
// for one atomic order: RemoveProduct, AddProduct, UpdateProduct (seeds/001). Subscribed rate
// plans are matched to packages by product, since each plan and add-on is a product of its own.

type SubscribedRatePlan = V1Subscription['ratePlans'][number];

/** A rate plan an earlier amendment removed stays on the version, marked Remove. */
const live = (ratePlan: SubscribedRatePlan): boolean => ratePlan.lastChangeType !== 'Remove';

/**
 * The same product rate plan, holding every charge wanted: then quantities and prices can be
 * updated in place. Otherwise (another billing period, a newer version of the package's rate plan)
 * the rate plan is swapped.
 */
function updatableInPlace(subscribed: SubscribedRatePlan, wanted: DesiredRatePlan): boolean {
  return (
    subscribed.productRatePlanId === wanted.productRatePlanId &&
    wanted.charges.every((charge) => subscribed.ratePlanCharges.some((held) => held.productRatePlanChargeId === charge.chargeId))
  );
}

export function amendmentActions(current: V1Subscription, desired: readonly DesiredRatePlan[], effectiveOn: string): JsonObject[] {
  const subscribed = current.ratePlans.filter(live);
  const triggerDates = contractEffective(effectiveOn);
  const removeProduct = (ratePlan: SubscribedRatePlan): JsonObject => ({ type: 'RemoveProduct', triggerDates, removeProduct: { ratePlanId: ratePlan.id } });
  const addProduct = (wanted: DesiredRatePlan): JsonObject => ({ type: 'AddProduct', triggerDates, addProduct: ratePlanRequest(wanted) });
  const removals: JsonObject[] = [];
  const additions: JsonObject[] = [];
  const updates: JsonObject[] = [];
  for (const ratePlan of subscribed) {
    const wanted = desired.find((plan) => plan.productId === ratePlan.productId);
    if (!wanted) {
      removals.push(removeProduct(ratePlan));
    } else if (!updatableInPlace(ratePlan, wanted)) {
      removals.push(removeProduct(ratePlan));
      additions.push(addProduct(wanted));
    } else {
      const changes = chargeUpdates(wanted, ratePlan.ratePlanCharges);
      if (changes.length > 0) updates.push({ type: 'UpdateProduct', triggerDates, updateProduct: { ratePlanId: ratePlan.id, chargeUpdates: changes } });
    }
  }
  for (const wanted of desired) {
    if (!subscribed.some((ratePlan) => ratePlan.productId === wanted.productId)) additions.push(addProduct(wanted));
  }
  return [...removals, ...additions, ...updates];
}
