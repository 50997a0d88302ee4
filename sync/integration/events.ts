// What the platform asks Zuora to tell it, as data: the seven custom events of seeds/002 (each an
// event trigger, a callout template and a notification definition, created by connect) and the two
// standard events its webhook also handles (configured in Zuora by its administrator, not by the
// platform: see standardNotifications.ts). Inbound dispatches on the `EventType` every callout carries.

/** The callout's fields: the names seeds/002 gives them, each a merge field Zuora fills in. */
type CalloutParams = Readonly<Record<string, string>>;

interface EventBase {
  /** Sent as `EventType` in every callout of this event. */
  eventType: string;
  calloutName: string;
  notificationName: string;
  params: CalloutParams;
}

/** A custom event: raised by an event trigger the platform creates. */
interface CustomEvent extends EventBase {
  kind: 'custom';
  baseObject: string;
  /** Exactly as seeds/002 writes it. */
  condition: string;
}

/** A standard Zuora event: raised by Zuora itself, by category code. */
interface StandardEvent extends EventBase {
  kind: 'standard';
  eventCategory: number;
}

export type PlatformEvent = CustomEvent | StandardEvent;

const INVOICE = { InvoiceId: '<Invoice.Id>', AccountId: '{{DataSource.Account.Id}}' };

const SUBSCRIPTION_STATUS = {
  SubscriptionId: '<Subscription.Id>',
  SubscriptionOriginalId: '<Subscription.OriginalId>',
  SubscriptionPreviousSubscriptionId: '<Subscription.PreviousSubscriptionId>',
  SubscriptionStatus: '<Subscription.Status>',
  SubscriptionCancelledDate: '<Subscription.CancelledDate>',
};

/** "Stigg Invoice Paid Callout" / "Stigg Invoice Paid Notification": the names seeds/002 gives. */
function custom(eventType: string, label: string, baseObject: string, condition: string, params: CalloutParams): CustomEvent {
  return { kind: 'custom', eventType, calloutName: `Stigg ${label} Callout`, notificationName: `Stigg ${label} Notification`, baseObject, condition, params };
}

function standard(eventType: string, eventCategory: number, params: CalloutParams): StandardEvent {
  return { kind: 'standard', eventType, calloutName: `Stigg ${eventType} Callout`, notificationName: `Stigg ${eventType} Notification`, eventCategory, params };
}

const CUSTOM_EVENTS: readonly CustomEvent[] = [
  custom('StiggInvoicePaidEvent', 'Invoice Paid', 'Invoice', "changeType =~ ['UPDATE'] && Invoice.Balance == 0", INVOICE),
  custom('StiggInvoicePostedEvent', 'Invoice Posted', 'Invoice', "changeType =~ ['INSERT','UPDATE'] && Invoice.Status == 'Posted' && Invoice.Balance > 0", INVOICE),
  custom('StiggSubscriptionCancelledEvent', 'Subscription Cancelled', 'Subscription', "Subscription.Status == 'Cancelled'", SUBSCRIPTION_STATUS),
  custom('StiggSubscriptionUpdatedEvent', 'Subscription Updated', 'Subscription', "changeType == 'INSERT' && Subscription.IsLatestVersion == true", {
    SubscriptionId: '<Subscription.Id>',
    SubscriptionOriginalId: '<Subscription.OriginalId>',
    AccountId: '{{DataSource.Account.Id}}',
  }),
  custom('StiggScheduledOrderCompletedEvent', 'Order Scheduled', 'Order', "Order.IsScheduled == true && Order.Status == 'Completed'", {
    OrderId: '<Order.Id>',
    // Beyond seeds/002: no order read takes an order id, and the platform keeps its scheduled updates by order number.
    OrderNumber: '<Order.OrderNumber>',
    OrderStatus: '<Order.Status>',
    OrderIsScheduled: '<Order.IsScheduled>',
    AccountId: '{{DataSource.Account.Id}}',
  }),
  custom('StiggCustomerCanceledEvent', 'Customer Canceled', 'Account', "changeType =~ ['UPDATE'] && Account.Status == 'Canceled'", {
    AccountId: '<Account.Id>',
    AccountStatus: '<Account.Status>',
  }),
  custom('StiggPaymentFailedEvent', 'Payment Failed', 'Payment', "Payment.Status == 'Error'", {
    PaymentInvoiceId: '<Payment.PaymentParts>',
    AccountId: '{{DataSource.Account.Id}}',
    PaymentGatewayResponse: '<Payment.GatewayResponse>',
    PaymentGatewayResponseCode: '<Payment.GatewayResponseCode>',
    EntityID: '{{DataSource.Entity.ID}}',
    // Beyond seeds/002: tells two failed attempts on one invoice apart, so a replay is not taken for a new failure.
    PaymentId: '<Payment.Id>',
  }),
];

/** Zuora's standard account (1500) and subscription (1200) change events, with the fields of seeds/002. */
export const STANDARD_EVENTS: readonly StandardEvent[] = [
  standard('Customer', 1500, {
    AccountId: '<Account.Id>',
    DefaultPaymentMethodId: '<DefaultPaymentMethod.Id>',
    // Beyond seeds/002: tells a card from a card reference (cc_ref), which the platform stores as different types.
    DefaultPaymentMethodType: '<DefaultPaymentMethod.Type>',
    DefaultPaymentMethodCreditCardType: '<DefaultPaymentMethod.CreditCardType>',
    DefaultPaymentMethodBankName: '<DefaultPaymentMethod.BankName>',
    DefaultPaymentMethodCreditCardMaskNumber: '<DefaultPaymentMethod.CreditCardMaskNumber>',
    DefaultPaymentMethodCreditCardExpirationMonth: '<DefaultPaymentMethod.CreditCardExpirationMonth>',
    DefaultPaymentMethodCreditCardExpirationYear: '<DefaultPaymentMethod.CreditCardExpirationYear>',
  }),
  standard('Subscription', 1200, SUBSCRIPTION_STATUS),
];

/** What connect creates and remove deletes: the seven custom events, and nothing else. */
export const PLATFORM_EVENTS: readonly PlatformEvent[] = CUSTOM_EVENTS;
