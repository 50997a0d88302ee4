import { apiUserId } from '../../state/ids.js';
import { extend } from '../../state/paths.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { ACCOUNTS, type Account } from '../accounts.js';
import { billableItems } from '../billing/billableItems.js';
import { addDays } from '../billing/dates.js';
import { billingInputOf } from '../billing/preview.js';
import { roundMoney } from '../billing/rating.js';
import { getProduct } from '../catalog/products.js';
import { notFound } from '../errors.js';
import { DEFAULT_PAYMENT_TERM, findPaymentTerm } from '../paymentTerms.js';
import { SUBSCRIPTION_CHARGES, type Subscription, type SubscriptionCharge } from '../subscriptions/model.js';
import { ratePlansOf, subscriptionsOfAccount } from '../subscriptions/queries.js';
import { markProcessed } from '../usage/usage.js';
import { tenantToday } from '../tenantTime.js';
import { usageItemsFor } from './usageItems.js';
import { applyToOpenInvoices, BILLING_CREDIT_REASON, postCreditMemo } from './creditMemos.js';
import { INVOICE_ITEMS, INVOICES, type CreditMemo, type Invoice, type InvoiceItem } from './model.js';

type NewItem = Omit<InvoiceItem, 'id' | 'invoiceId' | 'accountId' | 'createdDate' | 'updatedDate'>;

/** A charge billing moved on: its charged-through date before, so a cancelled bill run can put it back. */
export interface ChargeMove {
  chargeId: string;
  from: string;
}

/** The lines billing a subscription through `targetDate` would add, and the charge dates it moves. */
function itemsOf(tx: Transaction, subscription: Subscription, targetDate: string): { items: NewItem[]; usageIds: string[]; moves: ChargeMove[] } {
  const input = billingInputOf(tx, subscription);
  const charges = new Map(input.charges.map((charge) => [charge.id, charge]));
  const plans = new Map(ratePlansOf(tx, subscription.id).map((plan) => [plan.id, plan]));
  const productName = (charge: SubscriptionCharge): string => {
    const plan = plans.get(charge.ratePlanId);
    return plan ? getProduct(tx, plan.productId).name : '';
  };
  const { items, chargedThroughDates } = billableItems(input, targetDate);
  const moves: ChargeMove[] = [];
  for (const [chargeId, date] of Object.entries(chargedThroughDates)) {
    moves.push({ chargeId, from: (charges.get(chargeId) as SubscriptionCharge).chargedThroughDate });
    tx.update<SubscriptionCharge>(SUBSCRIPTION_CHARGES, chargeId, { chargedThroughDate: date });
  }
  const recurring: NewItem[] = items.map((item) => {
    const charge = charges.get(item.chargeId) as SubscriptionCharge;
    return {
      subscriptionId: subscription.id,
      subscriptionNumber: subscription.subscriptionNumber,
      chargeId: item.chargeId,
      chargeNumber: item.chargeNumber,
      chargeName: item.chargeName,
      productRatePlanChargeId: charge.productRatePlanChargeId,
      productName: productName(charge),
      chargeType: charge.chargeType,
      processingType: item.processingType,
      serviceStartDate: item.serviceStartDate,
      serviceEndDate: item.serviceEndDate,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      unitOfMeasure: charge.uom,
      chargeAmount: item.amount,
      taxAmount: 0,
    };
  });
  const usage = usageItemsFor(tx, subscription, input, targetDate);
  return {
    items: [...recurring, ...usage.items.map((item) => extend(item, { productName: productName(charges.get(item.chargeId) as SubscriptionCharge) }))],
    usageIds: usage.usageIds,
    moves,
  };
}

/** The due date an account's payment term gives an invoice dated `invoiceDate`. */
function dueDateOf(account: Account, subscriptions: readonly Subscription[], invoiceDate: string): string {
  const termName = subscriptions.find((subscription) => subscription.paymentTerm)?.paymentTerm ?? account.paymentTerm ?? DEFAULT_PAYMENT_TERM;
  return addDays(invoiceDate, findPaymentTerm(termName)?.dueDays ?? 0);
}

export interface InvoiceRunOptions {
  /** Bill only these subscriptions (by number); all of the account's otherwise. */
  only?: ReadonlySet<string>;
  /** The document date; the tenant's today otherwise. */
  invoiceDate?: string;
  /** The reason a credit memo gets when the credits outweigh the charges. */
  creditMemoReasonCode?: string;
  /** Leave the invoice or credit memo in Draft, for a bill run that posts (or cancels) it later. */
  draft?: boolean;
  /** The on-demand bill run billing, recorded on the invoice. */
  billRunId?: string;
}

/** What billing produced: an invoice, or a credit memo when credits outweigh charges; neither when nothing was due. */
export interface BilledDocuments {
  invoice?: Invoice;
  creditMemo?: CreditMemo;
  /** The charges it billed, with their charged-through dates before. */
  moves: ChargeMove[];
}

/**
 * Bills the account's subscriptions through `targetDate`. A net charge posts an invoice (credit
 * lines included); a net credit (a cancellation, a downgrade) posts a credit memo instead, applied
 * to the account's open invoices, as Zuora's bill runs do with invoice settlement.
 */
export function invoiceAccount(tx: Transaction, accountId: string, targetDate: string, options: InvoiceRunOptions = {}): BilledDocuments {
  const account = tx.get<Account>(ACCOUNTS, accountId);
  if (!account) throw notFound(ACCOUNTS, accountId);
  const { only } = options;
  const subscriptions = subscriptionsOfAccount(tx, account.id).filter((subscription) => !only || only.has(subscription.subscriptionNumber));
  const lines: NewItem[] = [];
  const usageIds: string[] = [];
  const moves: ChargeMove[] = [];
  for (const subscription of subscriptions) {
    const billed = itemsOf(tx, subscription, targetDate);
    lines.push(...billed.items);
    usageIds.push(...billed.usageIds);
    moves.push(...billed.moves);
  }
  if (lines.length === 0) return { moves };
  const amount = roundMoney(lines.reduce((sum, line) => sum + line.chargeAmount, 0));
  const documentDate = options.invoiceDate ?? tenantToday(tx);
  if (amount < 0) {
    const memo = postCreditMemo(tx, {
      accountId: account.id,
      amount: -amount,
      reasonCode: options.creditMemoReasonCode ?? BILLING_CREDIT_REASON,
      sourceType: 'Subscription',
      sourceId: lines[0]?.subscriptionNumber ?? null,
      targetDate,
      memoDate: documentDate,
      ...(options.draft ? { draft: true } : {}),
    });
    markProcessed(tx, usageIds, memo.id);
    return { creditMemo: options.draft ? memo : applyToOpenInvoices(tx, memo), moves };
  }
  const invoice = insertInvoice(tx, account, subscriptions, lines, { amount, targetDate, invoiceDate: documentDate, billRunId: options.billRunId });
  markProcessed(tx, usageIds, invoice.id);
  return { invoice: options.draft ? invoice : postInvoice(tx, invoice.id), moves };
}

function insertInvoice(
  tx: Transaction,
  account: Account,
  subscriptions: readonly Subscription[],
  lines: readonly NewItem[],
  { amount, targetDate, invoiceDate, billRunId }: { amount: number; targetDate: string; invoiceDate: string; billRunId: string | undefined },
): Invoice {
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  const id = tx.newId();
  const invoice = tx.insert<Invoice>(INVOICES, {
    id,
    invoiceNumber: tx.nextNumber('invoice'),
    accountId: account.id,
    status: 'Draft',
    invoiceDate,
    targetDate,
    dueDate: dueDateOf(account, subscriptions, invoiceDate),
    currency: account.currency,
    amount,
    amountWithoutTax: amount,
    taxAmount: 0,
    balance: amount,
    paymentAmount: 0,
    includesRecurring: lines.some((line) => line.chargeType === 'Recurring'),
    includesOneTime: lines.some((line) => line.chargeType === 'OneTime'),
    includesUsage: lines.some((line) => line.chargeType === 'Usage'),
    postedDate: null,
    postedBy: null,
    ...(billRunId ? { billRunId } : {}),
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
  for (const line of lines) {
    tx.insert<InvoiceItem>(INVOICE_ITEMS, extend(line, { id: tx.newId(), invoiceId: id, accountId: account.id, createdDate: now, updatedDate: now }));
  }
  return invoice;
}

/** Posting makes the invoice owed: its amount joins the account balance. */
export function postInvoice(tx: Transaction, invoiceId: string): Invoice {
  const invoice = tx.get<Invoice>(INVOICES, invoiceId) as Invoice;
  const account = tx.get<Account>(ACCOUNTS, invoice.accountId) as Account;
  const now = tx.now().toISOString();
  tx.update<Account>(ACCOUNTS, account.id, { balance: roundMoney(account.balance + invoice.balance), updatedDate: now });
  return tx.update<Invoice>(INVOICES, invoiceId, { status: 'Posted', postedDate: now, postedBy: apiUserId(tx.tenant), updatedDate: now });
}

export function getInvoice(view: ReadView, key: string): Invoice {
  const invoice = view.get<Invoice>(INVOICES, key) ?? view.findBy<Invoice>(INVOICES, 'invoiceNumber', key);
  if (!invoice) throw notFound(INVOICES, key, 'invoice_key');
  return invoice;
}

export function itemsOfInvoice(view: ReadView, invoiceId: string): InvoiceItem[] {
  return view.filterBy<InvoiceItem>(INVOICE_ITEMS, 'invoiceId', invoiceId);
}

export function invoicesOfAccount(view: ReadView, accountId: string): Invoice[] {
  return view.filterBy<Invoice>(INVOICES, 'accountId', accountId);
}

/** Posted invoices that still owe something, oldest first. */
export function openInvoices(view: ReadView, accountId: string): Invoice[] {
  return invoicesOfAccount(view, accountId).filter((invoice) => invoice.status === 'Posted' && invoice.balance > 0);
}
