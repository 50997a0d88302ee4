/**
 * Typed failures of domain rules. Each wire dialect maps them to its own status, shape and code;
 * domain code never speaks HTTP.
 */
export type DomainErrorKind =
  | 'InvalidValue'
  | 'UnknownField'
  | 'MissingField'
  | 'NotFound'
  | 'Conflict'
  | 'Unauthenticated'
  /** Authenticated or not, this caller may not make this request (a cross-site call to the admin API). */
  | 'Forbidden'
  /** A body whose content type the endpoint does not read. */
  | 'UnsupportedMediaType'
  /** A request or value beyond what Zuora accepts in size (body bytes, nesting depth). */
  | 'TooLarge'
  /** The tenant's request rate or concurrency limit is used up; `retryAfterSeconds` says when to come back. */
  | 'RateLimited'
  /** Another request holds the record this one would change (Zuora's lock contention). */
  | 'LockContention'
  /** The first request with this idempotency key is still running. */
  | 'InProgress'
  /** An idempotency key reused on another method or path. */
  | 'KeyReused'
  /** The change could not be made durable (disk full, I/O error); nothing was changed. */
  | 'Unavailable'
  | 'Malformed'
  /** A CRUD body with fields the object does not have, refused because the caller asked `rejectUnknownFields`. */
  | 'UnrecognisedFields';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Zuora object the failure concerns (Account, Product...), used to pick the V1 resource code. */
    readonly object?: string,
    /** Field path, spelt as the Quickstart API spells it (the one dialect that reports it), e.g. `bill_to.first_name`. */
    readonly field?: string,
    /** For RateLimited and LockContention: when a retry may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const invalidValue = (object: string, field: string, message: string): DomainError =>
  new DomainError('InvalidValue', message, object, field);

export const missingField = (object: string, field: string): DomainError =>
  new DomainError('MissingField', `'${field}' is required`, object, field);

export const unknownField = (object: string, field: string): DomainError =>
  new DomainError('UnknownField', `'${field}' is not a recognised field`, object, field);

export const unrecognisedFields = (object: string, fields: readonly string[]): DomainError =>
  new DomainError('UnrecognisedFields', `Unrecognised fields: ${fields.join(', ')}`, object, fields[0]);

export const notFound = (object: string, key: string, field = 'id'): DomainError =>
  new DomainError('NotFound', `Cannot find ${object} by key: '${key}'`, object, field);

export const conflict = (object: string, message: string, field?: string): DomainError =>
  new DomainError('Conflict', message, object, field);

/** A body that points at something missing carries a bad value; the request's target itself was found. */
export function referenced<T>(lookup: () => T, object: string, field: string, description: string): T {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'NotFound') {
      throw invalidValue(object, field, `${description} does not exist`);
    }
    throw error;
  }
}
