import { invalidValue } from '../../domain/errors.js';
import { INVOICES } from '../../domain/invoices/model.js';
import { writeOff, type WriteOffRequest } from '../../domain/invoices/writeOffs.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';

// PUT /v1/invoices/{invoiceKey}/write-off.

/** PUTWriteOffInvoiceRequest: the members the emulator acts on; item-level write-offs are refused (see below). */
export const writeOffSchema = {
  type: 'object',
  properties: {
    amount: { type: 'number' },
    comment: { type: 'string', maxLength: 255 },
    memoDate: { type: 'string', format: 'date' },
    reasonCode: { type: 'string', minLength: 1, maxLength: 255 },
    revenueImpacting: { enum: ['Yes', 'No'] },
  },
} as const;

/** PUTWriteOffInvoiceResponse: the new credit memo's id; the memo itself reads through /v1/credit-memos. */
export async function putInvoiceWriteOff(ctx: RequestContext): Promise<Reply> {
  const body = (ctx.body ?? {}) as WriteOffRequest & { items?: unknown };
  if (body.items !== undefined) throw invalidValue(INVOICES, 'items', 'The emulator writes off an amount of the invoice, not item by item; leave items out');
  const { amount, comment, memoDate, reasonCode } = body;
  const request: WriteOffRequest = {
    ...(amount !== undefined ? { amount } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(memoDate !== undefined ? { memoDate } : {}),
    ...(reasonCode !== undefined ? { reasonCode } : {}),
  };
  const memo = await ctx.services.store.transact(ctx.tenant, (tx) => writeOff(tx, ctx.params.invoiceKey ?? '', request));
  return { body: { success: true, creditMemo: { id: memo.id } } };
}
