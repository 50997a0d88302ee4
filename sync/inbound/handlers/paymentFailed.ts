import type { SyncContext } from '../../context.js';
import type { Subscription } from '../../model/types.js';
import type { CrudInvoice } from '../../zuora/types.js';
import { param, type CalloutBody, type Handler } from '../handler.js';
import { amountOf, balanceOf, invoiceTargets, isLatestInvoice } from '../invoices.js';
import { combine, skipped } from '../outcome.js';
import { differs, saveSubscription, type LoggedEvent } from '../subscriptionState.js';

async function recordFailure(ctx: SyncContext, sub: Subscription, invoice: CrudInvoice, body: CalloutBody): Promise<true> {
  const failure: LoggedEvent = {
    type: 'PAYMENT_FAILED',
    data: {
      invoiceId: invoice.Id,
      gatewayResponse: param(body, 'PaymentGatewayResponse') ?? null,
      gatewayResponseCode: param(body, 'PaymentGatewayResponseCode') ?? null,
      paymentId: param(body, 'PaymentId') ?? null,
      entityId: param(body, 'EntityID') ?? null,
    },
  };
  // The failure is logged whatever happened since; the subscription changes only while the invoice is
  // still owed by Zuora's balance now. A payment that went through after it (its InvoicePaid perhaps
  // applied already) leaves the subscription ACTIVE, whichever callout came first.
  const owed = balanceOf(invoice) > 0 && (await isLatestInvoice(ctx, sub, invoice));
  if (!owed) {
    await saveSubscription(ctx, sub, sub, [failure]);
    return true;
  }
  const next: Subscription = {
    ...sub,
    status: sub.status === 'ACTIVE' ? 'PAYMENT_PENDING' : sub.status,
    paymentCollection: 'FAILED',
    latestInvoice: { id: invoice.Id, status: 'OPEN', amount: amountOf(invoice), requiresAction: true },
  };
  const updated: LoggedEvent[] = differs(sub, next) ? [{ type: 'SUBSCRIPTION_UPDATED', data: { invoiceId: invoice.Id, status: next.status, latestInvoice: 'OPEN' } }] : [];
  await saveSubscription(ctx, sub, next, [failure, ...updated]);
  return true;
}

/** PaymentInvoiceId lists the invoices the payment was for, comma-separated. */
const invoiceIdsOf = (body: CalloutBody): string[] => [
  ...new Set(
    (param(body, 'PaymentInvoiceId') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  ),
];

/** StiggPaymentFailedEvent: log the gateway's answer; an ACTIVE subscription becomes PAYMENT_PENDING with its invoice open, action required. */
export const paymentFailed: Handler = {
  // Each failed attempt is its own event; without a PaymentId the invoice and gateway answer stand for it.
  key: (body) =>
    `StiggPaymentFailedEvent:${param(body, 'PaymentId') ?? [param(body, 'PaymentInvoiceId'), param(body, 'PaymentGatewayResponseCode'), param(body, 'PaymentGatewayResponse')].join('|')}`,
  async handle(ctx, body) {
    const invoiceIds = invoiceIdsOf(body);
    if (invoiceIds.length === 0) return skipped('the callout names no invoice');
    const results: Array<true | string> = [];
    for (const invoiceId of invoiceIds) {
      const targets = await invoiceTargets(ctx, invoiceId);
      if (typeof targets === 'string') {
        results.push(targets);
        continue;
      }
      for (const sub of targets.subscriptions) results.push(await recordFailure(ctx, sub, targets.invoice, body));
    }
    return combine(results);
  },
};
