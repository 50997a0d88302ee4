import { ACCOUNTS, type Account } from '../../domain/accounts.js';
import { paymentFaultsInForce } from '../../domain/payments/faults.js';
import { calloutFaultInForce } from '../../events/calloutFaults.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';

/** The fault modes in force: what the next callout deliveries and each account's next payments will suffer. */
export function listFaults(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const payments = paymentFaultsInForce(view).map((fault) => ({
    ...fault,
    accountNumber: view.get<Account>(ACCOUNTS, fault.accountId)?.accountNumber ?? null,
  }));
  return { body: { callouts: calloutFaultInForce(view), payments } };
}
