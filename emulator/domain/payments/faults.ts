import type { ReadView, Transaction } from '../../state/transaction.js';
import type { GatewayBehaviour } from './model.js';

/** Injected gateway failures, one record per account: the next `remaining` attempts decline. */
const FAULTS = '_paymentFaults';

interface PaymentFault {
  id: string;
  remaining: number;
  responseCode: string;
  response: string;
}

export const DEFAULT_FAULT = { responseCode: 'card_declined', response: 'Your card was declined.' } as const;

export function injectPaymentFault(tx: Transaction, accountId: string, count: number, responseCode: string, response: string): void {
  tx.remove(FAULTS, accountId);
  tx.insert<PaymentFault>(FAULTS, { id: accountId, remaining: count, responseCode, response });
}

/** Takes one injected failure for the account, if any are left: it overrides the payment method's own outcome. */
export function takePaymentFault(tx: Transaction, accountId: string): GatewayBehaviour | undefined {
  const fault = tx.get<PaymentFault>(FAULTS, accountId);
  if (!fault || fault.remaining <= 0) return undefined;
  if (fault.remaining === 1) tx.remove(FAULTS, accountId);
  else tx.update<PaymentFault>(FAULTS, accountId, { remaining: fault.remaining - 1 });
  return { outcome: 'decline', responseCode: fault.responseCode, response: fault.response };
}

/** Injected failures still to come, by account id. */
export function paymentFaultsInForce(view: ReadView): Array<{ accountId: string; remaining: number; responseCode: string; response: string }> {
  return view
    .all<PaymentFault>(FAULTS)
    .filter((fault) => fault.remaining > 0)
    .map(({ id, remaining, responseCode, response }) => ({ accountId: id, remaining, responseCode, response }));
}
