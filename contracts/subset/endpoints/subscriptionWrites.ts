import type { EndpointDocs } from './types.js';

// The subscription API's writes: each call is carried out as one order (one new version).

const official = (path: string) => ({ spec: 'v1', path }) as const;

export const SUBSCRIPTION_WRITE_ENDPOINTS: EndpointDocs = {
  'POST /v1/subscriptions': {
    summary: 'Create a subscription (one order), optionally billed and collected in the same call',
    official: official('/v1/subscriptions'),
    success: { status: 200, schema: 'V1SubscriptionCreated' },
  },
  'POST /v1/subscriptions/preview': {
    summary: 'Preview the invoice and contracted figures of a subscription not yet created (nothing written)',
    official: official('/v1/subscriptions/preview'),
    success: { status: 200, schema: 'V1NewSubscriptionPreview' },
  },
  'PUT /v1/subscriptions/:subscription_key': {
    summary: 'Update a subscription: add, update, change and remove rate plans, terms, notes and custom fields, in one new version',
    official: official('/v1/subscriptions/{subscription-key}'),
    success: { status: 200, schema: 'V1SubscriptionUpdated' },
  },
  'PUT /v1/subscriptions/:subscription_key/cancel': {
    summary: 'Cancel a subscription at the end of its term, of its last invoice period, or on a date',
    official: official('/v1/subscriptions/{subscription-key}/cancel'),
    success: { status: 200, schema: 'V1SubscriptionCancelled' },
  },
  'PUT /v1/subscriptions/:subscription_key/renew': {
    summary: 'Renew a termed subscription into its next term',
    official: official('/v1/subscriptions/{subscription-key}/renew'),
    success: { status: 200, schema: 'V1SubscriptionRenewed' },
  },
  'PUT /v1/subscriptions/:subscription_key/suspend': {
    summary: 'Suspend a subscription from a date (and, with resume, book its resume); the status changes on the dates',
    official: official('/v1/subscriptions/{subscription-key}/suspend'),
    success: { status: 200, schema: 'V1SubscriptionSuspended' },
  },
  'PUT /v1/subscriptions/:subscription_key/resume': {
    summary: 'Resume a suspended subscription from a date; the status changes on that date',
    official: official('/v1/subscriptions/{subscription-key}/resume'),
    success: { status: 200, schema: 'V1SubscriptionResumed' },
  },
};
