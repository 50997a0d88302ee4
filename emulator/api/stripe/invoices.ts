import { getPrice, priceAmount } from '../../domain/stripe/catalog.js';
import { cardError, missingParam, noSuch } from '../../domain/stripe/errors.js';
import {
  createInvoice,
  createInvoiceItem,
  deleteInvoice,
  finalizeInvoice,
  getInvoice,
  markUncollectible,
  updateInvoice,
  voidInvoice,
  type InvoiceItemInput,
} from '../../domain/stripe/invoices.js';
import { INVOICE_ITEMS, INVOICES, PAYMENT_INTENTS, type StripeInvoice, type StripeInvoiceItem, type StripePaymentIntent } from '../../domain/stripe/model.js';
import { collect } from '../../domain/stripe/subscriptions.js';
import { nowOn } from '../../domain/stripe/time.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { deleted, paramsOf, render, viewOf, write } from './context.js';
import { page } from './list.js';
import { allowOnly, bool, expandPaths, int, metadata, nullableStr, obj, str } from './params.js';
import { searchPage } from './search.js';
import { invoiceItemShape, invoiceLinesShape, invoiceShape, paymentIntentShape } from './shapes/billing.js';

/** A one-off invoice: a draft that collects the customer's pending items (unless told to leave them). */
export async function postInvoice(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['customer', 'auto_advance', 'collection_method', 'days_until_due', 'description', 'metadata', 'currency', 'pending_invoice_items_behavior', 'automatic_tax']);
  const customer = str(params, 'customer');
  if (!customer) throw missingParam('customer');
  const tax = obj(params, 'automatic_tax');
  const invoice = await write(ctx, (tx) => {
    const now = nowOn(tx, tx.get<{ test_clock: string | null }>('stripe.customer', customer)?.test_clock ?? null);
    return createInvoice(tx, {
      customer,
      subscription: null,
      billing_reason: 'manual',
      collection_method: (str(params, 'collection_method') as StripeInvoice['collection_method'] | undefined) ?? 'charge_automatically',
      auto_advance: bool(params, 'auto_advance') ?? false,
      currency: str(params, 'currency') ?? 'usd',
      period: { start: now, end: now },
      lines: [],
      description: nullableStr(params, 'description') ?? null,
      metadata: metadata(params) ?? {},
      days_until_due: int(params, 'days_until_due') ?? null,
      automatic_tax: tax ? (bool(tax, 'enabled') ?? false) : false,
      includePending: str(params, 'pending_invoice_items_behavior') === 'include',
    });
  });
  return render(ctx, INVOICES, invoice);
}

export const getInvoiceById = (ctx: RequestContext): Reply => {
  const view = viewOf(ctx);
  return { body: invoiceShape(view, getInvoice(view, ctx.params.id ?? ''), expandPaths(paramsOf(ctx))) };
};

export async function postInvoiceUpdate(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['description', 'metadata', 'auto_advance']);
  const input = {
    ...(nullableStr(params, 'description') !== undefined ? { description: nullableStr(params, 'description') ?? null } : {}),
    ...(metadata(params) ? { metadata: metadata(params) } : {}),
    ...(bool(params, 'auto_advance') !== undefined ? { auto_advance: bool(params, 'auto_advance') } : {}),
  };
  return render(ctx, INVOICES, await write(ctx, (tx) => updateInvoice(tx, ctx.params.id ?? '', input)));
}

export async function deleteInvoiceById(ctx: RequestContext): Promise<Reply> {
  const invoice = await write(ctx, (tx) => deleteInvoice(tx, ctx.params.id ?? ''));
  return deleted('invoice', invoice.id);
}

export async function postFinalize(ctx: RequestContext): Promise<Reply> {
  allowOnly(paramsOf(ctx), ['auto_advance']);
  return render(ctx, INVOICES, await write(ctx, (tx) => finalizeInvoice(tx, ctx.params.id ?? '')));
}

/** A declined payment is still an attempt: it is recorded, and the call answers 402. */
export async function postPay(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['payment_method', 'paid_out_of_band', 'off_session', 'forgive', 'source']);
  const paymentMethod = str(params, 'payment_method');
  const outOfBand = bool(params, 'paid_out_of_band');
  const outcome = await write(ctx, (tx) =>
    collect(tx, ctx.params.id ?? '', { ...(paymentMethod ? { payment_method: paymentMethod } : {}), ...(outOfBand ? { paid_out_of_band: true } : {}) }),
  );
  if (!outcome.paid) throw cardError(outcome.decline, { payment_method: outcome.paymentMethod, payment_intent: outcome.invoice.payment_intent });
  return render(ctx, INVOICES, outcome.invoice);
}

export async function postVoid(ctx: RequestContext): Promise<Reply> {
  allowOnly(paramsOf(ctx), []);
  return render(ctx, INVOICES, await write(ctx, (tx) => voidInvoice(tx, ctx.params.id ?? '')));
}

export async function postMarkUncollectible(ctx: RequestContext): Promise<Reply> {
  allowOnly(paramsOf(ctx), []);
  return render(ctx, INVOICES, await write(ctx, (tx) => markUncollectible(tx, ctx.params.id ?? '')));
}

export function listInvoices(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created', 'customer', 'subscription', 'status', 'collection_method']);
  const view = viewOf(ctx);
  const [customer, subscription, status] = [str(params, 'customer'), str(params, 'subscription'), str(params, 'status')];
  const invoices = view
    .all<StripeInvoice>(INVOICES)
    .filter((invoice) => (!customer || invoice.customer === customer) && (!subscription || invoice.subscription === subscription) && (!status || invoice.status === status));
  return { body: page(invoices, params, '/v1/invoices', (invoice) => invoiceShape(view, invoice)) };
}

export function searchInvoices(ctx: RequestContext): Reply {
  const view = viewOf(ctx);
  return { body: searchPage(paramsOf(ctx), view.all<StripeInvoice>(INVOICES), '/v1/invoices/search', (invoice) => invoiceShape(view, invoice)) };
}

export function listInvoiceLines(ctx: RequestContext): Reply {
  const view = viewOf(ctx);
  return { body: invoiceLinesShape(view, getInvoice(view, ctx.params.id ?? '')) };
}

export async function postInvoiceItem(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['customer', 'invoice', 'amount', 'unit_amount_decimal', 'quantity', 'currency', 'description', 'period', 'metadata', 'pricing', 'price_data', 'subscription', 'discountable']);
  const input: InvoiceItemInput = {};
  const assign = <K extends keyof InvoiceItemInput>(key: K, value: InvoiceItemInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  assign('customer', str(params, 'customer'));
  assign('invoice', str(params, 'invoice'));
  assign('amount', int(params, 'amount'));
  const decimal = str(params, 'unit_amount_decimal');
  assign('unit_amount', decimal !== undefined ? Math.round(Number(decimal)) : undefined);
  assign('quantity', int(params, 'quantity'));
  assign('currency', str(params, 'currency'));
  assign('description', nullableStr(params, 'description'));
  assign('metadata', metadata(params));
  assign('subscription', str(params, 'subscription'));
  const period = obj(params, 'period');
  if (period) {
    const [start, end] = [int(period, 'start'), int(period, 'end')];
    if (start === undefined) throw missingParam('period[start]');
    if (end === undefined) throw missingParam('period[end]');
    input.period = { start, end };
  }
  const pricing = obj(params, 'pricing');
  const priceId = pricing ? str(pricing, 'price') : undefined;
  const item = await write(ctx, (tx) => {
    if (priceId) {
      const price = getPrice(tx, priceId, 'pricing[price]');
      input.price = price.id;
      input.currency ??= price.currency;
      input.priceAmount = (quantity) => priceAmount(price, quantity);
    }
    return createInvoiceItem(tx, input);
  });
  return render(ctx, INVOICE_ITEMS, item);
}

export function getInvoiceItemById(ctx: RequestContext): Reply {
  const item = viewOf(ctx).get<StripeInvoiceItem>(INVOICE_ITEMS, ctx.params.id ?? '');
  if (!item) throw noSuch('invoiceitem', ctx.params.id ?? '');
  return { body: invoiceItemShape(item) };
}

export function listInvoiceItems(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created', 'customer', 'invoice', 'pending']);
  const [customer, invoice, pending] = [str(params, 'customer'), str(params, 'invoice'), bool(params, 'pending')];
  const items = viewOf(ctx)
    .all<StripeInvoiceItem>(INVOICE_ITEMS)
    .filter((item) => (!customer || item.customer === customer) && (!invoice || item.invoice === invoice) && (pending === undefined || (item.invoice === null) === pending));
  return { body: page(items, params, '/v1/invoiceitems', invoiceItemShape) };
}

export function getPaymentIntentById(ctx: RequestContext): Reply {
  const intent = viewOf(ctx).get<StripePaymentIntent>(PAYMENT_INTENTS, ctx.params.id ?? '');
  if (!intent) throw noSuch('payment_intent', ctx.params.id ?? '');
  return { body: paymentIntentShape(intent) };
}
