import type { ReadView, Transaction } from '../../state/transaction.js';
import { takePaymentFault } from '../payments/faults.js';
import type { GatewayBehaviour } from '../payments/model.js';
import { discountAmount } from './coupons.js';
import { getCustomer, mergeMetadata } from './customers.js';
import { badState, invalidParam, missingParam, noSuch, type Decline } from './errors.js';
import { emit, updateWithEvent } from './events.js';
import { stripeId } from './ids.js';
import {
  CUSTOMERS,
  INVOICE_ITEMS,
  INVOICES,
  PAYMENT_INTENTS,
  PAYMENT_METHODS,
  type DiscountTerms,
  type InvoiceLine,
  type Metadata,
  type StripeCustomer,
  type StripeInvoice,
  type StripeInvoiceItem,
  type StripePaymentIntent,
  type StripePaymentMethod,
} from './model.js';
import { declineOf } from './paymentMethods.js';
import { nowOn } from './time.js';
import { taxOn } from './tax.js';

/** The most items one invoice may carry. */
export const MAX_INVOICE_ITEMS = 250;

export function getInvoice(view: ReadView, id: string, param = 'id'): StripeInvoice {
  const invoice = view.get<StripeInvoice>(INVOICES, id);
  if (!invoice) throw noSuch('invoice', id, param);
  return invoice;
}

export const subtotalOf = (invoice: Pick<StripeInvoice, 'lines'>): number => invoice.lines.reduce((sum, line) => sum + line.amount, 0);
export const discountOf = (invoice: StripeInvoice): number => discountAmount(invoice.discount_terms, subtotalOf(invoice));
export const totalOf = (invoice: StripeInvoice): number => subtotalOf(invoice) - discountOf(invoice) + invoice.tax;
export const amountRemaining = (invoice: StripeInvoice): number =>
  invoice.status === 'paid' || invoice.status === 'void' ? 0 : Math.max(0, totalOf(invoice) - invoice.amount_paid);

export interface NewInvoice {
  customer: string;
  subscription: string | null;
  billing_reason: StripeInvoice['billing_reason'];
  collection_method: StripeInvoice['collection_method'];
  auto_advance: boolean;
  currency: string;
  period: { start: number; end: number };
  lines: Omit<InvoiceLine, 'id'>[];
  description?: string | null;
  metadata?: Metadata;
  days_until_due?: number | null;
  automatic_tax?: boolean;
  discount_terms?: DiscountTerms[];
  /** Pull in the customer's pending invoice items (those on no invoice yet). */
  includePending: boolean;
}

/** A draft invoice; emits `invoice.created`. */
export function createInvoice(tx: Transaction, input: NewInvoice): StripeInvoice {
  const customer = getCustomer(tx, input.customer, 'customer');
  const now = nowOn(tx, customer.test_clock);
  const id = stripeId(tx, 'in');
  const lines: InvoiceLine[] = input.lines.map((line) => ({ ...line, id: stripeId(tx, 'il') }));
  if (input.includePending) {
    for (const item of tx.filterBy<StripeInvoiceItem>(INVOICE_ITEMS, 'customer', customer.id).filter((pending) => pending.invoice === null)) {
      tx.update<StripeInvoiceItem>(INVOICE_ITEMS, item.id, { invoice: id });
      lines.push(lineOfItem(tx, item));
    }
  }
  const invoice = tx.insert<StripeInvoice>(INVOICES, {
    id,
    created: now,
    customer: customer.id,
    subscription: input.subscription,
    status: 'draft',
    auto_advance: input.auto_advance,
    billing_reason: input.billing_reason,
    collection_method: input.collection_method,
    currency: input.currency,
    number: null,
    period_start: input.period.start,
    period_end: input.period.end,
    lines,
    tax: 0,
    discount_terms: input.discount_terms ?? [],
    automatic_tax: input.automatic_tax ?? false,
    amount_paid: 0,
    attempt_count: 0,
    next_payment_attempt: null,
    due_date: input.collection_method === 'send_invoice' ? now + (input.days_until_due ?? 30) * 86_400 : null,
    finalized_at: null,
    paid_at: null,
    voided_at: null,
    marked_uncollectible_at: null,
    automatically_finalizes_at: null,
    payment_intent: null,
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    test_clock: customer.test_clock,
  });
  emit(tx, 'invoice.created', INVOICES, invoice);
  return invoice;
}

function lineOfItem(tx: Transaction, item: StripeInvoiceItem): InvoiceLine {
  return {
    id: stripeId(tx, 'il'),
    amount: item.amount,
    description: item.description,
    period: item.period,
    quantity: item.quantity,
    price: item.price,
    subscription_item: item.subscription_item ?? null,
    invoice_item: item.id,
    proration: item.proration ?? false,
    metadata: item.metadata,
  };
}

export interface InvoiceItemInput {
  customer?: string;
  invoice?: string;
  amount?: number;
  unit_amount?: number;
  quantity?: number;
  price?: string;
  priceAmount?: (quantity: number) => number;
  currency?: string;
  description?: string | null;
  period?: { start: number; end: number };
  metadata?: Metadata;
  subscription?: string;
  /** For prorations: the subscription item changed. */
  subscriptionItem?: string;
  proration?: boolean;
}

/**
 * An invoice item: onto the named draft invoice (only drafts take items), else pending for the
 * customer's next invoice.
 */
export function createInvoiceItem(tx: Transaction, input: InvoiceItemInput): StripeInvoiceItem {
  if (!input.customer) throw missingParam('customer');
  const customer = getCustomer(tx, input.customer, 'customer');
  const invoice = input.invoice ? getInvoice(tx, input.invoice, 'invoice') : undefined;
  if (invoice && invoice.customer !== customer.id) throw invalidParam('invoice', `The invoice ${invoice.id} belongs to another customer.`, 'parameter_invalid_string');
  if (invoice && invoice.status !== 'draft') {
    throw badState(`You can only add invoice items to draft invoices; ${invoice.id} is ${invoice.status}.`, 'invoice_not_editable', 'invoice');
  }
  if (invoice && invoice.lines.length >= MAX_INVOICE_ITEMS) throw badState(`An invoice may have at most ${MAX_INVOICE_ITEMS} items.`, 'invoice_line_items_limit_exceeded', 'invoice');
  const quantity = input.quantity ?? 1;
  const amount = input.amount ?? (input.priceAmount ? input.priceAmount(quantity) : input.unit_amount !== undefined ? input.unit_amount * quantity : undefined);
  if (amount === undefined) throw missingParam('amount');
  const currency = input.currency ?? invoice?.currency;
  if (!currency) throw missingParam('currency');
  const now = nowOn(tx, customer.test_clock);
  const item = tx.insert<StripeInvoiceItem>(INVOICE_ITEMS, {
    id: stripeId(tx, 'ii'),
    created: now,
    customer: customer.id,
    invoice: invoice?.id ?? null,
    amount,
    currency: currency.toLowerCase(),
    description: input.description ?? null,
    period: input.period ?? { start: now, end: now },
    quantity,
    price: input.price ?? null,
    subscription: input.subscription ?? null,
    ...(input.proration ? { subscription_item: input.subscriptionItem ?? null, proration: true } : {}),
    metadata: input.metadata ?? {},
    test_clock: customer.test_clock,
  });
  emit(tx, 'invoiceitem.created', INVOICE_ITEMS, item);
  if (invoice) updateWithEvent(tx, INVOICES, 'invoice.updated', invoice, { lines: [...invoice.lines, lineOfItem(tx, item)] });
  return item;
}

export function updateInvoice(tx: Transaction, id: string, input: { description?: string | null; metadata?: Metadata; auto_advance?: boolean }): StripeInvoice {
  const invoice = getInvoice(tx, id);
  if (invoice.status !== 'draft' && (input.description !== undefined || input.auto_advance !== undefined)) {
    throw badState(`Finalized invoices can't be updated in this way.`, 'invoice_not_editable');
  }
  const { metadata, ...rest } = input;
  return updateWithEvent(tx, INVOICES, 'invoice.updated', invoice, { ...rest, ...(metadata ? { metadata: mergeMetadata(invoice.metadata, metadata) } : {}) });
}

/** draft -> open: numbers the invoice, computes tax, emits `invoice.finalized`. */
export function finalizeInvoice(tx: Transaction, id: string): StripeInvoice {
  const invoice = getInvoice(tx, id);
  if (invoice.status !== 'draft') throw badState(`This invoice is already finalized, you can't re-finalize a non-draft invoice.`, 'invoice_not_editable');
  const customer = tx.get<StripeCustomer>(CUSTOMERS, invoice.customer) as StripeCustomer;
  tx.update<StripeCustomer>(CUSTOMERS, customer.id, { next_invoice_sequence: customer.next_invoice_sequence + 1 });
  const finalized = tx.update<StripeInvoice>(INVOICES, id, {
    status: 'open',
    number: `${customer.invoice_prefix}-${String(customer.next_invoice_sequence).padStart(4, '0')}`,
    finalized_at: nowOn(tx, invoice.test_clock),
    automatically_finalizes_at: null,
    tax: invoice.automatic_tax ? taxOn(customer, subtotalOf(invoice) - discountOf(invoice)) : 0,
  });
  emit(tx, 'invoice.finalized', INVOICES, finalized);
  return finalized;
}

export type PaymentOutcome = { paid: true; invoice: StripeInvoice } | { paid: false; invoice: StripeInvoice; decline: Decline; paymentMethod: string | null };

const NO_PAYMENT_METHOD: Decline = {
  code: 'invoice_no_payment_method_types',
  declineCode: undefined,
  message: 'This customer has no attached payment source or default payment method.',
};

/**
 * One attempt to collect an open invoice through the shared gateway simulator (or out of band).
 * The payment method is the one given, else the subscription's, else the customer's default.
 */
export function attemptPayment(tx: Transaction, id: string, options: { payment_method?: string; paid_out_of_band?: boolean; subscriptionDefault?: string | null } = {}): PaymentOutcome {
  let invoice = getInvoice(tx, id);
  if (invoice.status === 'draft') invoice = finalizeInvoice(tx, id);
  if (invoice.status !== 'open' && invoice.status !== 'uncollectible') throw badState(`Invoice is already ${invoice.status}.`, 'invoice_unexpected_state');
  const due = amountRemaining(invoice);
  if (options.paid_out_of_band || due === 0) return { paid: true, invoice: markPaid(tx, invoice, due) };
  const customer = tx.get<StripeCustomer>(CUSTOMERS, invoice.customer) as StripeCustomer;
  const methodId = options.payment_method ?? options.subscriptionDefault ?? customer.default_payment_method;
  const method = methodId ? tx.get<StripePaymentMethod>(PAYMENT_METHODS, methodId) : undefined;
  if (methodId && !method) throw noSuch('PaymentMethod', methodId, 'payment_method');
  const behaviour: GatewayBehaviour | undefined = method ? (takePaymentFault(tx, customer.id) ?? method.gateway) : undefined;
  const decline = !behaviour ? NO_PAYMENT_METHOD : behaviour.outcome === 'decline' ? declineOf(behaviour) : undefined;
  const intent = recordIntent(tx, invoice, due, method?.id ?? null, decline);
  if (!decline) return { paid: true, invoice: markPaid(tx, { ...invoice, payment_intent: intent.id }, due) };
  const failed = tx.update<StripeInvoice>(INVOICES, invoice.id, { attempt_count: invoice.attempt_count + 1, payment_intent: intent.id });
  emit(tx, 'invoice.payment_failed', INVOICES, failed);
  return { paid: false, invoice: failed, decline, paymentMethod: method?.id ?? null };
}

function markPaid(tx: Transaction, invoice: StripeInvoice, amount: number): StripeInvoice {
  const paid = tx.update<StripeInvoice>(INVOICES, invoice.id, {
    status: 'paid',
    amount_paid: invoice.amount_paid + amount,
    attempt_count: invoice.attempt_count + (amount > 0 ? 1 : 0),
    paid_at: nowOn(tx, invoice.test_clock),
    next_payment_attempt: null,
    auto_advance: false,
    payment_intent: invoice.payment_intent,
  });
  emit(tx, 'invoice.paid', INVOICES, paid);
  emit(tx, 'invoice.payment_succeeded', INVOICES, paid);
  return paid;
}

/** The invoice's payment intent, created on its first attempt and updated by each one after. */
function recordIntent(tx: Transaction, invoice: StripeInvoice, amount: number, paymentMethod: string | null, decline: Decline | undefined): StripePaymentIntent {
  const fields = {
    status: decline ? ('requires_payment_method' as const) : ('succeeded' as const),
    amount_received: decline ? 0 : amount,
    payment_method: decline ? null : paymentMethod,
    last_payment_error: decline
      ? { type: 'card_error' as const, code: decline.code, decline_code: decline.declineCode ?? null, message: decline.message, payment_method: paymentMethod }
      : null,
  };
  const existing = invoice.payment_intent ? tx.get<StripePaymentIntent>(PAYMENT_INTENTS, invoice.payment_intent) : undefined;
  const intent = existing
    ? tx.update<StripePaymentIntent>(PAYMENT_INTENTS, existing.id, { ...fields, amount })
    : tx.insert<StripePaymentIntent>(PAYMENT_INTENTS, {
        id: stripeId(tx, 'pi'),
        created: nowOn(tx, invoice.test_clock),
        amount,
        currency: invoice.currency,
        customer: invoice.customer,
        invoice: invoice.id,
        ...fields,
      });
  emit(tx, decline ? 'payment_intent.payment_failed' : 'payment_intent.succeeded', PAYMENT_INTENTS, { ...intent, test_clock: invoice.test_clock });
  return intent;
}

export function voidInvoice(tx: Transaction, id: string): StripeInvoice {
  const invoice = getInvoice(tx, id);
  if (invoice.status !== 'open' && invoice.status !== 'uncollectible') throw badState(`You can only void open or uncollectible invoices; this one is ${invoice.status}.`, 'invoice_not_editable');
  const voided = tx.update<StripeInvoice>(INVOICES, id, { status: 'void', voided_at: nowOn(tx, invoice.test_clock), auto_advance: false, next_payment_attempt: null });
  emit(tx, 'invoice.voided', INVOICES, voided);
  return voided;
}

export function markUncollectible(tx: Transaction, id: string): StripeInvoice {
  const invoice = getInvoice(tx, id);
  if (invoice.status !== 'open') throw badState(`You can only mark open invoices as uncollectible; this one is ${invoice.status}.`, 'invoice_not_editable');
  const marked = tx.update<StripeInvoice>(INVOICES, id, { status: 'uncollectible', marked_uncollectible_at: nowOn(tx, invoice.test_clock), auto_advance: false });
  emit(tx, 'invoice.marked_uncollectible', INVOICES, marked);
  return marked;
}

/** Only one-off drafts can be deleted; subscription invoices are voided instead. */
export function deleteInvoice(tx: Transaction, id: string): StripeInvoice {
  const invoice = getInvoice(tx, id);
  if (invoice.status !== 'draft' || invoice.subscription) throw badState('You can only delete draft invoices that are not part of a subscription.', 'invoice_not_editable');
  tx.remove(INVOICES, id);
  emit(tx, 'invoice.deleted', INVOICES, invoice);
  return invoice;
}
