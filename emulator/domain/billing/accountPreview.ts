import type { ReadView } from '../../state/transaction.js';
import { getAccount } from '../accounts.js';
import type { ChargeType } from '../catalog/charges.js';
import { subscriptionsOfAccount } from '../subscriptions/queries.js';
import { previewInvoice, type PreviewItem } from './preview.js';

// The billing preview of an account (POST /v1/operations/billing-preview): what a bill run with the
// target date would invoice for every subscription the account owns, by the same billing math as
// invoices; nothing is written.

export interface BillingPreviewOptions {
  targetDate: string;
  chargeTypesToExclude: readonly ChargeType[];
  /** Zuora leaves evergreen subscriptions out of a billing preview unless asked. */
  includingEvergreenSubscription: boolean;
}

export interface BillingPreview {
  accountId: string;
  items: PreviewItem[];
}

export function billingPreview(view: ReadView, accountKey: string, options: BillingPreviewOptions): BillingPreview {
  const account = getAccount(view, accountKey);
  const subscriptions = subscriptionsOfAccount(view, account.id).filter(
    (subscription) =>
      subscription.isLatestVersion &&
      subscription.status !== 'Draft' &&
      subscription.status !== 'Expired' &&
      (options.includingEvergreenSubscription || subscription.termType === 'TERMED'),
  );
  const { items } = previewInvoice(view, subscriptions, { kind: 'date', date: options.targetDate });
  return { accountId: account.id, items: items.filter((item) => !item.chargeType || !options.chargeTypesToExclude.includes(item.chargeType)) };
}
