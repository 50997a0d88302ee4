import { getAccount, type Account } from '../../domain/accounts.js';
import { getInvoice, invoicesOfAccount, itemsOfInvoice } from '../../domain/invoices/invoicing.js';
import type { Invoice, InvoiceItem } from '../../domain/invoices/model.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { v1Page } from './pagination.js';
import { toV1InvoiceItem } from './shapes/invoiceItem.js';
import { decimal } from './wireValues.js';
import { orNull } from './shapes/nulls.js';
import { creditMemoAmountOf } from '../../domain/invoices/creditMemos.js';

/**
 * The CRUD read of an invoice (`/v1/object/invoice/{id}`), capitalised as that API writes it: every
 * field of the (2017) ProxyGetInvoice schema, null where the invoice has no value. `Body`, the
 * invoice PDF, is not rendered by the emulator.
 */
export function toCrudInvoice(view: ReadView, invoice: Invoice): Record<string, unknown> {
  return {
    Id: invoice.id,
    AccountId: invoice.accountId,
    InvoiceNumber: invoice.invoiceNumber,
    InvoiceDate: invoice.invoiceDate,
    TargetDate: invoice.targetDate,
    DueDate: invoice.dueDate,
    Status: invoice.status,
    Amount: invoice.amount,
    AmountWithoutTax: invoice.amountWithoutTax,
    TaxAmount: invoice.taxAmount,
    TaxExemptAmount: 0,
    Balance: invoice.balance,
    PaymentAmount: invoice.paymentAmount,
    AdjustmentAmount: 0,
    CreditBalanceAdjustmentAmount: invoice.creditBalanceAdjustmentAmount ?? 0,
    CreditMemoAmount: creditMemoAmountOf(view, invoice),
    RefundAmount: 0,
    IncludesOneTime: invoice.includesOneTime,
    IncludesRecurring: invoice.includesRecurring,
    IncludesUsage: invoice.includesUsage,
    PostedDate: invoice.postedDate,
    PostedBy: invoice.postedBy,
    Comments: orNull(invoice.comments),
    LastEmailSentDate: orNull(invoice.lastEmailSentDate),
    TransferredToAccounting: invoice.transferredToAccounting ?? 'No',
    Body: null,
    CreatedById: invoice.createdById,
    CreatedDate: invoice.createdDate,
    UpdatedById: invoice.updatedById,
    UpdatedDate: invoice.updatedDate,
  };
}

/** Fields of the CRUD invoice read and the transactions list the emulator sends only as null. */
export const UNMODELLED_INVOICE_FIELDS = ['Body (CRUD read)', 'body (transactions list)', 'invoiceItems[].success (transactions list)'] as const;

export function getCrudInvoice(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: toCrudInvoice(view, getInvoice(view, ctx.params.id ?? '')) };
}


export function getInvoiceItemsV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const invoice = getInvoice(view, ctx.params.invoiceKey ?? '');
  const page = v1Page(itemsOfInvoice(view, invoice.id), ctx.query, `/v1/invoices/${invoice.id}/items`);
  return { body: { success: true, invoiceItems: page.items.map((item) => toV1InvoiceItem(view, item)), nextPage: page.nextPage ?? null } };
}

/** The transactions API prints fewer of an item's fields, in the same order, and always a unit of measure. */
const TRANSACTION_ITEM_FIELDS = [
  'id',
  'subscriptionId',
  'subscriptionName',
  'chargeId',
  'chargeName',
  'chargeDescription',
  'productName',
  'serviceStartDate',
  'serviceEndDate',
  'chargeAmount',
  'taxAmount',
  'quantity',
] as const;

function toTransactionItem(view: ReadView, item: InvoiceItem): Record<string, unknown> {
  const full = toV1InvoiceItem(view, item);
  // The (2017) schema lists `success` on each item too; the emulator has nothing to put there.
  return { ...Object.fromEntries(TRANSACTION_ITEM_FIELDS.map((field) => [field, full[field]])), unitOfMeasure: item.unitOfMeasure ?? '', success: null };
}

function toTransactionInvoice(view: ReadView, account: Account, invoice: Invoice): Record<string, unknown> {
  return {
    id: invoice.id,
    accountId: account.id,
    accountNumber: account.accountNumber,
    accountName: account.name,
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: invoice.invoiceDate,
    invoiceTargetDate: invoice.targetDate,
    dueDate: invoice.dueDate,
    status: invoice.status,
    amount: decimal(invoice.amount),
    balance: decimal(invoice.balance),
    creditBalanceAdjustmentAmount: decimal(invoice.creditBalanceAdjustmentAmount ?? 0),
    createdBy: invoice.createdById,
    body: null,
    invoiceItems: itemsOfInvoice(view, invoice.id).map((item) => toTransactionItem(view, item)),
    invoiceFiles: [],
  };
}

/** The account's invoices, newest first, as the transactions API lists them. */
export function listAccountInvoices(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const account = getAccount(view, ctx.params.account_key ?? '');
  const invoices = invoicesOfAccount(view, account.id).reverse();
  const page = v1Page(invoices, ctx.query, `/v1/transactions/invoices/accounts/${account.accountNumber}`);
  return {
    body: {
      success: true,
      invoices: page.items.map((invoice) => toTransactionInvoice(view, account, invoice)),
      nextPage: page.nextPage ?? null,
    },
  };
}
