import type { IncomingHttpHeaders } from 'node:http';
import type { Services } from '../services.js';
import { carriesAdminToken } from './adminAuth.js';

/**
 * Fields that hold a credential wherever they appear in stored state: tenant client secrets, callout
 * basic-auth passwords, HMAC signing secrets, the token signing secret.
 */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['clientSecret', 'client_secret', 'password', 'hmacSecret', 'tokenSecret']);

const REDACTED = '[redacted]';

/**
 * An answer with every secret field's value replaced, however deep it sits: a copy, or the answer
 * itself when it holds nothing a copy would change (an advance's answer lists thousands of job
 * runs, and copying them all cost more than serialising them).
 */
export function redactSecrets(value: unknown): unknown {
  return needsCopy(value) ? redactedCopy(value) : value;
}

/** Whether `redactedCopy` would answer anything but an equal tree: a secret set, or an object that is not plain JSON (a Date, say, copied as its fields). */
function needsCopy(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(needsCopy);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return true;
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if ((SECRET_FIELDS.has(key) && field !== null && field !== undefined) || needsCopy(field)) return true;
  }
  return false;
}

function redactedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactedCopy);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) {
    copy[key] = SECRET_FIELDS.has(key) && field !== null && field !== undefined ? REDACTED : redactedCopy(field);
  }
  return copy;
}

/**
 * Secrets are shown only when asked for (`?includeSecrets=true`) by a caller holding the admin token
 * itself: running admin-open lets anyone on the loop reset state, not read credentials.
 */
export function secretsRequested(query: Record<string, unknown>, headers: IncomingHttpHeaders, services: Services): boolean {
  return query.includeSecrets === 'true' && carriesAdminToken(headers, services);
}
