import type { IncomingHttpHeaders } from 'node:http';
import type { Services } from '../services.js';
import { carriesAdminToken } from './adminAuth.js';

/**
 * Fields that hold a credential wherever they appear in stored state: tenant client secrets, callout
 * basic-auth passwords, HMAC signing secrets, the token signing secret.
 */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['clientSecret', 'client_secret', 'password', 'hmacSecret', 'tokenSecret']);

export const REDACTED = '[redacted]';

/** A copy of an answer with every secret field's value replaced, however deep it sits. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) {
    copy[key] = SECRET_FIELDS.has(key) && field !== null && field !== undefined ? REDACTED : redactSecrets(field);
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
