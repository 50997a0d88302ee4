import { isJson, listIn, present, type Json } from './read.js';
import type { Step, Suite, Vars } from './types.js';

const contractEffective = (date: string) => [{ name: 'ContractEffective', triggerDate: date }];

/** An UpdateProduct action setting the seat quantity, as the platform sends seat changes. */
const seatUpdate = (quantity: number, date = '${today}') => ({
  type: 'UpdateProduct',
  triggerDates: contractEffective(date),
  updateProduct: {
    ratePlanId: '${ratePlanId}',
    chargeUpdates: [{ chargeNumber: '${seatsChargeNumber}', pricing: { recurringPerUnit: { quantity } } }],
  },
});

const onSubscription = (orderActions: unknown[]) => [{ subscriptionNumber: '${subscriptionNumber}', orderActions }];

/** Reads the subscribed rate plan and seat charge the platform amends later. */
function captureRatePlan(body: unknown, vars: Vars): Vars {
  const plans = listIn<Json>(body, ['ratePlans']);
  const plan = plans.find((candidate) => candidate.productRatePlanId === (vars.plan as Json | undefined)?.id);
  const seats = listIn<Json>(plan, ['ratePlanCharges']).find((charge) => charge.productRatePlanChargeId === (vars.seats as Json | undefined)?.Id);
  return present({ ratePlanId: plan?.id, seatsChargeNumber: seats?.number });
}

export const createSubscriptionStep: Step = {
  name: 'create subscription (CreateSubscription with seat override)',
  method: 'POST',
  path: '/v1/orders',
  query: { returnIds: 'true' },
  body: {
    orderDate: '${today}',
    existingAccountNumber: '${account.account_number}',
    subscriptions: [
      {
        orderActions: [
          {
            type: 'CreateSubscription',
            triggerDates: contractEffective('${today}'),
            createSubscription: {
              terms: {
                initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month', startDate: '${today}' },
                autoRenew: true,
                renewalSetting: 'RENEW_WITH_SPECIFIC_TERM',
                renewalTerms: [{ period: 12, periodType: 'Month' }],
              },
              subscribeToRatePlans: [
                { productRatePlanId: '${plan.id}', chargeOverrides: [{ productRatePlanChargeId: '${seats.Id}', pricing: { recurringPerUnit: { quantity: 10 } } }] },
              ],
            },
          },
        ],
      },
    ],
  },
  as: 'created',
  capture: (body) => {
    // Versions up to 222.4 (the default) list `subscriptionNumbers`; 223.0 and later `subscriptions`.
    const [first] = listIn<Json>(body, ['subscriptions']);
    const numbers = isJson(body) && Array.isArray(body.subscriptionNumbers) ? body.subscriptionNumbers : [];
    const ids = isJson(body) && Array.isArray(body.subscriptionIds) ? body.subscriptionIds : [];
    return present({ subscriptionNumber: first?.subscriptionNumber ?? numbers[0], subscriptionId: first?.subscriptionId ?? ids[0] });
  },
};

/** Orders: create, read in both dialects, amend, preview, schedule, list and cancel. */
export const ordersSuite: Suite = {
  name: 'orders',
  description: 'orders (create, update, scheduled, list, cancel, preview), subscription reads and preview',
  steps: [
    createSubscriptionStep,
    {
      name: 'get subscription (V1)',
      method: 'GET',
      path: '/v1/subscriptions/:subscription_key',
      params: { subscription_key: '${subscriptionNumber}' },
      capture: captureRatePlan,
    },
    { name: 'get subscription', method: 'GET', path: '/v2/subscriptions/:subscription_id', params: { subscription_id: '${subscriptionId}' } },
    { name: "list the account's subscriptions (V1)", method: 'GET', path: '/v1/subscriptions/accounts/:account_key', params: { account_key: '${account.account_number}' } },
    {
      name: 'update subscription (UpdateProduct + AddProduct in one order)',
      method: 'POST',
      path: '/v1/orders',
      body: {
        orderDate: '${today}',
        existingAccountNumber: '${account.account_number}',
        subscriptions: onSubscription([
          seatUpdate(15),
          { type: 'AddProduct', triggerDates: contractEffective('${today}'), addProduct: { productRatePlanId: '${addon.id}' } },
        ]),
      },
    },
    {
      name: 'preview order',
      method: 'POST',
      path: '/v1/orders/preview',
      body: {
        orderDate: '${today}',
        existingAccountNumber: '${account.account_number}',
        previewOptions: { previewThruType: 'SpecificDate', specificPreviewThruDate: '${nextBillDate}', previewTypes: ['BillingDocs'] },
        subscriptions: onSubscription([seatUpdate(20)]),
      },
    },
    {
      name: 'preview subscription (next invoice)',
      method: 'POST',
      path: '/v1/subscriptions/:subscription_key/preview',
      params: { subscription_key: '${subscriptionNumber}' },
      body: { previewStartDate: { previewStartDatePolicy: 'today' }, previewThroughDate: { previewThruDatePolicy: 'nextBillingPeriods', nextBillingPeriods: 1 } },
    },
    {
      name: 'schedule a seat downgrade (scheduled order)',
      method: 'POST',
      path: '/v1/orders',
      body: {
        orderDate: '${today}',
        existingAccountNumber: '${account.account_number}',
        status: 'Scheduled',
        schedulingOptions: { scheduledDate: '${nextBillDate}', scheduledDatePolicy: 'SpecificDate' },
        subscriptions: onSubscription([seatUpdate(5, '${nextBillDate}')]),
      },
      as: 'scheduled',
    },
    {
      name: 'list orders of subscription',
      method: 'GET',
      path: '/v1/orders/subscription/:subscriptionNumber',
      params: { subscriptionNumber: '${subscriptionNumber}' },
      query: { status: 'scheduled' },
    },
    { name: 'get the scheduled order', method: 'GET', path: '/v1/orders/:orderNumber', params: { orderNumber: '${scheduled.orderNumber}' } },
    { name: 'list orders by subscription number', method: 'GET', path: '/v1/orders', query: { subscriptionNumber: '${subscriptionNumber}' } },
    { name: 'list orders of the subscription owner', method: 'GET', path: '/v1/orders/subscriptionOwner/:accountNumber', params: { accountNumber: '${account.account_number}' } },
    { name: 'list orders of the invoice owner', method: 'GET', path: '/v1/orders/invoiceOwner/:accountNumber', params: { accountNumber: '${account.account_number}' } },
    {
      name: 'cancel scheduled order',
      method: 'PUT',
      path: '/v1/orders/:orderNumber/cancel',
      params: { orderNumber: '${scheduled.orderNumber}' },
      body: { cancelReason: 'zuora-emulator contract run ${runId}' },
    },
  ],
};

const cancel = (name: string, subscriptionNumber: string): Step => ({
  name,
  method: 'POST',
  path: '/v1/orders',
  body: {
    orderDate: '${today}',
    existingAccountNumber: '${account.account_number}',
    subscriptions: [
      {
        subscriptionNumber,
        orderActions: [
          {
            type: 'CancelSubscription',
            triggerDates: contractEffective('${today}'),
            cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '${today}' },
          },
        ],
      },
    ],
  },
});

/** Cancels what the run subscribed, as the platform cancels: a CancelSubscription order. */
export const cancellationSuite: Suite = {
  name: 'cancellation',
  description: 'cancel subscription (CancelSubscription order); also the cleanup of subscriptions',
  steps: [
    cancel('cancel subscription', '${subscriptionNumber}'),
    // Only a real tenant bills through a second subscription (see the invoices suite).
    { ...cancel('cancel the subscription billed at once', '${billedSubscriptionNumber}'), only: 'other' },
  ],
};
