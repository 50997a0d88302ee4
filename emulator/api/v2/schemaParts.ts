// Pieces of the Quickstart request-body schemas that several endpoints share. They live apart from
// schemas.ts because schemas.ts borrows the payment method schema from paymentMethods.ts, which
// needs them too, and a module cycle would leave them uninitialised.

export const str = { type: 'string' } as const;
export const bool = { type: 'boolean' } as const;
export const customFields = { type: 'object', additionalProperties: { type: ['string', 'null'] } } as const;

/** Read-only fields the spec lets a client echo back; they are accepted and ignored. */
export const readOnly = {
  id: str,
  created_by_id: str,
  created_time: str,
  updated_by_id: str,
  updated_time: str,
  custom_objects: { type: 'object' },
} as const;
