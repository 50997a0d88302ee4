/** What became of one callout, as the webhook answers it. */
export interface CalloutResult {
  applied: boolean;
  /** The callout's EventType, when it had one. */
  event?: string;
  /** Why nothing was applied, or what was left out. */
  reason?: string;
}

/** A handler's answer; handleCallout adds the event. */
export type Outcome = { applied: true; reason?: string } | { applied: false; reason: string };

export const applied = (): Outcome => ({ applied: true });
export const skipped = (reason: string): Outcome => ({ applied: false, reason });

/**
 * One callout may touch several records (an invoice billing two subscriptions): it is applied when
 * any of them changed, and the others' reasons are kept either way.
 */
export function combine(results: ReadonlyArray<true | string>): Outcome {
  const reasons = results.filter((result): result is string => result !== true);
  const reason = reasons.join('; ');
  if (results.some((result) => result === true)) return reasons.length > 0 ? { applied: true, reason } : applied();
  return skipped(reason || 'nothing to apply');
}
