import type { PaymentPart } from '../../domain/payments/model.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView, Transaction } from '../../state/transaction.js';

// What payments and credit memos share on the wire: moving an amount onto invoices and back.

/** The `invoices` list of ApplyPaymentType, ApplyCreditMemoType and their unapply twins. */
const invoiceParts = {
  type: 'array',
  minItems: 1,
  maxItems: 1000,
  items: { type: 'object', required: ['invoiceId', 'amount'], properties: { invoiceId: { type: 'string', minLength: 1 }, amount: { type: 'number' } } },
} as const;

/** The body of an apply or unapply call, limited to invoices (debit memos are not modelled). */
export const applicationSchema = {
  type: 'object',
  required: ['invoices'],
  properties: { invoices: invoiceParts, effectiveDate: { type: 'string', format: 'date' } },
} as const;

/** A PUT handler that applies (or unapplies) the document named by `param` in one transaction, then answers its read shape. */
export function applicationHandler<T>(
  param: string,
  work: (tx: Transaction, key: string, parts: readonly PaymentPart[]) => T,
  shape: (view: ReadView, document: T) => Record<string, unknown>,
) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const { invoices } = ctx.body as { invoices: PaymentPart[] };
    const { store } = ctx.services;
    const document = await store.transact(ctx.tenant, (tx) => work(tx, ctx.params[param] ?? '', invoices));
    return { body: shape(store.view(ctx.tenant), document) };
  };
}
