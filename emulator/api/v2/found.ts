import { DomainError, notFound } from '../../domain/errors.js';

/** A lookup whose miss names the Quickstart path parameter (`invoice_id`) rather than the domain's V1 one. */
export function found<T>(lookup: () => T, object: string, key: string, parameter: string): T {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'NotFound') throw notFound(object, key, parameter);
    throw error;
  }
}
