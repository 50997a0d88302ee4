import { apiUserId } from '../../state/ids.js';
import { PAYMENT_TERMS } from '../../domain/paymentTerms.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';

/**
 * No saved Zuora spec describes payment terms; this is the emulator's own shape, modelled on the
 * Settings API's habit of answering a plain array of setting records.
 */
export function listPaymentTerms(ctx: RequestContext): Reply {
  const user = apiUserId(ctx.tenant);
  return {
    body: PAYMENT_TERMS.map((term) => ({
      id: `payment-term-${term.name.toLowerCase().replace(/\s+/g, '-')}`,
      name: term.name,
      active: term.active,
      default: term.isDefault,
      type: 'Days',
      dueDays: term.dueDays,
      description: term.dueDays === 0 ? 'Payment is due when the invoice is received' : `Payment is due ${term.dueDays} days after the invoice date`,
      createdBy: user,
    })),
  };
}
