import type { ReadView, Transaction } from '../../state/transaction.js';
import { getPrice, priceAmount } from './catalog.js';
import { afterInvoice, redeem, termsOf } from './coupons.js';
import { getCustomer, mergeMetadata } from './customers.js';
import { badState, cardError, invalidParam, missingParam, noSuch } from './errors.js';
import { emit, updateWithEvent } from './events.js';
import { stripeId } from './ids.js';
import { attemptPayment, createInvoice, finalizeInvoice, getInvoice, voidInvoice, type PaymentOutcome } from './invoices.js';
import { scheduleStripeJob } from './jobs.js';
import { meterUsage, recordedUsage } from './meters.js';
import {
  CUSTOMERS,
  INVOICES,
  SUBSCRIPTION_ITEMS,
  SUBSCRIPTIONS,
  type InvoiceLine,
  type Metadata,
  type StripeCustomer,
  type StripeInvoice,
  type StripePrice,
  type StripeSubscription,
  type StripeSubscriptionItem,
} from './model.js';
import { createProrations, prorationMoment, type ItemChange, type ProrationBehavior } from './prorations.js';
import { addInterval, nowOn } from './time.js';

/** A customer may hold at most this many subscriptions that are not over. */
export const MAX_SUBSCRIPTIONS_PER_CUSTOMER = 500;
/** An unpaid first invoice leaves the subscription `incomplete` this long, then it expires. */
const INCOMPLETE_WINDOW = 23 * 3600;
/** Renewal drafts wait this long for webhooks to add to them (the finalization grace period). */
export const FINALIZATION_GRACE = 3600;
/**
 * Days after a failed renewal payment on which it is tried again; after the last failure the
 * subscription is canceled. (Stripe's Smart Retries choose their own days; these are fixed so tests
 * can count on them.)
 */
export const RETRY_DAYS: readonly number[] = [3, 5, 7];

export const JOB_CYCLE = 'stripe.subscription.cycle';
export const JOB_FINALIZE = 'stripe.invoice.finalize';
export const JOB_RETRY = 'stripe.invoice.retry';
export const JOB_EXPIRE = 'stripe.subscription.expire_incomplete';

const ENDED: ReadonlySet<StripeSubscription['status']> = new Set(['canceled', 'incomplete_expired']);

export interface ItemInput {
  id?: string;
  price?: string;
  quantity?: number;
  metadata?: Metadata;
  deleted?: boolean;
}

export interface SubscriptionInput {
  customer?: string;
  items?: ItemInput[];
  collection_method?: StripeSubscription['collection_method'];
  days_until_due?: number;
  default_payment_method?: string;
  payment_behavior?: 'allow_incomplete' | 'default_incomplete' | 'error_if_incomplete' | 'pending_if_incomplete';
  trial_period_days?: number;
  trial_end?: number;
  cancel_at_period_end?: boolean;
  cancel_at?: number | null;
  description?: string | null;
  metadata?: Metadata;
  automatic_tax?: boolean;
  discounts?: Array<{ coupon?: string; promotion_code?: string }>;
}

export function getSubscription(view: ReadView, id: string, param = 'id'): StripeSubscription {
  const subscription = view.get<StripeSubscription>(SUBSCRIPTIONS, id);
  if (!subscription) throw noSuch('subscription', id, param);
  return subscription;
}

export const itemsOf = (view: ReadView, subscriptionId: string): StripeSubscriptionItem[] =>
  view.filterBy<StripeSubscriptionItem>(SUBSCRIPTION_ITEMS, 'subscription', subscriptionId);

function recurringPrice(view: ReadView, id: string, param: string): StripePrice {
  const price = getPrice(view, id, param);
  if (!price.recurring) throw invalidParam(param, `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, 'parameter_invalid_string');
  if (!price.active) throw invalidParam(param, `The price specified is inactive. This field only accepts active prices.`, 'parameter_invalid_string');
  return price;
}

/** Licensed items are billed ahead for the period; metered ones after it, from their usage (added by the platform). */
function periodLines(view: ReadView, subscription: StripeSubscription, period: { start: number; end: number }): Omit<InvoiceLine, 'id'>[] {
  return itemsOf(view, subscription.id).flatMap((item) => {
    const price = getPrice(view, item.price);
    if (price.recurring?.usage_type === 'metered') return [];
    return [
      {
        amount: priceAmount(price, item.quantity),
        description: `${item.quantity} × ${productName(view, price)} (at ${(price.unit_amount ?? 0) / 100} / ${price.recurring?.interval})`,
        period,
        quantity: item.quantity,
        price: price.id,
        subscription_item: item.id,
        invoice_item: null,
        proration: false,
        metadata: {},
      },
    ];
  });
}

/**
 * Metered items are billed after their period, from the meter's events (or, for legacy prices
 * with no meter, the item's usage records).
 */
function usageLines(view: ReadView, subscription: StripeSubscription, period: { start: number; end: number }): Omit<InvoiceLine, 'id'>[] {
  return itemsOf(view, subscription.id).flatMap((item) => {
    const price = getPrice(view, item.price);
    if (price.recurring?.usage_type !== 'metered') return [];
    const quantity = price.recurring.meter
      ? meterUsage(view, price.recurring.meter, subscription.customer, period.start, period.end)
      : recordedUsage(view, item.id, period.start, period.end);
    return [
      {
        amount: priceAmount(price, quantity),
        description: `${quantity} × ${productName(view, price)} (metered)`,
        period,
        quantity,
        price: price.id,
        subscription_item: item.id,
        invoice_item: null,
        proration: false,
        metadata: {},
      },
    ];
  });
}

/** Usage reported until finalization counts: the draft's metered lines are worked out again. */
function refreshUsage(tx: Transaction, invoice: StripeInvoice): void {
  const subscription = invoice.subscription ? tx.get<StripeSubscription>(SUBSCRIPTIONS, invoice.subscription) : undefined;
  if (!subscription || invoice.billing_reason !== 'subscription_cycle') return;
  const fresh = usageLines(tx, subscription, { start: invoice.period_start, end: invoice.period_end });
  const metered = new Set(fresh.map((line) => line.subscription_item));
  const kept = invoice.lines.filter((line) => !metered.has(line.subscription_item) || line.period.end !== invoice.period_end);
  tx.update<StripeInvoice>(INVOICES, invoice.id, { lines: [...kept, ...fresh.map((line) => ({ ...line, id: stripeId(tx, 'il') }))] });
}

const productName = (view: ReadView, price: StripePrice): string => view.get<{ name: string }>('stripe.product', price.product)?.name ?? price.product;

/** The price whose interval sets the billing period (all items share one). */
function billingPrice(view: ReadView, items: readonly { price: string }[]): StripePrice {
  return getPrice(view, items[0]?.price ?? '');
}

/**
 * Creates a subscription and bills its first period at once: the first invoice is finalized and
 * charged inside the call. A failed charge leaves it `incomplete` (or, with `error_if_incomplete`,
 * fails the call and creates nothing).
 */
export function createSubscription(tx: Transaction, input: SubscriptionInput): { subscription: StripeSubscription; outcome: PaymentOutcome | null } {
  if (!input.customer) throw missingParam('customer');
  if (!input.items?.length) throw missingParam('items');
  const customer = getCustomer(tx, input.customer, 'customer');
  const live = tx.filterBy<StripeSubscription>(SUBSCRIPTIONS, 'customer', customer.id).filter((sub) => !ENDED.has(sub.status));
  if (live.length >= MAX_SUBSCRIPTIONS_PER_CUSTOMER) {
    throw badState(`The customer has reached the maximum of ${MAX_SUBSCRIPTIONS_PER_CUSTOMER} subscriptions.`, 'customer_max_subscriptions', 'customer');
  }
  const prices = input.items.map((item, index) => {
    if (!item.price) throw missingParam(`items[${index}][price]`);
    return recurringPrice(tx, item.price, `items[${index}][price]`);
  });
  const currency = prices[0]?.currency ?? 'usd';
  if (prices.some((price) => price.currency !== currency)) throw invalidParam('items', 'All prices on a subscription must have the same currency.', 'parameter_invalid_string');
  const now = nowOn(tx, customer.test_clock);
  const trialDays = input.trial_period_days ?? prices[0]?.recurring?.trial_period_days ?? undefined;
  const trialEnd = input.trial_end ?? (trialDays ? now + trialDays * 86_400 : null);
  const recurring = prices[0]?.recurring;
  if (!recurring) throw missingParam('items[0][price]');
  const anchor = trialEnd ?? now;
  const periodEnd = trialEnd ?? addInterval(now, recurring.interval, recurring.interval_count, new Date(now * 1000).getUTCDate());
  const collection = input.collection_method ?? 'charge_automatically';
  const subscription = tx.insert<StripeSubscription>(SUBSCRIPTIONS, {
    id: stripeId(tx, 'sub'),
    created: now,
    customer: customer.id,
    status: trialEnd ? 'trialing' : collection === 'send_invoice' ? 'active' : 'incomplete',
    currency,
    collection_method: collection,
    days_until_due: collection === 'send_invoice' ? (input.days_until_due ?? 30) : null,
    default_payment_method: input.default_payment_method ?? null,
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    start_date: now,
    billing_cycle_anchor: anchor,
    current_period_start: now,
    current_period_end: periodEnd,
    trial_start: trialEnd ? now : null,
    trial_end: trialEnd,
    cancel_at_period_end: input.cancel_at_period_end ?? false,
    cancel_at: input.cancel_at ?? null,
    canceled_at: null,
    ended_at: null,
    cancellation_reason: null,
    latest_invoice: null,
    test_clock: customer.test_clock,
    automatic_tax: input.automatic_tax ?? false,
    discounts: (input.discounts ?? []).map((entry, index) => redeem(tx, entry, customer.id, customer.test_clock, `discounts[${index}]`)),
  });
  input.items.forEach((item, index) => {
    tx.insert<StripeSubscriptionItem>(SUBSCRIPTION_ITEMS, {
      id: stripeId(tx, 'si'),
      created: now,
      subscription: subscription.id,
      price: prices[index]?.id ?? '',
      quantity: item.quantity ?? 1,
      metadata: item.metadata ?? {},
    });
  });
  emit(tx, 'customer.subscription.created', SUBSCRIPTIONS, subscription);
  const period = { start: now, end: periodEnd };
  const invoice = createInvoice(tx, {
    customer: customer.id,
    subscription: subscription.id,
    billing_reason: 'subscription_create',
    collection_method: collection,
    auto_advance: true,
    currency,
    period,
    // A trial's first invoice is for nothing.
    lines: trialEnd ? periodLines(tx, subscription, period).map((line) => ({ ...line, amount: 0 })) : periodLines(tx, subscription, period),
    days_until_due: subscription.days_until_due,
    automatic_tax: subscription.automatic_tax,
    discount_terms: termsOf(tx, subscription.discounts, now),
    includePending: true,
  });
  tx.update<StripeSubscription>(SUBSCRIPTIONS, subscription.id, { latest_invoice: invoice.id, discounts: afterInvoice(subscription.discounts, now) });
  finalizeInvoice(tx, invoice.id);
  scheduleStripeJob(tx, subscription.test_clock, JOB_CYCLE, periodEnd, { subscription: subscription.id, periodEnd });
  if (collection === 'send_invoice' || input.payment_behavior === 'default_incomplete') {
    if (subscription.status === 'incomplete') scheduleStripeJob(tx, subscription.test_clock, JOB_EXPIRE, now + INCOMPLETE_WINDOW, { subscription: subscription.id });
    return { subscription: getSubscription(tx, subscription.id), outcome: null };
  }
  const outcome = collect(tx, invoice.id);
  if (!outcome.paid) {
    if (input.payment_behavior === 'error_if_incomplete') throw cardError(outcome.decline, { payment_method: outcome.paymentMethod });
    if (subscription.status === 'incomplete') scheduleStripeJob(tx, subscription.test_clock, JOB_EXPIRE, now + INCOMPLETE_WINDOW, { subscription: subscription.id });
  }
  return { subscription: getSubscription(tx, subscription.id), outcome };
}

/**
 * Charges an invoice and moves its subscription the way Stripe does: a paid first invoice makes an
 * incomplete subscription active, a paid renewal brings a past-due one back, a failed renewal
 * makes it past due and schedules the next retry.
 */
export function collect(tx: Transaction, invoiceId: string, options: { payment_method?: string; paid_out_of_band?: boolean } = {}): PaymentOutcome {
  const invoice = getInvoice(tx, invoiceId);
  const subscription = invoice.subscription ? tx.get<StripeSubscription>(SUBSCRIPTIONS, invoice.subscription) : undefined;
  const outcome = attemptPayment(tx, invoiceId, { ...options, subscriptionDefault: subscription?.default_payment_method ?? null });
  if (!subscription) return outcome;
  const current = getSubscription(tx, subscription.id);
  if (outcome.paid) {
    if (current.status === 'incomplete' || current.status === 'past_due' || current.status === 'unpaid') {
      updateWithEvent(tx, SUBSCRIPTIONS, 'customer.subscription.updated', current, { status: 'active' });
    }
    return outcome;
  }
  if (invoice.billing_reason !== 'subscription_create' && current.status === 'active') {
    updateWithEvent(tx, SUBSCRIPTIONS, 'customer.subscription.updated', current, { status: 'past_due' });
  }
  if (invoice.billing_reason !== 'subscription_create') scheduleRetry(tx, outcome.invoice);
  return outcome;
}

function scheduleRetry(tx: Transaction, invoice: StripeInvoice): void {
  const days = RETRY_DAYS[invoice.attempt_count - 1];
  const now = nowOn(tx, invoice.test_clock);
  const next = days === undefined ? null : now + (days - (RETRY_DAYS[invoice.attempt_count - 2] ?? 0)) * 86_400;
  tx.update<StripeInvoice>(INVOICES, invoice.id, { next_payment_attempt: next });
  if (next !== null) {
    scheduleStripeJob(tx, invoice.test_clock, JOB_RETRY, next, { invoice: invoice.id });
    return;
  }
  // Retries exhausted: the subscription is canceled for non-payment.
  const subscription = invoice.subscription ? tx.get<StripeSubscription>(SUBSCRIPTIONS, invoice.subscription) : undefined;
  if (subscription && !ENDED.has(subscription.status)) cancelNow(tx, subscription, 'payment_failed');
}

export interface SubscriptionUpdate extends SubscriptionInput {
  proration_behavior?: ProrationBehavior;
  /** Unix time the prorations count from (default now); inside the current period. */
  proration_date?: number;
}

/**
 * Updates a subscription. Item price and quantity changes prorate as `proration_behavior` says:
 * pending proration items for the next invoice (default), an invoice for them now
 * (`always_invoice`, charged like a renewal), or none.
 */
export function updateSubscription(tx: Transaction, id: string, input: SubscriptionUpdate): StripeSubscription {
  const subscription = getSubscription(tx, id);
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired' || subscription.status === 'incomplete') {
    const others = Object.keys(input).filter((key) => key !== 'metadata');
    if (others.length > 0) {
      throw badState(
        `A subscription in status ${subscription.status} can only update its metadata.`,
        subscription.status === 'incomplete' ? 'subscription_payment_intent_invalid_parameter' : 'resource_missing',
        others[0],
      );
    }
  }
  const from = prorationMoment(subscription, nowOn(tx, subscription.test_clock), input.proration_date);
  const changes = (input.items ?? []).map((item, index) => changeItem(tx, subscription, item, index));
  const behavior = input.proration_behavior ?? 'create_prorations';
  const prorated = behavior === 'none' ? 0 : createProrations(tx, subscription, changes, from);
  const patch: Partial<StripeSubscription> = {};
  if (input.cancel_at_period_end !== undefined) patch.cancel_at_period_end = input.cancel_at_period_end;
  if (input.cancel_at !== undefined) patch.cancel_at = input.cancel_at;
  if (input.default_payment_method !== undefined) patch.default_payment_method = input.default_payment_method;
  if (input.description !== undefined) patch.description = input.description;
  if (input.metadata) patch.metadata = mergeMetadata(subscription.metadata, input.metadata);
  if (input.automatic_tax !== undefined) patch.automatic_tax = input.automatic_tax;
  if (input.trial_end !== undefined && subscription.status === 'trialing') patch.trial_end = input.trial_end;
  if (input.discounts) {
    patch.discounts = input.discounts.map((entry, index) => redeem(tx, entry, subscription.customer, subscription.test_clock, `discounts[${index}]`));
  }
  const updated = updateWithEvent(tx, SUBSCRIPTIONS, 'customer.subscription.updated', subscription, patch);
  if (input.items?.length && Object.keys(patch).length === 0) emit(tx, 'customer.subscription.updated', SUBSCRIPTIONS, updated, { items: null });
  if (behavior === 'always_invoice' && prorated > 0) invoiceProrationsNow(tx, updated, from);
  return getSubscription(tx, id);
}

/** `always_invoice`: the pending prorations go on an invoice of their own, finalized and collected at once. */
function invoiceProrationsNow(tx: Transaction, subscription: StripeSubscription, at: number): void {
  const invoice = createInvoice(tx, {
    customer: subscription.customer,
    subscription: subscription.id,
    billing_reason: 'subscription_update',
    collection_method: subscription.collection_method,
    auto_advance: true,
    currency: subscription.currency,
    period: { start: at, end: at },
    lines: [],
    days_until_due: subscription.days_until_due,
    automatic_tax: subscription.automatic_tax,
    discount_terms: termsOf(tx, subscription.discounts, at),
    includePending: true,
  });
  tx.update<StripeSubscription>(SUBSCRIPTIONS, subscription.id, { latest_invoice: invoice.id });
  finalizeInvoice(tx, invoice.id);
  if (subscription.collection_method === 'charge_automatically') collect(tx, invoice.id);
}

/** Adds, replaces or removes one item; says what it was and is, for the prorations. */
function changeItem(tx: Transaction, subscription: StripeSubscription, item: ItemInput, index: number): ItemChange {
  const param = `items[${index}]`;
  if (!item.id) {
    if (!item.price) throw missingParam(`${param}[price]`);
    recurringPrice(tx, item.price, `${param}[price]`);
    const added = tx.insert<StripeSubscriptionItem>(SUBSCRIPTION_ITEMS, {
      id: stripeId(tx, 'si'),
      created: nowOn(tx, subscription.test_clock),
      subscription: subscription.id,
      price: item.price,
      quantity: item.quantity ?? 1,
      metadata: item.metadata ?? {},
    });
    return { item: added.id, after: { price: added.price, quantity: added.quantity } };
  }
  const existing = tx.get<StripeSubscriptionItem>(SUBSCRIPTION_ITEMS, item.id);
  if (!existing || existing.subscription !== subscription.id) throw noSuch('subscription_item', item.id, `${param}[id]`);
  const before = { price: existing.price, quantity: existing.quantity };
  if (item.deleted) {
    tx.remove(SUBSCRIPTION_ITEMS, existing.id);
    return { item: existing.id, before };
  }
  if (item.price) recurringPrice(tx, item.price, `${param}[price]`);
  const changed = tx.update<StripeSubscriptionItem>(SUBSCRIPTION_ITEMS, existing.id, {
    ...(item.price ? { price: item.price } : {}),
    ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
    ...(item.metadata ? { metadata: mergeMetadata(existing.metadata, item.metadata) } : {}),
  });
  return { item: existing.id, before, after: { price: changed.price, quantity: changed.quantity } };
}

/** Ends the subscription now and emits `customer.subscription.deleted`. */
export function cancelNow(tx: Transaction, subscription: StripeSubscription, reason: StripeSubscription['cancellation_reason'] = 'cancellation_requested'): StripeSubscription {
  if (ENDED.has(subscription.status)) throw badState(`A canceled subscription can only update its metadata.`, 'resource_missing');
  const now = nowOn(tx, subscription.test_clock);
  const canceled = tx.update<StripeSubscription>(SUBSCRIPTIONS, subscription.id, {
    status: 'canceled',
    canceled_at: now,
    ended_at: now,
    cancellation_reason: reason,
  });
  emit(tx, 'customer.subscription.deleted', SUBSCRIPTIONS, canceled);
  return canceled;
}

/** `DELETE /v1/subscriptions/{id}/discount`: the subscription's discounts stop applying. */
export function removeDiscounts(tx: Transaction, id: string): StripeSubscription {
  const subscription = getSubscription(tx, id);
  if (subscription.discounts.length === 0) throw noSuch('discount', id, 'subscription');
  return updateWithEvent(tx, SUBSCRIPTIONS, 'customer.subscription.updated', subscription, { discounts: [] });
}

/** Deleting a customer cancels its subscriptions at once. */
export function deleteCustomer(tx: Transaction, id: string): StripeCustomer {
  getCustomer(tx, id);
  for (const subscription of tx.filterBy<StripeSubscription>(SUBSCRIPTIONS, 'customer', id)) {
    if (!ENDED.has(subscription.status)) cancelNow(tx, subscription);
  }
  const deleted = tx.update<StripeCustomer>(CUSTOMERS, id, { deleted: true });
  emit(tx, 'customer.deleted', CUSTOMERS, deleted);
  return deleted;
}

export function cancelSubscription(tx: Transaction, id: string): StripeSubscription {
  return cancelNow(tx, getSubscription(tx, id));
}

/** Period end: cancel when asked to, else start the next period with a draft renewal invoice. */
function cycle(tx: Transaction, payload: unknown): void {
  const { subscription: id, periodEnd } = payload as { subscription: string; periodEnd: number };
  const subscription = tx.get<StripeSubscription>(SUBSCRIPTIONS, id);
  if (!subscription || subscription.current_period_end !== periodEnd || ENDED.has(subscription.status) || subscription.status === 'incomplete') return;
  if (subscription.cancel_at_period_end || (subscription.cancel_at !== null && subscription.cancel_at <= periodEnd)) {
    cancelNow(tx, subscription);
    return;
  }
  const recurring = billingPrice(tx, itemsOf(tx, id)).recurring;
  if (!recurring) return;
  const next = addInterval(periodEnd, recurring.interval, recurring.interval_count, new Date(subscription.billing_cycle_anchor * 1000).getUTCDate());
  const renewed = updateWithEvent(tx, SUBSCRIPTIONS, 'customer.subscription.updated', subscription, {
    current_period_start: periodEnd,
    current_period_end: next,
    ...(subscription.status === 'trialing' ? { status: 'active' as const } : {}),
  });
  const invoice = createInvoice(tx, {
    customer: subscription.customer,
    subscription: id,
    billing_reason: 'subscription_cycle',
    collection_method: subscription.collection_method,
    auto_advance: true,
    currency: subscription.currency,
    period: { start: subscription.current_period_start, end: periodEnd },
    lines: [...periodLines(tx, renewed, { start: periodEnd, end: next }), ...usageLines(tx, renewed, { start: subscription.current_period_start, end: periodEnd })],
    days_until_due: subscription.days_until_due,
    automatic_tax: subscription.automatic_tax,
    discount_terms: termsOf(tx, subscription.discounts, periodEnd),
    includePending: true,
  });
  const finalizesAt = periodEnd + FINALIZATION_GRACE;
  tx.update<StripeInvoice>(INVOICES, invoice.id, { automatically_finalizes_at: finalizesAt });
  tx.update<StripeSubscription>(SUBSCRIPTIONS, id, { latest_invoice: invoice.id, discounts: afterInvoice(subscription.discounts, periodEnd) });
  scheduleStripeJob(tx, subscription.test_clock, JOB_FINALIZE, finalizesAt, { invoice: invoice.id });
  scheduleStripeJob(tx, subscription.test_clock, JOB_CYCLE, next, { subscription: id, periodEnd: next });
}

/** The grace period is over: the draft is finalized and, if charged automatically, collected. */
function finalizeDue(tx: Transaction, payload: unknown): void {
  const invoice = tx.get<StripeInvoice>(INVOICES, (payload as { invoice: string }).invoice);
  if (!invoice || invoice.status !== 'draft' || !invoice.auto_advance) return;
  refreshUsage(tx, invoice);
  finalizeInvoice(tx, invoice.id);
  if (invoice.collection_method === 'charge_automatically') collect(tx, invoice.id);
}

function retryDue(tx: Transaction, payload: unknown): void {
  const invoice = tx.get<StripeInvoice>(INVOICES, (payload as { invoice: string }).invoice);
  if (invoice?.status === 'open') collect(tx, invoice.id);
}

/** An incomplete subscription whose first invoice went unpaid for 23 hours expires; the invoice is voided. */
function expireIncomplete(tx: Transaction, payload: unknown): void {
  const subscription = tx.get<StripeSubscription>(SUBSCRIPTIONS, (payload as { subscription: string }).subscription);
  if (subscription?.status !== 'incomplete') return;
  const now = nowOn(tx, subscription.test_clock);
  updateWithEvent(tx, SUBSCRIPTIONS, 'customer.subscription.updated', subscription, { status: 'incomplete_expired', ended_at: now });
  const invoice = subscription.latest_invoice ? tx.get<StripeInvoice>(INVOICES, subscription.latest_invoice) : undefined;
  if (invoice?.status === 'open') voidInvoice(tx, invoice.id);
}

export const SUBSCRIPTION_JOBS = {
  [JOB_CYCLE]: cycle,
  [JOB_FINALIZE]: finalizeDue,
  [JOB_RETRY]: retryDue,
  [JOB_EXPIRE]: expireIncomplete,
} as const;
