import { ACCOUNTS, type Account } from '../../domain/accounts.js';
import { getCreditMemo } from '../../domain/invoices/creditMemos.js';
import type { CreditMemo } from '../../domain/invoices/model.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';

/** A credit memo as `GET /v1/credit-memos/{creditMemoKey}` answers it (GETCreditMemoType): every field, null where there is no value. */
export function toV1CreditMemo(view: ReadView, memo: CreditMemo): Record<string, unknown> {
  const account = view.get<Account>(ACCOUNTS, memo.accountId);
  return {
    accountId: memo.accountId,
    accountNumber: account?.accountNumber ?? null,
    amount: memo.amount,
    appliedAmount: memo.appliedAmount,
    autoApplyUponPosting: false,
    billToContactId: account?.billToId ?? null,
    billToContactSnapshotId: null,
    cancelledById: null,
    cancelledOn: null,
    comment: memo.comment,
    communicationProfileId: account?.communicationProfileId ?? null,
    createdById: memo.createdById,
    createdDate: memo.createdDate,
    creditMemoDate: memo.memoDate,
    currency: memo.currency,
    einvoiceErrorCode: null,
    einvoiceErrorMessage: null,
    einvoiceFileId: null,
    einvoiceStatus: null,
    excludeFromAutoApplyRules: false,
    excludeItemBillingFromRevenueAccounting: false,
    id: memo.id,
    invoiceGroupNumber: null,
    latestPDFFileId: null,
    number: memo.memoNumber,
    postedById: memo.postedById,
    postedOn: memo.postedOn,
    reasonCode: memo.reasonCode,
    referredInvoiceId: memo.referredInvoiceId,
    refundAmount: memo.refundAmount,
    revenueImpacting: 'Yes',
    reversed: false,
    sequenceSetId: account?.sequenceSetId ?? null,
    source: memo.sourceType === 'Subscription' ? 'BillRun' : 'API',
    sourceId: memo.sourceId,
    sourceType: memo.sourceType,
    status: memo.status,
    targetDate: memo.targetDate,
    taxAmount: 0,
    taxMessage: null,
    taxStatus: null,
    totalTaxExemptAmount: 0,
    transferredToAccounting: 'No',
    unappliedAmount: memo.unappliedAmount,
    updatedById: memo.updatedById,
    updatedDate: memo.updatedDate,
    success: true,
  };
}

/** `GET /v1/credit-memos/{creditMemoKey}` (also `/v1/creditmemos/...`): by id or by number. */
export function getCreditMemoV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: toV1CreditMemo(view, getCreditMemo(view, ctx.params.creditMemoKey ?? '')) };
}
