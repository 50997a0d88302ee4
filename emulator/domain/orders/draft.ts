import { apiUserId } from '../../state/ids.js';
import { extend } from '../../state/paths.js';
import type { Transaction } from '../../state/transaction.js';
import {
  SUBSCRIPTION_CHARGES,
  SUBSCRIPTION_RATE_PLANS,
  SUBSCRIPTIONS,
  type Subscription,
  type SubscriptionCharge,
  type SubscriptionRatePlan,
} from '../subscriptions/model.js';
import { chargesOf, ratePlansOf } from '../subscriptions/queries.js';

type Timestamps = 'createdDate' | 'updatedDate';

/** A subscription's next version while an order works on it; nothing is written until `writeVersion`. */
export interface SubscriptionDraft {
  /** The latest version being amended; null when the order creates the subscription. */
  base: Subscription | null;
  subscription: Omit<Subscription, 'id' | 'version' | 'originalId' | 'previousSubscriptionId' | 'isLatestVersion' | Timestamps>;
  /** Rate plans and charges carry draft ids (`draft:n`) until written; the copy of a plan keeps its number. */
  ratePlans: Array<Omit<SubscriptionRatePlan, 'subscriptionId' | Timestamps>>;
  charges: Array<Omit<SubscriptionCharge, 'subscriptionId' | Timestamps>>;
}

let draftIds = 0;
/** Ids local to a draft; they never reach the store. */
export const draftId = (): string => `draft:${(draftIds += 1)}`;

/** Starts the next version of `base` from a copy of its rate plans and charges. */
export function draftFrom(tx: Transaction, base: Subscription): SubscriptionDraft {
  const ratePlanIds = new Map<string, string>();
  const ratePlans = ratePlansOf(tx, base.id).map(({ subscriptionId: _s, createdDate: _c, updatedDate: _u, ...plan }) => {
    const id = draftId();
    ratePlanIds.set(plan.id, id);
    // A plan removed by an earlier order stays marked Remove; the rest start this order untouched.
    return { ...plan, id, lastChangeType: plan.lastChangeType === 'Remove' ? ('Remove' as const) : null };
  });
  const charges = chargesOf(tx, base.id).map(({ subscriptionId: _s, createdDate: _c, updatedDate: _u, ...charge }) => ({
    ...charge,
    id: draftId(),
    ratePlanId: ratePlanIds.get(charge.ratePlanId) ?? charge.ratePlanId,
  }));
  const {
    id: _id,
    version: _version,
    originalId: _originalId,
    previousSubscriptionId: _previous,
    isLatestVersion: _latest,
    createdDate: _created,
    updatedDate: _updated,
    ...subscription
  } = base;
  return { base, subscription, ratePlans, charges };
}

/**
 * Writes the draft as a new version: the old latest version steps down, and every rate plan and
 * charge gets a fresh id under the new version (charge and rate plan numbers stay).
 */
export function writeVersion(tx: Transaction, draft: SubscriptionDraft): Subscription {
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  const id = tx.newId();
  const { base } = draft;
  if (base) tx.update<Subscription>(SUBSCRIPTIONS, base.id, { isLatestVersion: false, updatedDate: now, updatedById: user });
  // `extend`, not a spread: see there why.
  const subscription = tx.insert<Subscription>(
    SUBSCRIPTIONS,
    extend(draft.subscription, {
      id,
      version: base ? base.version + 1 : 1,
      originalId: base ? base.originalId : id,
      previousSubscriptionId: base ? base.id : null,
      isLatestVersion: true,
      updatedById: user,
      createdDate: now,
      updatedDate: now,
    }),
  );
  const ratePlanIds = new Map<string, string>();
  for (const plan of draft.ratePlans) {
    const planId = tx.newId();
    ratePlanIds.set(plan.id, planId);
    tx.insert<SubscriptionRatePlan>(SUBSCRIPTION_RATE_PLANS, extend(plan, { id: planId, subscriptionId: id, createdDate: now, updatedDate: now }));
  }
  for (const charge of draft.charges) {
    const chargeId = tx.newId();
    tx.insert<SubscriptionCharge>(
      SUBSCRIPTION_CHARGES,
      extend(charge, {
        id: chargeId,
        originalChargeId: charge.originalChargeId || chargeId,
        subscriptionId: id,
        ratePlanId: ratePlanIds.get(charge.ratePlanId) ?? charge.ratePlanId,
        createdDate: now,
        updatedDate: now,
      }),
    );
  }
  return subscription;
}
