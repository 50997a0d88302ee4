import { createStripeAccount, isStripeAccount } from '../domain/stripe/accounts.js';
import { DomainError } from '../domain/errors.js';
import type { Reply, RequestContext } from '../http/routeTable.js';

export const stripeAccountRequest = {
  type: 'object',
  additionalProperties: false,
  properties: { connectedTo: { type: 'string', minLength: 1 }, now: { type: 'string', format: 'date-time' } },
} as const;

/** A new Stripe account (a tenant of its own); its secret key is shown only in this answer. */
export async function postStripeAccount(ctx: RequestContext): Promise<Reply> {
  const body = (ctx.body ?? {}) as { connectedTo?: string; now?: string };
  const { store, wallNow } = ctx.services;
  if (body.connectedTo && !isStripeAccount(store, body.connectedTo)) {
    throw new DomainError('InvalidValue', `'${body.connectedTo}' is not a Stripe account`, 'StripeAccount', 'connectedTo');
  }
  const account = await createStripeAccount(store, body, wallNow());
  return { status: 201, body: account };
}
