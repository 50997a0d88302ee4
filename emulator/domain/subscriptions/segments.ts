import type { Subscription, SubscriptionCharge } from './model.js';

// How the segments of a subscribed charge are read: in which order, which one is in effect on a
// date, where each ends and how far it is billed. Both API dialects read subscriptions this way.

/** The segments of each charge, charges in the order they were first subscribed, segments in time order. */
export function chargesByNumber(segments: readonly SubscriptionCharge[]): SubscriptionCharge[][] {
  const byNumber = new Map<string, SubscriptionCharge[]>();
  for (const segment of segments) byNumber.set(segment.chargeNumber, [...(byNumber.get(segment.chargeNumber) ?? []), segment]);
  return [...byNumber.values()].map((charge) => charge.sort((a, b) => a.segment - b.segment));
}

/** In effect on a date: started by then and not yet ended (the end date is exclusive). */
export function inEffectOn(segment: SubscriptionCharge, date: string): boolean {
  return segment.effectiveStartDate <= date && (segment.effectiveEndDate === null || date < segment.effectiveEndDate);
}

/** The segment marked last, or failing that the latest in time. */
export function lastSegment(segments: readonly SubscriptionCharge[]): SubscriptionCharge | undefined {
  return segments.find((segment) => segment.isLastSegment) ?? segments[segments.length - 1];
}

/**
 * How far a segment is billed, or undefined before its first bill: the model keeps the
 * billed-through date at the start until billing moves it, where Zuora has none.
 */
export function billedThrough(segment: SubscriptionCharge): string | undefined {
  return segment.chargedThroughDate > segment.effectiveStartDate ? segment.chargedThroughDate : undefined;
}

/** An open-ended segment runs until the subscription ends; undefined when neither has an end. */
export function serviceEnd(subscription: Subscription, segment: SubscriptionCharge): string | undefined {
  return segment.effectiveEndDate ?? subscription.subscriptionEndDate ?? undefined;
}
