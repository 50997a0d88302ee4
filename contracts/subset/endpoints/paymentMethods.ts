import type { EndpointDocs } from './types.js';

// V1 payment methods: cards (checked with the gateway simulator), card references, ACH and SEPA.

const official = (path: string) => ({ spec: 'v1', path }) as const;

export const PAYMENT_METHOD_ENDPOINTS: EndpointDocs = {
  'POST /v1/payment-methods': {
    summary: 'Create a card (checked with the gateway simulator unless skipValidation), card reference, ACH or SEPA payment method',
    official: official('/v1/payment-methods'),
    success: { status: 200, schema: 'V1PaymentMethodSaved' },
  },
  'GET /v1/accounts/:account_key/payment-methods': {
    summary: "List an account's active payment methods, grouped by type, with its default",
    official: official('/v1/accounts/{account-key}/payment-methods'),
    success: { status: 200, schema: 'V1AccountPaymentMethods' },
  },
  'GET /v1/payment-methods/:payment_method_id': {
    summary: 'Read a payment method (card and account numbers masked)',
    official: official('/v1/payment-methods/{payment-method-id}'),
    success: { status: 200, schema: 'V1PaymentMethod' },
  },
  'PUT /v1/payment-methods/:payment_method_id': {
    summary: "Update a payment method's expiry, holder details, retry rule or custom fields, or move it to another account",
    official: official('/v1/payment-methods/{payment-method-id}'),
    success: { status: 200, schema: 'V1PaymentMethodSaved' },
  },
  'DELETE /v1/payment-methods/:payment_method_id': {
    summary: 'Delete (close) a payment method; refused for the default of an account on auto-pay',
    official: official('/v1/payment-methods/{payment-method-id}'),
    success: { status: 200, schema: 'V1Success' },
  },
  'PUT /v1/payment-methods/:payment_method_id/verify': {
    summary: 'Verify a payment method with the gateway simulator (the test card decides; bank accounts pass)',
    official: official('/v1/payment-methods/{payment-method-id}/verify'),
    success: { status: 200, schema: 'V1PaymentMethodVerified' },
  },
};
