import { randomUUID } from 'node:crypto';
import type { SyncContext } from '../context.js';
import type { CreditGrant } from '../model/types.js';
import { platformNow } from './dates.js';
import { OutboundInputError } from './errors.js';

export interface CreditGrantInput {
  customerId: string;
  /** A custom currency of the catalog, e.g. `currency-api-credits`. */
  currency: string;
  amount: number;
  type: CreditGrant['type'];
  expiresAt?: string;
}

/** Credits are counted in a custom currency of the catalog, and only a positive amount of them. */
export function checkCredits(ctx: SyncContext, currency: string, amount: number): void {
  if (!ctx.store.catalog().currencies.some((candidate) => candidate.id === currency)) {
    throw new OutboundInputError('CURRENCY_NOT_FOUND', `No custom currency with id '${currency}'`);
  }
  if (!Number.isFinite(amount) || amount <= 0) throw new OutboundInputError('INVALID_AMOUNT', 'Credits need an amount above 0');
}

/**
 * Credits are the platform's own balance: seeds/000 maps catalog, customers, subscriptions and
 * usage to Zuora, and none of the endpoints of seeds/001 holds a credit balance, so a grant is
 * recorded and logged here and never sent to Zuora. PAID only says the credits were paid for.
 */
export async function grantCredits(ctx: SyncContext, input: CreditGrantInput): Promise<CreditGrant> {
  if (!ctx.store.customer(input.customerId)) throw new OutboundInputError('CUSTOMER_NOT_FOUND', `No customer with id '${input.customerId}'`);
  checkCredits(ctx, input.currency, input.amount);
  const { at } = await platformNow(ctx);
  const grant: CreditGrant = {
    id: `grant-${randomUUID()}`,
    customerId: input.customerId,
    currency: input.currency,
    amount: input.amount,
    type: input.type,
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    createdAt: at,
  };
  await ctx.store.putCredit(grant);
  await ctx.store.appendEvent({
    type: 'CREDITS_GRANTED',
    at,
    customerId: input.customerId,
    data: { grantId: grant.id, currency: grant.currency, amount: grant.amount, type: grant.type, expiresAt: grant.expiresAt },
  });
  return grant;
}
