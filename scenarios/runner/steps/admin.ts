import { zuoraAccountOf, type StepRunner } from './context.js';
import { stripeCustomerOf } from './stripe.js';

// The emulator's admin API (/__emulator/*): time travel and injected faults.

/**
 * `P1M` / `{by: P1M}` or `{to: ISO}`; answers once every job on the way has run and the tenant is
 * quiet. Clocks that follow the tenant's (a shared engine's own tenant, under a Stripe scenario)
 * are then moved to the same instant.
 */
export const advanceClock: StepRunner = async (ctx, args) => {
  const answer = await ctx.http.adminOk<{ now: string }>('POST', '/clock/advance', args.to !== undefined ? { to: new Date(args.to).toISOString() } : { by: args.by });
  for (const follower of ctx.env.followingClocks ?? []) await follower.adminOk('POST', '/clock/advance', { to: answer.now }, true);
  return answer;
};

/** The customer's next `count` electronic payments decline with the gateway answer given: its Zuora account's, or its Stripe customer's. */
export const failNextPayments: StepRunner = async (ctx, args) => {
  const who = ctx.env.integration === 'stripe' ? { customer: (await stripeCustomerOf(ctx, args.customer)).id } : { accountNumber: (await zuoraAccountOf(ctx, args.customer)).accountNumber };
  return ctx.http.adminOk('POST', '/faults/payments', {
    ...who,
    ...(args.count !== undefined ? { count: args.count } : {}),
    ...(args.code !== undefined ? { gatewayResponseCode: String(args.code) } : {}),
    ...(args.message !== undefined ? { gatewayResponse: String(args.message) } : {}),
  });
};

/** The next `count` callout deliveries suffer the fault: drop, duplicate, delay or reorder. */
export const calloutFault: StepRunner = (ctx, args) =>
  ctx.http.adminOk('POST', '/faults/callouts', {
    mode: args.mode,
    ...(args.count !== undefined ? { count: args.count } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
  });
