import type { AnySchema } from 'ajv';
import { previewInvoice, type PreviewDocument, type PreviewItem, type PreviewThrough } from '../../domain/billing/preview.js';
import { invalidValue, missingField } from '../../domain/errors.js';
import type { OrderInput } from '../../domain/orders/model.js';
import { placeOrder } from '../../domain/orders/orders.js';
import { SUBSCRIPTIONS, type Subscription } from '../../domain/subscriptions/model.js';
import { getSubscription } from '../../domain/subscriptions/queries.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { orderCreateSchema } from './orders.js';
import { lastDay } from './wireValues.js';
import { tenantToday } from '../../domain/tenantTime.js';

const date = { type: 'string', format: 'date' } as const;

export const orderPreviewSchema: AnySchema = {
  ...(orderCreateSchema as Record<string, unknown>),
  required: ['orderDate', 'previewOptions'],
  properties: {
    ...((orderCreateSchema as { properties: Record<string, unknown> }).properties),
    previewAccountInfo: { type: 'object' },
    previewOptions: {
      type: 'object',
      required: ['previewThruType'],
      properties: {
        previewThruType: { enum: ['SpecificDate', 'TermEnd', 'NumberOfPeriods'] },
        previewTypes: { type: 'array', items: { enum: ['ChargeMetrics', 'BillingDocs', 'OrderDeltaMetrics', 'OrderMetrics', 'RampMetrics', 'RampDeltaMetrics'] } },
        // Dates, as the V1 spec types them: without the format, text that is not a date reached the
        // billing math and answered 500, or was echoed as a target date (found by contract fuzz).
        specificPreviewThruDate: date,
        previewNumberOfPeriods: { type: 'integer', minimum: 1 },
        skipTax: { type: 'boolean' },
      },
    },
  },
};

export const subscriptionPreviewSchema: AnySchema = {
  type: ['object', 'null'],
  properties: {
    previewStartDate: { type: 'object', properties: { previewStartDatePolicy: { enum: ['startOfTerm', 'today', 'specificDate'] }, specificDate: date } },
    previewThroughDate: {
      type: 'object',
      properties: {
        previewThruDatePolicy: { enum: ['nextBillingPeriods', 'endOfTerm', 'specificDate'] },
        nextBillingPeriods: { type: 'integer', minimum: 1 },
        specificDate: date,
      },
    },
    skipTax: { type: 'boolean' },
    quantityForUsageCharges: { type: 'array' },
  },
};


/** What both previews print of an item, in the order both print it. */
function previewItem(item: PreviewItem): Record<string, unknown> {
  return {
    chargeNumber: item.chargeNumber,
    chargeName: item.chargeName,
    chargeDescription: '',
    productName: item.productName,
    productRatePlanChargeId: item.productRatePlanChargeId,
    processingType: item.processingType === 'Discount' ? 'Discount' : 'Charge',
    serviceStartDate: item.serviceStartDate,
    serviceEndDate: lastDay(item.serviceEndDate),
    amountWithoutTax: item.amount,
    taxAmount: 0,
    unitPrice: item.unitPrice ?? item.amount,
  };
}

/** An order preview names each item's subscription (it may preview several) and puts the quantity under `additionalInfo`. */
function orderPreviewItem(item: PreviewItem): Record<string, unknown> {
  return {
    subscriptionNumber: item.subscriptionNumber,
    ...previewItem(item),
    additionalInfo: { quantity: item.quantity, ...(item.unitOfMeasure ? { unitOfMeasure: item.unitOfMeasure } : {}) },
    // The emulator computes no tax (from version 309.0; see versionGates.ts).
    taxationItems: [],
  };
}

/** A net charge previews as an invoice; a net credit as a credit memo, as Zuora bills them. */
function billingDocs(document: PreviewDocument, shapeItem: (item: PreviewItem) => Record<string, unknown>, itemsKey: string) {
  const doc = { amount: document.amount, amountWithoutTax: document.amount, taxAmount: 0, targetDate: document.targetDate };
  if (document.items.length === 0) return { invoices: [], creditMemos: [] };
  return document.amount >= 0
    ? { invoices: [{ ...doc, [itemsKey]: document.items.map(shapeItem) }], creditMemos: [] }
    : { invoices: [], creditMemos: [{ ...doc, amount: -doc.amount, amountWithoutTax: -doc.amount, [itemsKey === 'invoiceItems' ? 'creditMemoItems' : itemsKey]: document.items.map(shapeItem) }] };
}

function orderThrough(options: { previewThruType: string; specificPreviewThruDate?: string; previewNumberOfPeriods?: number }, orderDate: string): PreviewThrough {
  if (options.previewThruType === 'SpecificDate') {
    if (!options.specificPreviewThruDate) throw missingField('Order', 'previewOptions.specificPreviewThruDate');
    return { kind: 'date', date: options.specificPreviewThruDate };
  }
  if (options.previewThruType === 'TermEnd') return { kind: 'termEnd' };
  if (!options.previewNumberOfPeriods) throw missingField('Order', 'previewOptions.previewNumberOfPeriods');
  return { kind: 'periods', count: options.previewNumberOfPeriods, from: orderDate };
}

/** Runs the order on a copy of the tenant that is thrown away, then previews what billing it would bring. */
export function postOrderPreview(ctx: RequestContext): Reply {
  const { previewOptions, previewAccountInfo: _account, ...order } = ctx.body as OrderInput & {
    previewOptions: { previewThruType: string; previewTypes?: string[]; specificPreviewThruDate?: string; previewNumberOfPeriods?: number };
    previewAccountInfo?: unknown;
  };
  const scratch = ctx.services.store.scratch(ctx.tenant);
  const placed = placeOrder(scratch, { ...order, status: 'Completed' });
  const subscriptions = placed.results.map((result) => scratch.get<Subscription>(SUBSCRIPTIONS, result.subscriptionId) as Subscription);
  const types = previewOptions.previewTypes ?? ['BillingDocs'];
  const docs = types.includes('BillingDocs')
    ? billingDocs(previewInvoice(scratch, subscriptions, orderThrough(previewOptions, placed.orderDate)), orderPreviewItem, 'invoiceItems')
    : {};
  return { body: { success: true, previewResult: docs } };
}

function subscriptionPreviewItem(item: PreviewItem): Record<string, unknown> {
  return { ...previewItem(item), quantity: item.quantity, unitOfMeasure: item.unitOfMeasure };
}

interface SubscriptionPreviewBody {
  previewStartDate?: { previewStartDatePolicy?: string; specificDate?: string };
  previewThroughDate?: { previewThruDatePolicy?: string; nextBillingPeriods?: number; specificDate?: string };
}

function subscriptionThrough(body: SubscriptionPreviewBody, subscription: Subscription, today: string): PreviewThrough {
  const start = body.previewStartDate;
  const from =
    start?.previewStartDatePolicy === 'startOfTerm'
      ? subscription.termStartDate
      : start?.previewStartDatePolicy === 'specificDate'
        ? (start.specificDate ?? today)
        : today;
  const through = body.previewThroughDate ?? {};
  switch (through.previewThruDatePolicy ?? 'nextBillingPeriods') {
    case 'specificDate':
      if (!through.specificDate) throw missingField('Subscription', 'previewThroughDate.specificDate');
      return { kind: 'date', date: through.specificDate };
    case 'endOfTerm':
      return { kind: 'termEnd' };
    default:
      return { kind: 'nextBillingPeriods', count: through.nextBillingPeriods ?? 1, from };
  }
}

/** The next invoice(s) of an existing subscription, by default the one its next bill date will bring. */
export function postSubscriptionPreview(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const subscription = getSubscription(view, ctx.params.subscription_key ?? '');
  if (!subscription.isLatestVersion) {
    throw invalidValue('Subscription', 'subscription-key', `Only the latest version of ${subscription.subscriptionNumber} can be previewed`);
  }
  const body = (ctx.body ?? {}) as SubscriptionPreviewBody;
  const through = subscriptionThrough(body, subscription, tenantToday(view));
  const docs = billingDocs(previewInvoice(view, [subscription], through), subscriptionPreviewItem, 'invoiceItems');
  // A preview of documents that do not exist yet has no status.
  const shape = (doc: Record<string, unknown>, existing: string) => ({ ...doc, status: null, [existing]: false });
  return {
    body: {
      success: true,
      invoices: docs.invoices.map((invoice) => shape(invoice, 'isFromExistingInvoice')),
      creditMemos: docs.creditMemos.map((memo) => shape(memo, 'isFromExistingCreditMemo')),
    },
  };
}
