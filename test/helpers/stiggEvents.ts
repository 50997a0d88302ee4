import type { TenantClient } from './emulator.js';

/** The seven custom events of seeds/002: base object, condition, the callout/notification names and the fields each callout carries. */
export const STIGG_EVENTS = [
  {
    name: 'StiggInvoicePaidEvent',
    label: 'Invoice Paid',
    baseObject: 'Invoice',
    condition: "changeType =~ ['UPDATE'] && Invoice.Balance == 0",
    params: { InvoiceId: '<Invoice.Id>', AccountId: '{{DataSource.Account.Id}}' },
  },
  {
    name: 'StiggInvoicePostedEvent',
    label: 'Invoice Posted',
    baseObject: 'Invoice',
    condition: "changeType =~ ['INSERT','UPDATE'] && Invoice.Status == 'Posted' && Invoice.Balance > 0",
    params: { InvoiceId: '<Invoice.Id>', AccountId: '{{DataSource.Account.Id}}' },
  },
  {
    name: 'StiggSubscriptionCancelledEvent',
    label: 'Subscription Cancelled',
    baseObject: 'Subscription',
    condition: "Subscription.Status == 'Cancelled'",
    params: {
      SubscriptionId: '<Subscription.Id>',
      SubscriptionOriginalId: '<Subscription.OriginalId>',
      SubscriptionPreviousSubscriptionId: '<Subscription.PreviousSubscriptionId>',
      SubscriptionStatus: '<Subscription.Status>',
      SubscriptionCancelledDate: '<Subscription.CancelledDate>',
    },
  },
  {
    name: 'StiggSubscriptionUpdatedEvent',
    label: 'Subscription Updated',
    baseObject: 'Subscription',
    condition: "changeType == 'INSERT' && Subscription.IsLatestVersion == true",
    params: { SubscriptionId: '<Subscription.Id>', SubscriptionOriginalId: '<Subscription.OriginalId>', AccountId: '{{DataSource.Account.Id}}' },
  },
  {
    name: 'StiggScheduledOrderCompletedEvent',
    label: 'Order Scheduled',
    baseObject: 'Order',
    condition: "Order.IsScheduled == true && Order.Status == 'Completed'",
    params: { OrderId: '<Order.Id>', OrderStatus: '<Order.Status>', OrderIsScheduled: '<Order.IsScheduled>', AccountId: '{{DataSource.Account.Id}}' },
  },
  {
    name: 'StiggCustomerCanceledEvent',
    label: 'Customer Canceled',
    baseObject: 'Account',
    condition: "changeType =~ ['UPDATE'] && Account.Status == 'Canceled'",
    params: { AccountId: '<Account.Id>', AccountStatus: '<Account.Status>' },
  },
  {
    name: 'StiggPaymentFailedEvent',
    label: 'Payment Failed',
    baseObject: 'Payment',
    condition: "Payment.Status == 'Error'",
    params: {
      PaymentInvoiceId: '<Payment.PaymentParts>',
      AccountId: '{{DataSource.Account.Id}}',
      PaymentGatewayResponse: '<Payment.GatewayResponse>',
      PaymentGatewayResponseCode: '<Payment.GatewayResponseCode>',
      EntityID: '{{DataSource.Entity.ID}}',
    },
  },
] as const;

/** Registers the seven events as the platform does: trigger, callout template, notification. */
export async function registerStiggEvents(zuora: TenantClient, webhookUrl: string, extra: Record<string, unknown> = {}): Promise<void> {
  for (const event of STIGG_EVENTS) {
    const trigger = await zuora.post('/events/event-triggers', {
      baseObject: event.baseObject,
      condition: event.condition,
      active: true,
      eventType: { name: event.name, displayName: event.name },
    });
    if (trigger.status !== 200) throw new Error(`trigger ${event.name}: ${JSON.stringify(trigger.body)}`);
    const template = await zuora.post('/notifications/callout-templates', {
      name: `Stigg ${event.label} Callout`,
      eventTypeName: event.name,
      calloutBaseurl: webhookUrl,
      httpMethod: 'POST',
      calloutParams: { EventName: event.name, ...event.params },
      calloutRetry: true,
      active: true,
      ...extra,
    });
    if (template.status !== 200) throw new Error(`template ${event.name}: ${JSON.stringify(template.body)}`);
    const notification = await zuora.post('/notifications/notification-definitions', {
      name: `Stigg ${event.label} Notification`,
      eventTypeName: event.name,
      active: true,
      calloutActive: true,
      calloutTemplateIds: [template.body.id],
    });
    if (notification.status !== 200) throw new Error(`notification ${event.name}: ${JSON.stringify(notification.body)}`);
  }
}
