import { ACCOUNTS, type Account } from '../../domain/accounts.js';
import { INVOICE_ITEMS, INVOICES, type Invoice, type InvoiceItem } from '../../domain/invoices/model.js';
import { ORDERS, type Order } from '../../domain/orders/model.js';
import { SUBSCRIPTIONS, type Subscription } from '../../domain/subscriptions/model.js';
import { chargesOf, ratePlansOf, versionsOf } from '../../domain/subscriptions/queries.js';
import { notFound } from '../../domain/errors.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';

// Subscriptions as their version chains: every version with the order that wrote it, what that
// order did to the subscription, its rate plans and charges, and the invoices that billed it.

/** The order actions an order took on one subscription (its group in the order, found by number or by result). */
function actionsOn(order: Order, subscriptionNumber: string): string[] {
  const index = order.results.findIndex((result) => result.subscriptionNumber === subscriptionNumber);
  const group = order.subscriptions.find((candidate) => candidate.subscriptionNumber === subscriptionNumber) ?? order.subscriptions[index];
  return group?.orderActions.map((action) => action.type) ?? [];
}

function invoicesOfVersion(view: ReadView, subscriptionId: string) {
  const ids = new Set(view.filterBy<InvoiceItem>(INVOICE_ITEMS, 'subscriptionId', subscriptionId).map((item) => item.invoiceId));
  return [...ids].flatMap((id) => {
    const invoice = view.get<Invoice>(INVOICES, id);
    return invoice ? [{ id: invoice.id, invoiceNumber: invoice.invoiceNumber, accountId: invoice.accountId, amount: invoice.amount, balance: invoice.balance, status: invoice.status }] : [];
  });
}

function versionView(view: ReadView, version: Subscription) {
  const order = view.get<Order>(ORDERS, version.orderId);
  const charges = chargesOf(view, version.id);
  return {
    id: version.id,
    version: version.version,
    status: version.status,
    isLatestVersion: version.isLatestVersion,
    originalId: version.originalId,
    previousSubscriptionId: version.previousSubscriptionId,
    termStartDate: version.termStartDate,
    termEndDate: version.termEndDate,
    contractEffectiveDate: version.contractEffectiveDate,
    cancelledDate: version.cancelledDate,
    createdDate: version.createdDate,
    customFields: version.customFields,
    order: order
      ? { id: order.id, orderNumber: order.orderNumber, status: order.status, orderDate: order.orderDate, actions: actionsOn(order, version.subscriptionNumber) }
      : { id: version.orderId, orderNumber: version.orderNumber, status: null, orderDate: null, actions: [] },
    ratePlans: ratePlansOf(view, version.id).map((plan) => ({
      id: plan.id,
      name: plan.name,
      productRatePlanId: plan.productRatePlanId,
      lastChangeType: plan.lastChangeType,
      charges: charges
        .filter((charge) => charge.ratePlanId === plan.id)
        .map((charge) => ({
          id: charge.id,
          chargeNumber: charge.chargeNumber,
          segment: charge.segment,
          name: charge.name,
          chargeType: charge.chargeType,
          chargeModel: charge.chargeModel,
          billingPeriod: charge.billingPeriod,
          price: charge.price,
          quantity: charge.quantity,
          currency: charge.currency,
          effectiveStartDate: charge.effectiveStartDate,
          effectiveEndDate: charge.effectiveEndDate,
          chargedThroughDate: charge.chargedThroughDate,
        })),
    })),
    invoices: invoicesOfVersion(view, version.id),
  };
}

/** One line per subscription (its latest version), newest numbers last. */
export function listSubscriptionViews(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const data = view
    .all<Subscription>(SUBSCRIPTIONS)
    .filter((version) => version.isLatestVersion)
    .map((latest) => ({
      subscriptionNumber: latest.subscriptionNumber,
      id: latest.id,
      version: latest.version,
      status: latest.status,
      accountId: latest.accountId,
      accountNumber: view.get<Account>(ACCOUNTS, latest.accountId)?.accountNumber ?? null,
      termStartDate: latest.termStartDate,
      termEndDate: latest.termEndDate,
    }));
  return { body: { data } };
}

/** A subscription's version chain, oldest version first; the key is its number or any version's id. */
export function getSubscriptionView(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const key = ctx.params.key ?? '';
  const number = view.get<Subscription>(SUBSCRIPTIONS, key)?.subscriptionNumber ?? key;
  const versions = versionsOf(view, number);
  if (versions.length === 0) throw notFound(SUBSCRIPTIONS, key, 'key');
  const accountId = versions.at(-1)?.accountId ?? '';
  return {
    body: {
      subscriptionNumber: number,
      accountId,
      accountNumber: view.get<Account>(ACCOUNTS, accountId)?.accountNumber ?? null,
      versions: versions.map((version) => versionView(view, version)),
    },
  };
}
