import type { Suite } from './types.js';

const subscribe = {
  accountKey: '${account.account_number}',
  contractEffectiveDate: '${today}',
  termType: 'TERMED',
  initialTerm: 12,
  initialTermPeriodType: 'Month',
  renewalTerm: 12,
  autoRenew: true,
  subscribeToRatePlans: [{ productRatePlanId: '${plan.id}' }],
};

const onV1Subscription = { subscription_key: '${v1Subscription.subscriptionNumber}' };

/** The subscription API (pre-Orders): each call is one order on the target. */
export const subscriptionsV1Suite: Suite = {
  name: 'subscriptions-v1',
  description: 'V1 subscription preview/create/update/suspend/resume/renew/cancel',
  steps: [
    { name: 'preview a new subscription (V1)', method: 'POST', path: '/v1/subscriptions/preview', body: subscribe },
    { name: 'create subscription (V1)', method: 'POST', path: '/v1/subscriptions', body: subscribe, as: 'v1Subscription' },
    {
      name: 'update subscription (V1)',
      method: 'PUT',
      path: '/v1/subscriptions/:subscription_key',
      params: onV1Subscription,
      body: { autoRenew: false, add: [{ productRatePlanId: '${addon.id}', contractEffectiveDate: '${today}' }] },
    },
    { name: 'suspend subscription (V1)', method: 'PUT', path: '/v1/subscriptions/:subscription_key/suspend', params: onV1Subscription, body: { suspendPolicy: 'Today' } },
    { name: 'resume subscription (V1)', method: 'PUT', path: '/v1/subscriptions/:subscription_key/resume', params: onV1Subscription, body: { resumePolicy: 'Today' } },
    { name: 'renew subscription (V1)', method: 'PUT', path: '/v1/subscriptions/:subscription_key/renew', params: onV1Subscription, body: {} },
    {
      name: 'cancel subscription (V1)',
      method: 'PUT',
      path: '/v1/subscriptions/:subscription_key/cancel',
      params: onV1Subscription,
      body: { cancellationPolicy: 'EndOfCurrentTerm' },
    },
  ],
};
