import { CREDIT_MEMOS, INVOICES, type CreditMemo, type Invoice } from '../../../domain/invoices/model.js';
import type { Order, OrderActionInput, RatePlanInput } from '../../../domain/orders/model.js';
import { PAYMENTS, type Payment } from '../../../domain/payments/model.js';
import { SUBSCRIPTIONS, type Subscription } from '../../../domain/subscriptions/model.js';
import type { ReadView } from '../../../state/transaction.js';
import { ACCOUNTS, type Account } from '../../../domain/accounts.js';
import { withNullFields } from './fieldTree.js';
import { ORDER_FIELDS } from './officialFields.js';

// The Orders API's answers: the create result (PostOrderResponseType) and the order read (Order).

/**
 * The create answer, in both of Zuora's forms: `subscriptionNumbers` (up to version 222.4) and
 * `subscriptions: [{subscriptionNumber, status}]` (from 223.0); the version gates (versionGates.ts)
 * keep the one the request's version has. `paidAmount` is a JSON number on the wire (the official
 * schema has a string; listed in contracts/wireDifferences.ts).
 */
export function toV1OrderResult(view: ReadView, order: Order, returnIds: boolean): Record<string, unknown> {
  const subscriptions = {
    subscriptionNumbers: order.results.map((result) => result.subscriptionNumber),
    subscriptions: order.results.map((result) => ({
      subscriptionNumber: result.subscriptionNumber,
      status: result.status,
      ...(returnIds ? { subscriptionId: result.subscriptionId } : {}),
    })),
  };
  return {
    success: true,
    orderNumber: order.orderNumber,
    accountNumber: order.accountNumber,
    status: order.status,
    ...subscriptions,
    ...(returnIds ? { orderId: order.id, accountId: order.accountId, subscriptionIds: order.results.map((result) => result.subscriptionId) } : {}),
    ...billingResult(view, order, returnIds),
  };
}

/** What `processingOptions` produced: the invoice or credit memo, the payment if collected, and the write-offs. */
function billingResult(view: ReadView, order: Order, returnIds: boolean): Record<string, unknown> {
  const invoices = order.invoiceIds.map((id) => view.get<Invoice>(INVOICES, id) as Invoice);
  const memoIds = order.creditMemoIds ?? [];
  const memos = memoIds.map((id) => view.get<CreditMemo>(CREDIT_MEMOS, id) as CreditMemo);
  const payment = order.paymentIds[0] ? view.get<Payment>(PAYMENTS, order.paymentIds[0]) : undefined;
  const writeOffs = order.writeOffs ?? [];
  return {
    ...(invoices.length > 0 ? { invoiceNumbers: invoices.map((invoice) => invoice.invoiceNumber) } : {}),
    ...(invoices.length > 0 && returnIds ? { invoiceIds: order.invoiceIds } : {}),
    ...(memos.length > 0 ? { creditMemoNumbers: memos.map((memo) => memo.memoNumber) } : {}),
    ...(memos.length > 0 && returnIds ? { creditMemoIds: memoIds } : {}),
    ...(payment ? { paymentNumber: payment.paymentNumber, paidAmount: payment.appliedAmount, ...(returnIds ? { paymentId: payment.id } : {}) } : {}),
    ...(writeOffs.length > 0
      ? {
          writeOff: writeOffs.map((writeOff) => ({
            invoiceNumber: (view.get<Invoice>(INVOICES, writeOff.invoiceId) as Invoice).invoiceNumber,
            amount: writeOff.amount,
            status: 'Success',
            writeOffCreditMemoNumber: (view.get<CreditMemo>(CREDIT_MEMOS, writeOff.creditMemoId) as CreditMemo).memoNumber,
          })),
        }
      : {}),
  };
}

/** Zuora reads a charge override back as `productRateplanChargeId` (lower-case p), whatever was sent. */
function readBackOverrides(plan: RatePlanInput): Record<string, unknown> {
  if (!plan.chargeOverrides) return { ...plan };
  return {
    ...plan,
    chargeOverrides: plan.chargeOverrides.map(({ productRatePlanChargeId, ...rest }) => ({ ...rest, productRateplanChargeId: productRatePlanChargeId })),
  };
}

function readBackAction(action: OrderActionInput, sequence: number): Record<string, unknown> {
  const create = action.createSubscription;
  return {
    ...action,
    sequence,
    ...(create
      ? {
          createSubscription: {
            ...create,
            // The read schema requires renewalTerms even where none were sent (an EVERGREEN subscription).
            ...(create.terms ? { terms: { ...create.terms, renewalTerms: create.terms.renewalTerms ?? [] } } : {}),
            subscribeToRatePlans: create.subscribeToRatePlans?.map(readBackOverrides),
          },
        }
      : {}),
    ...(action.addProduct ? { addProduct: readBackOverrides(action.addProduct) } : {}),
  };
}

function versionOf(view: ReadView, subscriptionId: string | undefined): number | undefined {
  return subscriptionId ? view.get<Subscription>(SUBSCRIPTIONS, subscriptionId)?.version : undefined;
}

/**
 * Fields of the order read with no feature behind them (commitments, order line items, invoice
 * schedules...): the field tree sends them as null; named here so the ledger lists them.
 */
export const UNMODELLED_ORDER_FIELDS = [
  'commitments',
  'existingAccountDetails',
  'invoiceScheduleId',
  'orderLineItems',
  'organizationLabel',
  'scheduledOrderActivationResponse',
  'subscriptions[].externallyManagedBy',
  'subscriptions[].orderActions[].id',
  'subscriptions[].orderActions[].orderItems',
  'subscriptions[].orderActions[].orderMetrics',
] as const;

/** The order read (the official `Order`): every field of the schema, null where the order has no value. */
export function toV1Order(view: ReadView, order: Order): Record<string, unknown> {
  return withNullFields(orderRead(view, order), ORDER_FIELDS) as Record<string, unknown>;
}

function orderRead(view: ReadView, order: Order): Record<string, unknown> {
  const account = view.get<Account>(ACCOUNTS, order.accountId);
  return {
    orderNumber: order.orderNumber,
    orderDate: order.orderDate,
    status: order.status,
    category: order.category,
    // The compact spec lost every property named `description`; Zuora's order read has it.
    description: order.description ?? null,
    reasonCode: order.reasonCode,
    existingAccountNumber: order.accountNumber,
    currency: account?.currency ?? null,
    isScheduled: order.isScheduled,
    ...(order.scheduledDate ? { schedulingOptions: { scheduledDate: order.scheduledDate, scheduledDatePolicy: order.scheduledDatePolicy } } : {}),
    ...(order.cancelReason ? { cancelReason: order.cancelReason } : {}),
    ...(order.errorMessage ? { errorMessage: order.errorMessage } : {}),
    customFields: order.customFields,
    createdBy: order.createdById,
    createdDate: order.createdDate,
    updatedBy: order.updatedById,
    updatedDate: order.updatedDate,
    subscriptions: order.subscriptions.map((group, index) => {
      const result = order.results[index];
      const newVersion = versionOf(view, result?.subscriptionId);
      return {
        sequence: index,
        subscriptionNumber: result?.subscriptionNumber ?? group.subscriptionNumber,
        ...(newVersion !== undefined ? { newVersion, ...(newVersion > 1 ? { baseVersion: newVersion - 1 } : {}) } : {}),
        customFields: group.customFields ?? {},
        ...(group.notes ? { notes: group.notes } : {}),
        orderActions: group.orderActions.map(readBackAction),
      };
    }),
  };
}

