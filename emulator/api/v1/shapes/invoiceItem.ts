import { getCharge } from '../../../domain/catalog/charges.js';
import type { InvoiceItem } from '../../../domain/invoices/model.js';
import type { ReadView } from '../../../state/transaction.js';
import { decimal, lastDay } from '../wireValues.js';
import { unmodelled } from './nulls.js';

// An invoice item as GET /v1/invoices/{invoiceKey}/items answers it (GETInvoiceItemsResponse), with
// every field of the official schema. Money is a decimal string there except availableToCreditAmount,
// which is a number (as the schema and the wire both have it).

export const UNMODELLED_ITEM_FIELDS = [
  'adjustmentLiabilityAccountingCode',
  'adjustmentRevenueAccountingCode',
  'appliedToItemId',
  'bookingReference',
  'commitmentId',
  'commitmentPeriodId',
  'contractAssetAccountingCode',
  'contractLiabilityAccountingCode',
  'contractRecognizedRevenueAccountingCode',
  'deferredRevenueAccountingCode',
  'fulfillmentId',
  'invoiceScheduleId',
  'invoiceScheduleItemId',
  'numberOfDeliveries',
  'orderLineItemId',
  'purchaseOrderNumber',
  'recognizedRevenueAccountingCode',
  'revRecCode',
  'revRecTriggerCondition',
  'revenueRecognitionRuleName',
  'shipToContactId',
  'soldToContactSnapshotId',
  'unbilledReceivablesAccountingCode',
] as const;

/** The null fields, worked out once rather than on every answer. */
const ITEM_NULLS = unmodelled(UNMODELLED_ITEM_FIELDS);

export function toV1InvoiceItem(view: ReadView, item: InvoiceItem): Record<string, unknown> {
  const catalog = getCharge(view, item.productRatePlanChargeId);
  // Nothing is credited against items yet, so all of a positive item is still creditable.
  const creditable = Math.max(item.chargeAmount, 0);
  return {
    id: item.id,
    subscriptionId: item.subscriptionId,
    subscriptionName: item.subscriptionNumber,
    chargeId: item.chargeId,
    chargeName: item.chargeName,
    chargeDescription: catalog.description ?? '',
    chargeType: item.chargeType,
    // Zuora has no credit item type: a credit is a charge with a negative amount. Discounts are their own lines.
    processingType: item.processingType === 'Discount' ? 'Discount' : 'Charge',
    itemType: null,
    productName: item.productName,
    productRatePlanChargeId: item.productRatePlanChargeId,
    sku: null,
    serviceStartDate: item.serviceStartDate,
    serviceEndDate: lastDay(item.serviceEndDate),
    chargeDate: item.createdDate,
    chargeAmount: decimal(item.chargeAmount),
    taxAmount: decimal(item.taxAmount),
    balance: decimal(item.chargeAmount),
    availableToCreditAmount: creditable,
    quantity: String(item.quantity),
    unitPrice: item.unitPrice,
    unitOfMeasure: item.unitOfMeasure ?? '',
    accountingCode: catalog.accountingCode ?? null,
    taxCode: catalog.taxCode ?? null,
    taxMode: catalog.taxMode ?? null,
    // The emulator computes no tax, so there are no taxation items to list.
    taxationItems: { data: [], nextPage: null },
    excludeItemBillingFromRevenueAccounting: false,
    reflectDiscountInNetAmount: false,
    soldToContactId: null,
    sourceItemType: 'SubscriptionComponent',
    ...ITEM_NULLS,
  };
}
