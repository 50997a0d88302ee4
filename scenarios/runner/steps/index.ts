import { STEP_NAMES } from '../schema.js';
import { advanceClock, calloutFault, failNextPayments } from './admin.js';
import type { StepRunner } from './context.js';
import {
  expectCallouts,
  expectCustomer,
  expectEvents,
  expectSubscription,
  expectZuoraAccount,
  expectZuoraInvoice,
  expectZuoraSubscription,
} from './expectations.js';
import {
  archiveCustomer,
  cancelSubscription,
  createCustomer,
  consumeCredits,
  grantCredits,
  migrateSubscription,
  provisionSubscription,
  publishCatalog,
  reportUsage,
  syncUsage,
  updateSubscription,
} from './platform.js';
import { closeWon } from './salesforce.js';
import { cancelInStripe, completeCheckout, expectStripeInvoice, expectStripeSubscription, payInStripe, stripeRequest } from './stripe.js';
import { cancelAccount, cancelSubscriptionInZuora, payInvoice, setDefaultPaymentMethod, zuoraRequest } from './zuora.js';

/** Every step of the vocabulary and what runs it. */
export const STEP_RUNNERS: Record<string, StepRunner> = {
  'customer.create': createCustomer,
  'customer.archive': archiveCustomer,
  'subscription.provision': provisionSubscription,
  'subscription.update': updateSubscription,
  'subscription.cancel': cancelSubscription,
  'subscription.migrate': migrateSubscription,
  'catalog.publish': publishCatalog,
  'usage.report': reportUsage,
  'usage.sync': syncUsage,
  'credits.grant': grantCredits,
  'credits.consume': consumeCredits,
  'salesforce.closeWon': closeWon,
  'zuora.payInvoice': payInvoice,
  'zuora.cancelSubscription': cancelSubscriptionInZuora,
  'zuora.cancelAccount': cancelAccount,
  'zuora.setDefaultPaymentMethod': setDefaultPaymentMethod,
  'zuora.request': zuoraRequest,
  'stripe.cancelSubscription': cancelInStripe,
  'stripe.payInvoice': payInStripe,
  'stripe.request': stripeRequest,
  'checkout.complete': completeCheckout,
  'clock.advance': advanceClock,
  'payments.failNext': failNextPayments,
  'callouts.fault': calloutFault,
  'expect.subscription': expectSubscription,
  'expect.customer': expectCustomer,
  'expect.zuora.subscription': expectZuoraSubscription,
  'expect.zuora.invoice': expectZuoraInvoice,
  'expect.zuora.account': expectZuoraAccount,
  'expect.stripe.subscription': expectStripeSubscription,
  'expect.stripe.invoice': expectStripeInvoice,
  'expect.callouts': expectCallouts,
  'expect.events': expectEvents,
};

// The vocabulary and its runners are one list: a step with a schema and no runner is a bug.
const missing = STEP_NAMES.filter((name) => !STEP_RUNNERS[name]);
if (missing.length > 0) throw new Error(`scenario steps without a runner: ${missing.join(', ')}`);

export { ExpectationError, StepError } from './context.js';
