import { getPrice } from '../../../domain/stripe/catalog.js';
import { amountRemaining, discountOf, subtotalOf, totalOf } from '../../../domain/stripe/invoices.js';
import {
  CUSTOMERS,
  INVOICE_ITEMS,
  PRICES,
  type InvoiceLine,
  type StripeCustomer,
  type StripeInvoice,
  type StripeInvoiceItem,
  type StripePaymentIntent,
  type StripePrice,
  type StripeSubscription,
  type StripeSubscriptionItem,
} from '../../../domain/stripe/model.js';
import { itemsOf } from '../../../domain/stripe/subscriptions.js';
import { hasTaxLocation } from '../../../domain/stripe/tax.js';
import type { ReadView } from '../../../state/transaction.js';
import { priceShape } from './catalog.js';
import { automaticTax, base, EMPTY_ADDRESS, list } from './common.js';

/** The legacy `plan` view of a price, which subscription items still carry. */
function planOf(price: StripePrice) {
  return {
    ...base('plan', price.id),
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount === null ? null : String(price.unit_amount),
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    metadata: price.metadata,
    meter: price.recurring?.meter ?? null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: price.tiers_mode,
    transform_usage: null,
    trial_period_days: price.recurring?.trial_period_days ?? null,
    usage_type: price.recurring?.usage_type ?? 'licensed',
  };
}

export function subscriptionItemShape(view: ReadView, item: StripeSubscriptionItem, subscription: StripeSubscription) {
  const price = getPrice(view, item.price);
  return {
    ...base('subscription_item', item.id),
    billing_thresholds: null,
    created: item.created,
    current_period_end: subscription.current_period_end,
    current_period_start: subscription.current_period_start,
    discounts: [],
    metadata: item.metadata,
    plan: planOf(price),
    price: priceShape(price),
    quantity: item.quantity,
    subscription: item.subscription,
    tax_rates: [],
  };
}

export function subscriptionShape(view: ReadView, subscription: StripeSubscription) {
  const items = itemsOf(view, subscription.id).map((item) => subscriptionItemShape(view, item, subscription));
  return {
    ...base('subscription', subscription.id),
    application: null,
    application_fee_percent: null,
    automatic_tax: { enabled: subscription.automatic_tax, liability: subscription.automatic_tax ? { type: 'self' } : null, disabled_reason: null },
    billing_cycle_anchor: subscription.billing_cycle_anchor,
    billing_cycle_anchor_config: null,
    billing_mode: { type: 'flexible', flexible: null },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: subscription.cancel_at,
    cancel_at_period_end: subscription.cancel_at_period_end,
    canceled_at: subscription.canceled_at,
    cancellation_details: { comment: null, feedback: null, reason: subscription.cancellation_reason },
    collection_method: subscription.collection_method,
    created: subscription.created,
    currency: subscription.currency,
    customer: subscription.customer,
    customer_account: null,
    days_until_due: subscription.days_until_due,
    default_payment_method: subscription.default_payment_method,
    default_source: null,
    default_tax_rates: [],
    description: subscription.description,
    discounts: subscription.discounts.filter((discount) => discount.end === null || discount.end > subscription.current_period_start).map((discount) => discount.id),
    ended_at: subscription.ended_at,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' }, custom_fields: null, description: null, footer: null },
    items: list(items, `/v1/subscription_items?subscription=${subscription.id}`),
    latest_invoice: subscription.latest_invoice,
    managed_payments: null,
    metadata: subscription.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: subscription.start_date,
    status: subscription.status,
    test_clock: subscription.test_clock,
    transfer_data: null,
    trial_end: subscription.trial_end,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: subscription.trial_start,
  };
}

/** Since basil, a line says where it came from in `parent` and what it priced in `pricing`. */
function lineShape(view: ReadView, invoice: StripeInvoice, line: InvoiceLine) {
  const price = line.price ? view.get<StripePrice>(PRICES, line.price) : undefined;
  const item = line.invoice_item ? view.get<StripeInvoiceItem>(INVOICE_ITEMS, line.invoice_item) : undefined;
  return {
    ...base('line_item', line.id),
    amount: line.amount,
    currency: invoice.currency,
    description: line.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoice.id,
    metadata: line.metadata,
    parent: line.invoice_item
      ? {
          type: 'invoice_item_details',
          invoice_item_details: { invoice_item: line.invoice_item, proration: line.proration, proration_details: { credited_items: null }, subscription: item?.subscription ?? invoice.subscription },
          subscription_item_details: null,
        }
      : {
          type: 'subscription_item_details',
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: null,
            proration: line.proration,
            proration_details: { credited_items: null },
            subscription: invoice.subscription ?? '',
            subscription_item: line.subscription_item ?? '',
          },
        },
    period: line.period,
    pretax_credit_amounts: [],
    pricing: {
      type: 'price_details',
      price_details: price ? { price: price.id, product: price.product } : null,
      unit_amount_decimal: line.quantity ? String(line.amount / line.quantity) : null,
    },
    quantity: line.quantity,
    quantity_decimal: String(line.quantity),
    subscription: invoice.subscription,
    subtotal: line.amount,
    taxes: [],
  };
}

export const invoiceLinesShape = (view: ReadView, invoice: StripeInvoice) =>
  list(invoice.lines.map((line) => lineShape(view, invoice, line)), `/v1/invoices/${invoice.id}/lines`);

/** The includable `payments`: the invoice's payment intent as an invoice payment. */
function invoicePayments(invoice: StripeInvoice) {
  const payments = invoice.payment_intent
    ? [
        {
          ...base('invoice_payment', `inpay_${invoice.payment_intent.slice(3)}`),
          amount_paid: invoice.status === 'paid' ? invoice.amount_paid : null,
          amount_requested: totalOf(invoice),
          created: invoice.finalized_at ?? invoice.created,
          currency: invoice.currency,
          invoice: invoice.id,
          is_default: true,
          payment: { type: 'payment_intent', payment_intent: invoice.payment_intent },
          status: invoice.status === 'paid' ? 'paid' : 'open',
          status_transitions: { canceled_at: null, paid_at: invoice.paid_at },
        },
      ]
    : [];
  return list(payments, `/v1/invoice_payments?invoice=${invoice.id}`);
}

export function invoiceShape(view: ReadView, invoice: StripeInvoice, expand: readonly string[] = []) {
  const customer = view.get<StripeCustomer>(CUSTOMERS, invoice.customer);
  const subtotal = subtotalOf(invoice);
  const total = totalOf(invoice);
  const finalized = invoice.status !== 'draft';
  const taxStatus = invoice.automatic_tax ? (customer && hasTaxLocation(customer) ? 'complete' : 'requires_location_inputs') : null;
  return {
    ...base('invoice', invoice.id),
    account_country: 'US',
    account_name: null,
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: invoice.amount_paid,
    amount_remaining: amountRemaining(invoice),
    amount_shipping: 0,
    application: null,
    attempt_count: invoice.attempt_count,
    attempted: invoice.attempt_count > 0,
    auto_advance: invoice.auto_advance,
    automatic_tax: automaticTax(invoice.automatic_tax, taxStatus),
    automatically_finalizes_at: invoice.automatically_finalizes_at,
    billing_reason: invoice.billing_reason,
    collection_method: invoice.collection_method,
    created: invoice.created,
    currency: invoice.currency,
    custom_fields: null,
    customer: invoice.customer,
    customer_account: null,
    customer_address: customer?.address ? { ...EMPTY_ADDRESS, ...customer.address } : null,
    customer_email: customer?.email ?? null,
    customer_name: customer?.name ?? null,
    customer_phone: customer?.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: invoice.description,
    discounts: invoice.discount_terms.map((term) => term.discount),
    due_date: invoice.due_date,
    effective_at: invoice.finalized_at,
    ending_balance: finalized ? 0 : null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: finalized ? `/invoices/${invoice.id}` : null,
    invoice_pdf: finalized ? `/invoices/${invoice.id}/pdf` : null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: invoiceLinesShape(view, invoice),
    metadata: invoice.metadata,
    next_payment_attempt: invoice.next_payment_attempt,
    number: invoice.number,
    on_behalf_of: null,
    parent: invoice.subscription
      ? { type: 'subscription_details', quote_details: null, subscription_details: { metadata: null, subscription: invoice.subscription } }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: invoice.period_end,
    period_start: invoice.period_start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: invoice.status,
    status_transitions: {
      finalized_at: invoice.finalized_at,
      marked_uncollectible_at: invoice.marked_uncollectible_at,
      paid_at: invoice.paid_at,
      voided_at: invoice.voided_at,
    },
    subscription: null,
    subtotal,
    subtotal_excluding_tax: subtotal,
    test_clock: invoice.test_clock,
    total,
    total_discount_amounts: invoice.discount_terms.length > 0 ? [{ amount: discountOf(invoice), discount: invoice.discount_terms[0]?.discount }] : [],
    total_excluding_tax: subtotal - discountOf(invoice),
    total_pretax_credit_amounts: [],
    total_taxes: invoice.tax > 0 ? [{ amount: invoice.tax, tax_behavior: 'exclusive', tax_rate_details: null, taxability_reason: 'standard_rated', taxable_amount: subtotal, type: 'tax_rate_details' }] : [],
    webhooks_delivered_at: invoice.created,
    ...(expand.includes('payments') ? { payments: invoicePayments(invoice) } : {}),
  };
}

export function invoiceItemShape(item: StripeInvoiceItem) {
  return {
    ...base('invoiceitem', item.id),
    amount: item.amount,
    currency: item.currency,
    customer: item.customer,
    customer_account: null,
    date: item.created,
    description: item.description,
    discountable: true,
    discounts: [],
    invoice: item.invoice,
    metadata: item.metadata,
    net_amount: item.amount,
    parent: item.subscription ? { type: 'subscription_details', subscription_details: { subscription: item.subscription, subscription_item: item.subscription_item ?? null } } : null,
    period: item.period,
    pricing: { type: 'price_details', price_details: null, unit_amount_decimal: String(item.amount / (item.quantity || 1)) },
    proration: item.proration ?? false,
    quantity: item.quantity,
    quantity_decimal: String(item.quantity),
    tax_rates: [],
    test_clock: item.test_clock,
  };
}

export function paymentIntentShape(intent: StripePaymentIntent) {
  return {
    ...base('payment_intent', intent.id),
    amount: intent.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: intent.amount_received,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${intent.id}_secret_emulator`,
    confirmation_method: 'automatic',
    created: intent.created,
    currency: intent.currency,
    customer: intent.customer,
    customer_account: null,
    description: 'Subscription invoice',
    excluded_payment_method_types: null,
    last_payment_error: intent.last_payment_error,
    latest_charge: null,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: intent.payment_method,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: intent.status,
    transfer_data: null,
    transfer_group: null,
  };
}
