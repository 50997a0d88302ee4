import { getAccount, withContacts, type Account } from '../../domain/accounts.js';
import { addDays } from '../../domain/billing/dates.js';
import { getCreditMemo } from '../../domain/invoices/creditMemos.js';
import { getInvoice, itemsOfInvoice } from '../../domain/invoices/invoicing.js';
import { CREDIT_MEMOS, INVOICE_ITEMS, INVOICES, type CreditMemo, type Invoice, type InvoiceItem } from '../../domain/invoices/model.js';
import { tenantToday } from '../../domain/tenantTime.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { compact } from '../shape.js';
import { toV2Account } from './accounts.js';
import { found } from './found.js';
import { paginate } from './pagination.js';
import { expansions, quickstartObject } from './shape.js';

// Quickstart reads of billing documents: invoices (`/v2/invoices`), their items
// (`/v2/invoice_items`) and credit memos (`/v2/credit_memos`), shaped as the Quickstart `invoice`,
// `invoiceItem` and `creditMemo` schemas (additionalProperties: false: only what they declare).

const INVOICE_STATES: Record<Invoice['status'], string> = { Draft: 'draft', Posted: 'posted', Canceled: 'canceled' };

export function toV2InvoiceItem(item: InvoiceItem): Record<string, unknown> {
  return quickstartObject(item, {
    custom_fields: {},
    invoice_id: item.invoiceId,
    name: item.chargeName,
    description: item.productName,
    amount: item.chargeAmount,
    tax: item.taxAmount,
    quantity: item.quantity,
    unit_amount: item.unitPrice ?? undefined,
    unit_of_measure: item.unitOfMeasure ?? undefined,
    service_start: item.serviceStartDate,
    // The billing model keeps the exclusive end; Zuora shows the last day served.
    service_end: addDays(item.serviceEndDate, -1),
    subscription_id: item.subscriptionId,
    subscription_item_id: item.chargeId,
    price_id: item.productRatePlanChargeId,
    discount_item: item.processingType === 'Discount',
    tax_inclusive: false,
  });
}

function accountOf(view: ReadView, accountId: string, expand: ReadonlySet<string>): Record<string, unknown> | undefined {
  return expand.has('account') ? toV2Account(withContacts(view, accountId), new Set()) : undefined;
}

export function toV2Invoice(view: ReadView, invoice: Invoice, expand: ReadonlySet<string>): Record<string, unknown> {
  const account = view.get<Account>('Account', invoice.accountId);
  const posted = invoice.status === 'Posted';
  const items = expand.has('items') || expand.has('invoice_items');
  return quickstartObject(invoice, {
    custom_fields: {},
    account_id: invoice.accountId,
    account_number: account?.accountNumber,
    account: accountOf(view, invoice.accountId, expand),
    invoice_number: invoice.invoiceNumber,
    description: invoice.comments,
    document_date: invoice.invoiceDate,
    due_date: invoice.dueDate,
    currency: invoice.currency,
    state: INVOICE_STATES[invoice.status],
    state_transitions: compact({ posted_time: invoice.postedDate ?? undefined }),
    posted_by_id: invoice.postedBy ?? undefined,
    total: invoice.amount,
    subtotal: invoice.amountWithoutTax,
    tax: invoice.taxAmount,
    balance: invoice.balance,
    remaining_balance: invoice.balance,
    paid: posted && invoice.balance === 0,
    past_due: posted && invoice.balance > 0 && invoice.dueDate < tenantToday(view),
    transfer_to_accounting: invoice.transferredToAccounting === 'Yes',
    bill_to_id: account?.billToId ?? undefined,
    sold_to_id: account?.soldToId ?? undefined,
    payment_terms: account?.paymentTerm,
    items: items ? { next_page: null, data: itemsOfInvoice(view, invoice.id).map(toV2InvoiceItem) } : undefined,
  });
}

export function toV2CreditMemo(view: ReadView, memo: CreditMemo, expand: ReadonlySet<string>): Record<string, unknown> {
  const account = getAccount(view, memo.accountId);
  return quickstartObject(memo, {
    custom_fields: {},
    account_id: memo.accountId,
    account_number: account.accountNumber,
    account: accountOf(view, memo.accountId, expand),
    credit_memo_number: memo.memoNumber,
    description: memo.comment ?? undefined,
    document_date: memo.memoDate,
    reason_code: memo.reasonCode,
    invoice_id: memo.referredInvoiceId ?? undefined,
    currency: memo.currency,
    state: 'posted',
    state_transitions: { posted_time: memo.postedOn },
    posted_by_id: memo.postedById,
    total: memo.amount,
    subtotal: memo.amount,
    tax: 0,
    balance: memo.unappliedAmount,
    remaining_balance: memo.unappliedAmount,
    amount_refunded: memo.refundAmount,
    transfer_to_accounting: false,
    bill_to_id: account.billToId ?? undefined,
    applied_to: memo.applications.map((application) => ({ billing_document_id: application.invoiceId, billing_document_type: 'invoice', amount: application.amount })),
  });
}

export function listInvoicesV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const expand = expansions(ctx.query);
  return { body: paginate(view.scan<Invoice>(INVOICES), (invoice) => toV2Invoice(view, invoice, expand), ctx.query, INVOICES) };
}

export function getInvoiceV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const key = ctx.params.invoice_id ?? '';
  return { body: toV2Invoice(view, found(() => getInvoice(view, key), INVOICES, key, 'invoice_id'), expansions(ctx.query)) };
}

export function listInvoiceItemsV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const expand = expansions(ctx.query);
  const shape = (item: InvoiceItem) => {
    const invoice = view.get<Invoice>(INVOICES, item.invoiceId);
    return { ...toV2InvoiceItem(item), ...(expand.has('invoice') && invoice ? { invoice: toV2Invoice(view, invoice, new Set()) } : {}) };
  };
  return { body: paginate(view.scan<InvoiceItem>(INVOICE_ITEMS), shape, ctx.query, INVOICE_ITEMS) };
}

export function listCreditMemosV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const expand = expansions(ctx.query);
  return { body: paginate(view.scan<CreditMemo>(CREDIT_MEMOS), (memo) => toV2CreditMemo(view, memo, expand), ctx.query, CREDIT_MEMOS) };
}

export function getCreditMemoV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const key = ctx.params.credit_memo_id ?? '';
  return { body: toV2CreditMemo(view, found(() => getCreditMemo(view, key), CREDIT_MEMOS, key, 'credit_memo_id'), expansions(ctx.query)) };
}
