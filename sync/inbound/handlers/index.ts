import type { Handler } from '../handler.js';
import { customerPaymentMethod } from './customer.js';
import { customerCanceled } from './customerCanceled.js';
import { invoicePaid } from './invoicePaid.js';
import { invoicePosted } from './invoicePosted.js';
import { paymentFailed } from './paymentFailed.js';
import { scheduledOrderCompleted } from './scheduledOrderCompleted.js';
import { subscriptionCancelled } from './subscriptionCancelled.js';
import { subscriptionUpdated } from './subscriptionUpdated.js';

/** One handler per row of seeds/002, by the EventType the callout carries (integration/events.ts sets it). */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  Customer: customerPaymentMethod,
  Subscription: subscriptionCancelled,
  StiggInvoicePaidEvent: invoicePaid,
  StiggInvoicePostedEvent: invoicePosted,
  StiggSubscriptionCancelledEvent: subscriptionCancelled,
  StiggSubscriptionUpdatedEvent: subscriptionUpdated,
  StiggScheduledOrderCompletedEvent: scheduledOrderCompleted,
  StiggCustomerCanceledEvent: customerCanceled,
  StiggPaymentFailedEvent: paymentFailed,
};
