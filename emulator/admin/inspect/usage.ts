import { listUsage } from '../../domain/usage/usage.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';

/** Usage records in the order they were reported, with the invoice that billed each. */
export function listUsageViews(ctx: RequestContext): Reply {
  const data = listUsage(ctx.services.store.view(ctx.tenant)).map((record) => ({
    id: record.id,
    accountNumber: record.accountNumber,
    subscriptionNumber: record.subscriptionNumber,
    subscriptionId: record.subscriptionId,
    chargeNumber: record.chargeNumber,
    unitOfMeasure: record.unitOfMeasure,
    quantity: record.quantity,
    startDateTime: record.startDateTime,
    endDateTime: record.endDateTime,
    status: record.status,
    invoiceId: record.invoiceId,
  }));
  return { body: { data } };
}
