import { INVOICES, type Invoice } from '../../domain/invoices/model.js';
import { PAYMENT_METHODS, PAYMENTS, type Payment, type PaymentMethod } from '../../domain/payments/model.js';
import { SUBSCRIPTIONS, type Subscription } from '../../domain/subscriptions/model.js';
import { calloutJournal } from '../../events/dispatcher.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';

/** The account (and subscription) a callout's object belongs to, so the inspector can link the callout to the change behind it. */
function ownerOf(view: ReadView, object: string, id: string): { accountId: string | null; subscriptionNumber: string | null } {
  switch (object) {
    case 'Account':
      return { accountId: id, subscriptionNumber: null };
    case 'Subscription': {
      const subscription = view.get<Subscription>(SUBSCRIPTIONS, id);
      return { accountId: subscription?.accountId ?? null, subscriptionNumber: subscription?.subscriptionNumber ?? null };
    }
    case 'Invoice':
      return { accountId: view.get<Invoice>(INVOICES, id)?.accountId ?? null, subscriptionNumber: null };
    case 'Payment':
      return { accountId: view.get<Payment>(PAYMENTS, id)?.accountId ?? null, subscriptionNumber: null };
    case 'PaymentMethod':
      return { accountId: view.get<PaymentMethod>(PAYMENT_METHODS, id)?.accountId ?? null, subscriptionNumber: null };
    default:
      return { accountId: null, subscriptionNumber: null };
  }
}

/**
 * The callout journal for the inspector: each delivery with its attempts and where the object that
 * raised it lives. Credentials and headers stay out: the page needs none of them.
 */
export function listCalloutViews(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const data = calloutJournal(view).map((delivery) => ({
    id: delivery.id,
    seq: delivery.seq,
    notificationId: delivery.notificationId,
    eventName: delivery.eventName,
    object: delivery.object,
    objectId: delivery.objectId,
    ...ownerOf(view, delivery.object, delivery.objectId),
    url: delivery.url,
    method: delivery.method,
    body: delivery.body,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
    createdAt: delivery.createdAt,
  }));
  return { body: { data } };
}
