import type { Transaction } from '../../state/transaction.js';
import type { SubscriptionBillingInput } from '../billing/billableItems.js';
import { billingSchedule, billingSpans } from '../billing/periods.js';
import { rateQuantity, roundMoney } from '../billing/rating.js';
import { SUBSCRIPTION_CHARGES, type Subscription, type SubscriptionCharge } from '../subscriptions/model.js';
import { pendingUsageFor } from '../usage/usage.js';
import type { InvoiceItem } from './model.js';

type UsageItem = Omit<InvoiceItem, 'id' | 'invoiceId' | 'accountId' | 'productName' | 'createdDate' | 'updatedDate'>;

/**
 * Usage is billed in arrears: each billing period of a usage charge that has ended by the target
 * date is rated from the Pending usage records that started in it, and its records become billed.
 */
export function usageItemsFor(
  tx: Transaction,
  subscription: Subscription,
  input: SubscriptionBillingInput,
  targetDate: string,
): { items: UsageItem[]; usageIds: string[] } {
  const items: UsageItem[] = [];
  const usageIds: string[] = [];
  const usageCharges = input.charges.filter((charge) => charge.chargeType === 'Usage');
  for (const segment of usageCharges) {
    const schedule = billingSchedule(
      usageCharges.filter((charge) => charge.chargeNumber === segment.chargeNumber),
      input,
    );
    let billedThrough = segment.chargedThroughDate;
    for (const span of billingSpans(schedule, segment.chargedThroughDate, segment.effectiveEndDate)) {
      if (span.end > targetDate) break;
      const records = pendingUsageFor(tx, subscription.subscriptionNumber, segment.chargeNumber, span.start, span.end);
      billedThrough = span.end;
      if (records.length === 0) continue;
      const quantity = records.reduce((sum, record) => sum + record.quantity, 0);
      const rating = rateQuantity(segment, quantity);
      items.push({
        subscriptionId: subscription.id,
        subscriptionNumber: subscription.subscriptionNumber,
        chargeId: segment.id,
        chargeNumber: segment.chargeNumber,
        chargeName: segment.name,
        productRatePlanChargeId: segment.productRatePlanChargeId,
        chargeType: 'Usage',
        processingType: 'Charge',
        serviceStartDate: span.start,
        serviceEndDate: span.end,
        quantity,
        unitPrice: rating.unitPrice,
        unitOfMeasure: segment.uom,
        chargeAmount: roundMoney(rating.amount),
        taxAmount: 0,
      });
      usageIds.push(...records.map((record) => record.id));
    }
    if (billedThrough !== segment.chargedThroughDate) {
      tx.update<SubscriptionCharge>(SUBSCRIPTION_CHARGES, segment.id, { chargedThroughDate: billedThrough });
    }
  }
  return { items, usageIds };
}
