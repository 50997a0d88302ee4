import { withContacts } from '../../domain/accounts.js';
import { emailInvoice, TRANSFER_STATES, updateInvoice, type InvoicePatch } from '../../domain/invoices/invoiceUpdates.js';
import { creditMemoAmountOf } from '../../domain/invoices/creditMemos.js';
import { getInvoice } from '../../domain/invoices/invoicing.js';
import type { Invoice } from '../../domain/invoices/model.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { orNull, unmodelled } from './shapes/nulls.js';

// GET and PUT /v1/invoices/{invoiceKey}, and POST /v1/invoices/{invoiceKey}/emails.

export const invoiceUpdateSchema = {
  type: 'object',
  properties: {
    dueDate: { type: 'string', format: 'date' },
    comments: { type: 'string', maxLength: 255 },
    transferredToAccounting: { enum: TRANSFER_STATES.filter((state) => state !== 'No') },
  },
} as const;

export const invoiceEmailSchema = {
  type: 'object',
  properties: {
    emailAddresses: { type: 'string', maxLength: 1000 },
    includeAdditionalEmailAddresses: { type: 'boolean' },
    useEmailTemplateSetting: { type: 'boolean' },
  },
} as const;

/** The fields the read and the update answer share, named alike in both. */
function commonInvoiceFields(invoice: Invoice): Record<string, unknown> {
  return {
    success: true,
    id: invoice.id,
    accountId: invoice.accountId,
    status: invoice.status,
    invoiceDate: invoice.invoiceDate,
    targetDate: invoice.targetDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    amount: invoice.amount,
    balance: invoice.balance,
    taxAmount: invoice.taxAmount,
    creditBalanceAdjustmentAmount: invoice.creditBalanceAdjustmentAmount ?? 0,
    discount: 0,
    createdById: invoice.createdById,
    createdDate: invoice.createdDate,
    updatedById: invoice.updatedById,
    updatedDate: invoice.updatedDate,
  };
}

/** GETInvoiceResponse: every field, null where the emulator has no value. */
export function toV1Invoice(view: ReadView, invoice: Invoice): Record<string, unknown> {
  const { account, billTo, soldTo } = withContacts(view, invoice.accountId);
  return {
    ...commonInvoiceFields(invoice),
    invoiceNumber: invoice.invoiceNumber,
    amountWithoutTax: invoice.amountWithoutTax,
    paymentAmount: invoice.paymentAmount,
    adjustmentAmount: 0,
    creditMemoAmount: creditMemoAmountOf(view, invoice),
    refundAmount: 0,
    taxExemptAmount: 0,
    includesOneTime: invoice.includesOneTime,
    includesRecurring: invoice.includesRecurring,
    includesUsage: invoice.includesUsage,
    autoPay: account.autoPay,
    paymentTerm: account.paymentTerm,
    billToContactId: billTo?.id ?? null,
    soldToContactId: soldTo?.id ?? null,
    comments: orNull(invoice.comments),
    postedBy: invoice.postedBy,
    postedDate: invoice.postedDate?.slice(0, 10) ?? null,
    transferredToAccounting: invoice.transferredToAccounting ?? 'No',
    lastEmailSentDate: orNull(invoice.lastEmailSentDate),
    sourceType: 'Subscription',
    billRunId: orNull(invoice.billRunId),
    ...unmodelled([
      'billToContactSnapshotId',
      'soldToContactSnapshotId',
      'shipToContactId',
      'shipToContactSnapshotId',
      'communicationProfileId',
      'sequenceSetId',
      'templateId',
      'invoiceGroupNumber',
      'organizationLabel',
      'source',
      'sourceId',
      'taxMessage',
      'taxStatus',
      'einvoiceStatus',
      'einvoiceFileId',
      'einvoiceErrorCode',
      'einvoiceErrorMessage',
    ]),
  };
}

export function getInvoiceV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: toV1Invoice(view, getInvoice(view, ctx.params.invoiceKey ?? '')) };
}

/** PutInvoiceResponseType: the update answers in its own shape (`number`, `comment`, `postedOn`...). */
function toV1InvoiceUpdated(view: ReadView, invoice: Invoice): Record<string, unknown> {
  const { account } = withContacts(view, invoice.accountId);
  return {
    ...commonInvoiceFields(invoice),
    number: invoice.invoiceNumber,
    totalTaxExemptAmount: 0,
    autoPay: account.autoPay,
    comment: orNull(invoice.comments),
    // The update schema's enum has no `No`: an invoice never transferred answers null.
    transferredToAccounting: invoice.transferredToAccounting === 'No' ? null : orNull(invoice.transferredToAccounting),
    postedById: invoice.postedBy,
    postedOn: invoice.postedDate,
    ...unmodelled(['templateId', 'cancelledById', 'cancelledOn']),
  };
}

export async function putInvoiceV1(ctx: RequestContext): Promise<Reply> {
  const updated = await ctx.services.store.transact(ctx.tenant, (tx) => updateInvoice(tx, ctx.params.invoiceKey ?? '', ctx.body as InvoicePatch));
  return { body: toV1InvoiceUpdated(ctx.services.store.view(ctx.tenant), updated) };
}

export async function postInvoiceEmails(ctx: RequestContext): Promise<Reply> {
  const body = (ctx.body ?? {}) as { emailAddresses?: string; includeAdditionalEmailAddresses?: boolean };
  await ctx.services.store.transact(ctx.tenant, (tx) => emailInvoice(tx, ctx.params.invoiceKey ?? '', body));
  return { body: { success: true } };
}
