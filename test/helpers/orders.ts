/** A year, renewing for a year: the terms most order tests use. */
export const YEARLY_TERMS = { initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' }, autoRenew: true, renewalTerms: [{ period: 12, periodType: 'Month' }] };

export const EVERGREEN_TERMS = { initialTerm: { termType: 'EVERGREEN' } };

/** A CreateSubscription order action subscribing to `ratePlans` (each `{productRatePlanId, chargeOverrides?}`). */
export function createSubscriptionAction(ratePlans: unknown[], terms: Record<string, unknown> = YEARLY_TERMS, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'CreateSubscription', ...extra, createSubscription: { terms, subscribeToRatePlans: ratePlans } };
}

/** An order body creating one subscription on an existing account. */
export function newSubscriptionOrder(accountNumber: string, ratePlans: unknown[], options: { terms?: Record<string, unknown>; processingOptions?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    orderDate: '2026-01-15',
    existingAccountNumber: accountNumber,
    ...(options.processingOptions ? { processingOptions: options.processingOptions } : {}),
    subscriptions: [{ orderActions: [createSubscriptionAction(ratePlans, options.terms)] }],
  };
}
