export const INVOICES = 'Invoice';
export const INVOICE_ITEMS = 'InvoiceItem';

export type InvoiceStatus = 'Draft' | 'Posted' | 'Canceled';

/** An invoice as Zuora's Invoice object holds it. Dates are YYYY-MM-DD; money is in `currency`. */
export type Invoice = {
  id: string;
  invoiceNumber: string;
  accountId: string;
  status: InvoiceStatus;
  invoiceDate: string;
  targetDate: string;
  dueDate: string;
  currency: string;
  amount: number;
  amountWithoutTax: number;
  taxAmount: number;
  /** What is still owed. */
  balance: number;
  paymentAmount: number;
  /** The on-demand bill run that made it, if one did. */
  billRunId?: string;
  /** Credit balance spent on the invoice, negative (absent when none was). */
  creditBalanceAdjustmentAmount?: number;
  includesRecurring: boolean;
  includesOneTime: boolean;
  includesUsage: boolean;
  postedDate: string | null;
  postedBy: string | null;
  comments?: string;
  /** Whether the invoice went to the accounting system (Zuora's `transferredToAccounting`); unset is No. */
  transferredToAccounting?: 'Processing' | 'Yes' | 'Error' | 'Ignore' | 'No';
  lastEmailSentDate?: string;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};

/** One line of an invoice: a charge (or credit) for a span of service of one subscription charge. */
export type InvoiceItem = {
  id: string;
  invoiceId: string;
  accountId: string;
  subscriptionId: string;
  subscriptionNumber: string;
  /** The subscription charge (segment) billed. */
  chargeId: string;
  chargeNumber: string;
  chargeName: string;
  productRatePlanChargeId: string;
  productName: string;
  chargeType: 'OneTime' | 'Recurring' | 'Usage';
  processingType: 'Charge' | 'Credit' | 'Discount';
  serviceStartDate: string;
  /** Exclusive, like every end date in the billing model. */
  serviceEndDate: string;
  quantity: number;
  unitPrice: number | null;
  unitOfMeasure: string | null;
  chargeAmount: number;
  taxAmount: number;
  createdDate: string;
  updatedDate: string;
};

export const CREDIT_MEMOS = 'CreditMemo';

/** Where a credit memo came from, as Zuora's `sourceType` says. */
export type CreditMemoSourceType = 'Subscription' | 'Invoice' | 'Order';

/** One application of a credit memo to an invoice. */
export type CreditMemoApplication = {
  invoiceId: string;
  amount: number;
  appliedDate: string;
};

/**
 * A credit memo as Zuora's CreditMemo object holds it: credit the account is owed, from a bill run
 * whose credits outweigh its charges (cancellations, downgrades) or from writing an invoice off.
 * Posted at once (a bill run that does not post leaves it Draft); `unappliedAmount` is what is left after applying it to invoices.
 */
export type CreditMemo = {
  id: string;
  memoNumber: string;
  accountId: string;
  status: 'Draft' | 'Posted' | 'Canceled';
  memoDate: string;
  targetDate: string | null;
  currency: string;
  amount: number;
  appliedAmount: number;
  unappliedAmount: number;
  refundAmount: number;
  reasonCode: string;
  comment: string | null;
  sourceType: CreditMemoSourceType;
  /** The subscription number, invoice id or order number it came from. */
  sourceId: string | null;
  referredInvoiceId: string | null;
  applications: CreditMemoApplication[];
  /** Accounting codes a write-off asked for (`writeOffBehavior.financeInformation`). */
  financeInformation?: Readonly<Record<string, string>>;
  postedById: string | null;
  postedOn: string | null;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};
