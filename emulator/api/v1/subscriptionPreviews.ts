import { getAccount, type Account } from '../../domain/accounts.js';
import { previewInvoice, type PreviewItem } from '../../domain/billing/preview.js';
import { missingField, referenced } from '../../domain/errors.js';
import { contractedMrr, totalContractedValue } from '../../domain/subscriptions/metrics.js';
import { SUBSCRIPTIONS, type Subscription } from '../../domain/subscriptions/model.js';
import { tenantToday } from '../../domain/tenantTime.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { createOrderAccount } from '../../domain/orders/newAccount.js';
import { createSubscriptionAction, subscriptionCustomFields } from './subscriptionBodies.js';
import { placeSubscriptionOrder } from './subscriptionWrites.js';
import { lastDay } from './wireValues.js';

// POST /v1/subscriptions/preview, and the preview a `preview: true` update answers with: the
// subscription is created (or amended) on a throw-away copy of the tenant, and the invoice a bill
// run to the target date would write for it is shaped as POSTSubscriptionPreviewResponseType.

type Body = Record<string, unknown>;

function previewItem(item: PreviewItem): Record<string, unknown> {
  return {
    serviceStartDate: item.serviceStartDate,
    serviceEndDate: lastDay(item.serviceEndDate),
    chargeAmount: item.amount,
    chargeDescription: '',
    chargeName: item.chargeName,
    productName: item.productName,
    productRatePlanChargeId: item.productRatePlanChargeId,
    quantity: item.quantity,
    unitOfMeasure: item.unitOfMeasure ?? '',
    taxAmount: 0,
  };
}

/** The invoice (or, for a net credit, the credit memo) a bill run to `targetDate` would write for this version. */
export function previewOfVersion(view: ReadView, subscription: Subscription, targetDate: string): Record<string, unknown> {
  const document = previewInvoice(view, [subscription], { kind: 'date', date: targetDate });
  const items = document.items.map(previewItem);
  const amounts = { amount: Math.abs(document.amount), amountWithoutTax: Math.abs(document.amount), taxAmount: 0 };
  if (document.amount < 0) return { creditMemo: { ...amounts, creditMemoItems: items }, targetDate };
  return { invoice: { ...amounts, targetDate, invoiceItems: items }, targetDate };
}

/** The account a preview is for: an existing one, or one made on the copy from `previewAccountInfo`. */
function previewAccount(tx: Transaction, body: Body): Account {
  if (typeof body.accountKey === 'string') {
    const key = body.accountKey;
    return referenced(() => getAccount(tx, key), SUBSCRIPTIONS, 'accountKey', `Account '${key}'`);
  }
  const info = (body.previewAccountInfo ?? {}) as Body;
  if (!body.previewAccountInfo) throw missingField(SUBSCRIPTIONS, 'accountKey');
  return createOrderAccount(tx, {
    name: 'Preview',
    currency: info.currency,
    billCycleDay: info.billCycleDay,
    billToContact: { firstName: 'Preview', lastName: 'Preview', ...(info.billToContact as Body) },
  });
}

export function postSubscriptionPreviewNew(ctx: RequestContext): Reply {
  const body = ctx.body as Body;
  const scratch = ctx.services.store.scratch(ctx.tenant);
  const account = previewAccount(scratch, body);
  const customFields = subscriptionCustomFields(body);
  const order = placeSubscriptionOrder(scratch, {
    orderDate: tenantToday(scratch),
    existingAccountId: account.id,
    subscriptions: [{ orderActions: [createSubscriptionAction(scratch, body)], ...(customFields ? { customFields } : {}) }],
  });
  const subscription = scratch.get<Subscription>(SUBSCRIPTIONS, order.results[0]?.subscriptionId ?? '') as Subscription;
  const targetDate = typeof body.targetDate === 'string' ? body.targetDate : subscription.contractEffectiveDate;
  const legalDoc = body.previewType !== 'ChargeMetrics';
  return {
    body: {
      success: true,
      ...(legalDoc ? previewOfVersion(scratch, subscription, targetDate) : { targetDate }),
      contractedMrr: contractedMrr(scratch, subscription),
      totalContractedValue: totalContractedValue(scratch, subscription),
    },
  };
}
