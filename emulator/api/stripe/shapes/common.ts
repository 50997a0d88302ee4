// Parts several Stripe objects share on the wire.
import type { Address } from '../../../domain/stripe/model.js';

export const EMPTY_ADDRESS: Address = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

/** Every Stripe object says what it is and that it is not live. */
export const base = (object: string, id: string) => ({ id, object, livemode: false });

export const list = (data: unknown[], url: string, hasMore = false) => ({ object: 'list', data, has_more: hasMore, url });

export const automaticTax = (enabled: boolean, status: string | null = null) => ({
  enabled,
  liability: enabled ? { type: 'self' } : null,
  disabled_reason: null,
  status,
  provider: enabled ? 'stripe' : null,
});

