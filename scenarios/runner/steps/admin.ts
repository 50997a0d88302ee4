import { zuoraAccountOf, type StepRunner } from './context.js';

// The emulator's admin API (/__emulator/*): time travel and injected faults.

/** `P1M` / `{by: P1M}` or `{to: ISO}`; answers once every job on the way has run and the tenant is quiet. */
export const advanceClock: StepRunner = (ctx, args) =>
  ctx.http.adminOk('POST', '/clock/advance', args.to !== undefined ? { to: new Date(args.to).toISOString() } : { by: args.by });

/** The customer's next `count` electronic payments decline with the gateway answer given. */
export const failNextPayments: StepRunner = async (ctx, args) => {
  const { accountNumber } = await zuoraAccountOf(ctx, args.customer);
  return ctx.http.adminOk('POST', '/faults/payments', {
    accountNumber,
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
