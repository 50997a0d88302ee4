import { ZuoraError } from '../zuora/errors.js';

/** Zuora has no such record: HTTP 404, or a V1 answer whose 8-digit code ends in 40. */
export const isNotFound = (error: unknown): boolean => error instanceof ZuoraError && (error.status === 404 || error.category === 40);
