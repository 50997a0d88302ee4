import { billingPreview } from '../../domain/billing/accountPreview.js';
import type { PreviewItem } from '../../domain/billing/preview.js';
import type { ChargeType } from '../../domain/catalog/charges.js';
import { invalidValue, missingField } from '../../domain/errors.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { lastDay } from './wireValues.js';

// POST /v1/operations/billing-preview (BillingPreviewRequest / BillingPreviewResult).

export const billingPreviewSchema = {
  type: 'object',
  required: ['targetDate'],
  properties: {
    accountId: { type: 'string', maxLength: 255 },
    accountNumber: { type: 'string', maxLength: 255 },
    targetDate: { type: 'string', format: 'date' },
    assumeRenewal: { type: 'string' },
    chargeTypeToExclude: { type: 'string', maxLength: 100 },
    includingDraftItems: { type: 'boolean' },
    includingEvergreenSubscription: { type: 'boolean' },
  },
} as const;

const CHARGE_TYPES: readonly ChargeType[] = ['OneTime', 'Recurring', 'Usage'];

/** `chargeTypeToExclude` is a comma-separated list of charge types. */
export function chargeTypesExcluded(text: string | undefined): ChargeType[] {
  const names = (text ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!CHARGE_TYPES.includes(name as ChargeType)) throw invalidValue('Invoice', 'chargeTypeToExclude', `'${name}' is not a charge type (OneTime, Recurring, Usage)`);
  }
  return names as ChargeType[];
}

function previewItem(item: PreviewItem, index: number): Record<string, unknown> {
  return {
    // Preview lines are not stored; their ids only tell them apart within the answer.
    id: `preview-${index + 1}`,
    subscriptionId: item.subscriptionId,
    subscriptionName: item.subscriptionNumber,
    subscriptionNumber: item.subscriptionNumber,
    chargeId: item.chargeId,
    chargeName: item.chargeName,
    chargeNumber: item.chargeNumber,
    chargeDescription: '',
    chargeType: item.chargeType,
    chargeDate: item.serviceStartDate,
    productName: item.productName,
    processingType: item.processingType,
    serviceStartDate: item.serviceStartDate,
    serviceEndDate: lastDay(item.serviceEndDate),
    quantity: item.quantity,
    unitOfMeasure: item.unitOfMeasure,
    chargeAmount: item.amount,
    taxAmount: 0,
    appliedToItemId: null,
    numberOfDeliveries: null,
  };
}

export function postBillingPreview(ctx: RequestContext): Reply {
  const body = ctx.body as { accountId?: string; accountNumber?: string; targetDate: string; chargeTypeToExclude?: string; includingEvergreenSubscription?: boolean };
  const accountKey = body.accountId ?? body.accountNumber;
  if (!accountKey) throw missingField('Invoice', 'accountId');
  const preview = billingPreview(ctx.services.store.view(ctx.tenant), accountKey, {
    targetDate: body.targetDate,
    chargeTypesToExclude: chargeTypesExcluded(body.chargeTypeToExclude),
    includingEvergreenSubscription: body.includingEvergreenSubscription ?? false,
  });
  const items = preview.items.map(previewItem);
  return {
    body: {
      success: true,
      accountId: preview.accountId,
      invoiceItems: items.filter((item) => item.processingType === 'Charge'),
      creditMemoItems: items.filter((item) => item.processingType === 'Credit'),
    },
  };
}
