import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useTenant } from './helpers/emulator.js';
import { EVERGREEN_TERMS, newSubscriptionOrder } from './helpers/orders.js';
import { useReceiver } from './helpers/receiver.js';

// Merge fields of callout templates read the event's data source: the base object with every field,
// and the objects Zuora joins to it (Account, BillToContact, SoldToContact, DefaultPaymentMethod;
// a payment's PaymentMethod and Invoice; a subscription's Order). A field the object lacks renders
// empty; a merge field naming an object outside the data source stays as written.

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });
const receiver = useReceiver();
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
});

async function callout(baseObject: string, name: string, calloutParams: Record<string, string>): Promise<void> {
  await env.zuora.post('/events/event-triggers', { baseObject, condition: "changeType == 'INSERT'", active: true, eventType: { name, displayName: name } });
  const template = await env.zuora.post('/notifications/callout-templates', { name, eventTypeName: name, calloutBaseurl: `${receiver.url}/${name}`, httpMethod: 'POST', calloutParams, active: true });
  await env.zuora.post('/notifications/notification-definitions', { name, eventTypeName: name, active: true, calloutActive: true, calloutTemplateIds: [template.body.id] });
}

const settle = () => env.admin.post('/clock/advance', { by: 'PT0S' });

/** An account paying by card, subscribed to Support (evergreen) by an order with `processingOptions`. */
async function cardCustomerOrder(processingOptions?: Record<string, unknown>) {
  const card = { type: 'card', card: { card_number: '4242424242424242', expiry_month: 12, expiry_year: 2030 } };
  const account = (await env.zuora.post('/v2/accounts', accountBody({ payment_method: card }))).body;
  const order = await env.zuora.post('/v1/orders', newSubscriptionOrder(account.account_number, [{ productRatePlanId: catalog.support.planId }], { terms: EVERGREEN_TERMS, ...(processingOptions ? { processingOptions } : {}) }));
  return { account, order };
}

describe('callout data sources', () => {
  it("resolve a subscription's account, contacts, default payment method and order", async () => {
    await callout('Subscription', 'SubscriptionCreated', {
      number: '{{DataSource.Subscription.SubscriptionNumber}}',
      status: '<Subscription.Status>',
      account: '{{DataSource.Account.AccountNumber}}',
      email: '{{DataSource.BillToContact.WorkEmail}}',
      postal: '{{DataSource.SoldToContact.PostalCode}}',
      card: '{{DataSource.DefaultPaymentMethod.CreditCardMaskNumber}}',
      order: '{{DataSource.Order.OrderNumber}}',
      missing: '{{DataSource.Subscription.NoSuchField}}',
      outside: '<Refund.Amount>',
    });
    const { account, order: created } = await cardCustomerOrder();
    await settle();
    const [delivered] = receiver.at('/SubscriptionCreated');
    expect(delivered?.body).toEqual({
      number: created.body.subscriptionNumbers[0],
      status: 'Active',
      account: account.account_number,
      email: 'ada@example.com',
      postal: '94105',
      card: '************4242',
      order: created.body.orderNumber,
      missing: '',
      outside: '<Refund.Amount>',
    });
  });

  it("resolve a payment's payment method and the invoice it paid", async () => {
    await callout('Payment', 'PaymentMade', {
      amount: '{{DataSource.Payment.Amount}}',
      method: '{{DataSource.PaymentMethod.Type}}',
      invoice: '{{DataSource.Invoice.InvoiceNumber}}',
      city: '{{DataSource.BillToContact.City}}',
    });
    const { order: created } = await cardCustomerOrder({ runBilling: true, collectPayment: true });
    expect(created.body.paymentNumber).toBeDefined();
    await settle();
    const [delivered] = receiver.at('/PaymentMade');
    expect(delivered?.body).toEqual({ amount: String(created.body.paidAmount), method: 'CreditCard', invoice: created.body.invoiceNumbers[0], city: 'San Francisco' });
  });
});
