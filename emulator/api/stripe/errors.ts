import { DomainError } from '../../domain/errors.js';
import { StripeError } from '../../domain/stripe/errors.js';
import type { Reply } from '../../http/routeTable.js';

/** Stripe links each error code to its page. */
const docUrl = (code: string): string => `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;

const STATUS_BY_KIND: Readonly<Record<DomainError['kind'], number>> = {
  InvalidValue: 400,
  UnknownField: 400,
  UnrecognisedFields: 400,
  MissingField: 400,
  Malformed: 400,
  Conflict: 400,
  NotFound: 404,
  Unauthenticated: 401,
  Forbidden: 403,
  UnsupportedMediaType: 400,
  TooLarge: 400,
  RateLimited: 429,
  LockContention: 429,
  InProgress: 409,
  KeyReused: 400,
  Unavailable: 503,
};

export function stripeErrorBody(type: string, message: string, extra: Readonly<Record<string, unknown>> = {}) {
  return { error: { type, message, ...extra } };
}

/** A domain failure in Stripe's shape: `{error: {type, code, message, param, doc_url, ...}}`. */
export function stripeErrorReply(error: DomainError, requestId: string): Reply {
  if (error instanceof StripeError) {
    const status = error.type === 'card_error' ? 402 : error.type === 'idempotency_error' ? 400 : STATUS_BY_KIND[error.kind];
    return {
      status,
      body: stripeErrorBody(error.type, error.message, {
        ...(error.code ? { code: error.code, doc_url: docUrl(error.code) } : {}),
        ...(error.field ? { param: error.field } : {}),
        request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}`,
        ...error.extra,
      }),
    };
  }
  const status = STATUS_BY_KIND[error.kind];
  return { status, body: stripeErrorBody('invalid_request_error', error.message, error.field ? { param: error.field } : {}) };
}

export const internalError = (): Reply => ({
  status: 500,
  headers: { 'Stripe-Should-Retry': 'true' },
  body: stripeErrorBody('api_error', 'An unknown error occurred in the emulator; the request was not applied.'),
});
