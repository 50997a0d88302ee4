import { getAccount, listAccounts, type Account } from '../../domain/accounts.js';
import { CONTACTS, type Contact } from '../../domain/contacts.js';
import { WRITE_OFF_REASON } from '../../domain/invoices/creditMemos.js';
import { invoicesOfAccount, itemsOfInvoice } from '../../domain/invoices/invoicing.js';
import { CREDIT_MEMOS, type CreditMemo } from '../../domain/invoices/model.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../../domain/payments/model.js';
import { paymentsOfAccount } from '../../domain/payments/payments.js';
import { subscriptionsOfAccount } from '../../domain/subscriptions/queries.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';

// The inspector's view of accounts: what a person debugging billing looks for first, read straight
// from the store (the emulator's own view, not Zuora's API).

function paymentMethodsOf(view: ReadView, accountId: string) {
  return view.filterBy<PaymentMethod>(PAYMENT_METHODS, 'accountId', accountId).map((method) => ({
    id: method.id,
    type: method.type,
    brand: method.creditCardType,
    last4: method.creditCardLast4,
    expires: method.creditCardExpirationMonth ? `${method.creditCardExpirationMonth}/${method.creditCardExpirationYear}` : null,
    status: method.status,
    gatewayOutcome: method.gateway.outcome,
    numConsecutiveFailures: method.numConsecutiveFailures,
    lastTransactionStatus: method.lastTransactionStatus,
  }));
}

function summary(view: ReadView, account: Account) {
  const billTo = account.billToId === null ? undefined : view.get<Contact>(CONTACTS, account.billToId);
  return {
    id: account.id,
    accountNumber: account.accountNumber,
    name: account.name,
    status: account.status,
    currency: account.currency,
    balance: account.balance,
    creditBalance: account.creditBalance,
    autoPay: account.autoPay,
    billCycleDay: account.billCycleDay,
    defaultPaymentMethodId: account.defaultPaymentMethodId,
    billTo: billTo ? { name: [billTo.firstName, billTo.lastName].filter(Boolean).join(' '), email: billTo.workEmail ?? null } : null,
    customFields: account.customFields,
    paymentMethods: paymentMethodsOf(view, account.id),
  };
}

/** Same instant: the invoice first, then the credit memo applied to it, then the payment that paid it. */
const KIND_ORDER = { invoice: 0, creditMemo: 1, payment: 2 } as const;

/** Invoices, credit memos (write-offs among them) and payments of an account, oldest first, each with what links it to the rest. */
function timeline(view: ReadView, accountId: string) {
  const invoices = invoicesOfAccount(view, accountId);
  const numberOf = new Map(invoices.map((invoice) => [invoice.id, invoice.invoiceNumber]));
  const entries = [
    ...invoices.map((invoice) => ({
      kind: 'invoice' as const,
      at: invoice.createdDate,
      id: invoice.id,
      number: invoice.invoiceNumber,
      status: invoice.status,
      date: invoice.invoiceDate,
      dueDate: invoice.dueDate,
      amount: invoice.amount,
      balance: invoice.balance,
      items: itemsOfInvoice(view, invoice.id).map((item) => ({
        id: item.id,
        subscriptionNumber: item.subscriptionNumber,
        subscriptionId: item.subscriptionId,
        chargeNumber: item.chargeNumber,
        chargeName: item.chargeName,
        serviceStartDate: item.serviceStartDate,
        serviceEndDate: item.serviceEndDate,
        quantity: item.quantity,
        amount: item.chargeAmount,
      })),
    })),
    ...view.filterBy<CreditMemo>(CREDIT_MEMOS, 'accountId', accountId).map((memo) => ({
      kind: 'creditMemo' as const,
      at: memo.createdDate,
      id: memo.id,
      number: memo.memoNumber,
      status: memo.status,
      date: memo.memoDate,
      amount: memo.amount,
      unappliedAmount: memo.unappliedAmount,
      reason: memo.reasonCode,
      writeOff: memo.reasonCode === WRITE_OFF_REASON,
      source: memo.sourceId ? `${memo.sourceType} ${memo.sourceId}` : memo.sourceType,
      invoices: memo.applications.map((application) => ({ invoiceId: application.invoiceId, invoiceNumber: numberOf.get(application.invoiceId) ?? null, amount: application.amount })),
    })),
    ...paymentsOfAccount(view, accountId).map((payment) => ({
      kind: 'payment' as const,
      at: payment.createdDate,
      id: payment.id,
      number: payment.paymentNumber,
      status: payment.status,
      date: payment.effectiveDate,
      type: payment.type,
      amount: payment.amount,
      paymentMethodId: payment.paymentMethodId,
      gatewayState: payment.gatewayState,
      gatewayResponse: payment.gatewayResponse,
      gatewayResponseCode: payment.gatewayResponseCode,
      invoices: payment.paymentParts.map((part) => ({ invoiceId: part.invoiceId, invoiceNumber: numberOf.get(part.invoiceId) ?? null, amount: part.amount })),
    })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

export function listAccountViews(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: { data: [...listAccounts(view)].map((account) => summary(view, account)) } };
}

/** One account with its subscriptions and its invoice and payment timeline. */
export function getAccountView(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const account = getAccount(view, ctx.params.id ?? '');
  const subscriptions = subscriptionsOfAccount(view, account.id).map(({ id, subscriptionNumber, version, status }) => ({ id, subscriptionNumber, version, status }));
  return { body: { ...summary(view, account), subscriptions, timeline: timeline(view, account.id) } };
}
