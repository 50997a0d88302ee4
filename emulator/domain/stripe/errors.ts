import { DomainError, type DomainErrorKind } from '../errors.js';

export type StripeErrorType = 'invalid_request_error' | 'card_error' | 'idempotency_error' | 'api_error';

/**
 * A domain failure with Stripe's own error code (`resource_missing`, `card_declined`...): the code is
 * part of Stripe's model, the HTTP status is chosen by the dialect from the kind and type.
 */
export class StripeError extends DomainError {
  constructor(
    kind: DomainErrorKind,
    message: string,
    readonly type: StripeErrorType,
    readonly code: string | undefined,
    field?: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(kind, message, 'Stripe', field);
  }
}

/** Stripe names the missing object by its wire name: `No such customer: 'cus_x'`. */
export const noSuch = (objectName: string, id: string, param = 'id'): StripeError =>
  new StripeError('NotFound', `No such ${objectName}: '${id}'`, 'invalid_request_error', 'resource_missing', param);

export const missingParam = (param: string): StripeError =>
  new StripeError('MissingField', `Missing required param: ${param}.`, 'invalid_request_error', 'parameter_missing', param);

export const invalidParam = (param: string, message: string, code = 'parameter_invalid_empty'): StripeError =>
  new StripeError('InvalidValue', message, 'invalid_request_error', code, param);

export const unknownParam = (param: string): StripeError =>
  new StripeError('UnknownField', `Received unknown parameter: ${param}`, 'invalid_request_error', 'parameter_unknown', param);

export const badState = (message: string, code: string, param?: string): StripeError =>
  new StripeError('Conflict', message, 'invalid_request_error', code, param);

export interface Decline {
  code: string;
  declineCode: string | undefined;
  message: string;
}

export const cardError = (decline: Decline, extra: Readonly<Record<string, unknown>>): StripeError =>
  new StripeError('InvalidValue', decline.message, 'card_error', decline.code, undefined, {
    ...(decline.declineCode ? { decline_code: decline.declineCode } : {}),
    ...extra,
  });
