import { hash } from 'node:crypto';

/**
 * Zuora-looking ids (32 lowercase hex) derived from the tenant and a per-tenant counter, so the same
 * sequence of calls on a fresh tenant always yields the same ids and snapshots diff cleanly.
 */
export function deterministicId(tenant: string, counter: number): string {
  // One-shot hashing: no Hash object per id (a sign-up order takes about ten ids).
  return hash('sha256', `${tenant}:${counter}`, 'hex').slice(0, 32);
}

/** Number formats per kind of object, as Zuora prints them. */
export const NUMBER_FORMATS = {
  account: { prefix: 'A', width: 8 },
  subscription: { prefix: 'A-S', width: 8 },
  order: { prefix: 'O-', width: 8 },
  invoice: { prefix: 'INV', width: 8 },
  creditMemo: { prefix: 'CM', width: 8 },
  payment: { prefix: 'P-', width: 8 },
  refund: { prefix: 'R-', width: 8 },
  billRun: { prefix: 'BR-', width: 8 },
  billingPreviewRun: { prefix: 'BPR-', width: 8 },
  productRatePlan: { prefix: 'PRP-', width: 8 },
  productRatePlanCharge: { prefix: 'PRPC-', width: 8 },
  product: { prefix: 'SKU-', width: 8 },
  paymentMethod: { prefix: 'PM-', width: 8 },
  subscriptionCharge: { prefix: 'C-', width: 8 },
  subscriptionRatePlan: { prefix: 'SRP-', width: 8 },
} as const;

export type NumberKind = keyof typeof NUMBER_FORMATS;

export function formatNumber(kind: NumberKind, value: number): string {
  const { prefix, width } = NUMBER_FORMATS[kind];
  return prefix + String(value).padStart(width, '0');
}

const apiUsers = new Map<string, string>();

/** The id Zuora shows in createdById/updatedById: here, one API user per tenant. */
export function apiUserId(tenant: string): string {
  // Worked out once per tenant: most writes stamp it (createdById, updatedById).
  let id = apiUsers.get(tenant);
  if (id === undefined) {
    id = deterministicId(tenant, 0);
    apiUsers.set(tenant, id);
  }
  return id;
}
