import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { DomainError } from '../domain/errors.js';
import type { Services } from '../services.js';

/**
 * Who may use the control plane (`/__emulator/*`): whoever shows the admin token as a bearer
 * credential, or anyone when the emulator was started `--admin-open` for a trusted local loop.
 * The token is the emulator's own, never a tenant's OAuth token.
 */
export interface AdminAccess {
  token: string;
  open: boolean;
}

/** A token when none was given: long enough that guessing it is hopeless, URL- and header-safe. */
export function generateAdminToken(): string {
  return `zemu_${randomBytes(24).toString('base64url')}`;
}

function bearer(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether a text is the admin token (the inspector's sign-in form takes it). */
export function isAdminToken(given: string, services: Services): boolean {
  return sameText(given, services.admin.token);
}

/** Whether these request headers carry the admin token itself (open or not). */
export function carriesAdminToken(headers: IncomingHttpHeaders, services: Services): boolean {
  const given = bearer(headers);
  return given !== undefined && isAdminToken(given, services);
}

/** Whether a request with these headers may use the admin API: the token, or a signed-in inspector session (its cookie). */
export function adminAuthorized(headers: IncomingHttpHeaders, services: Services): boolean {
  return services.admin.open || carriesAdminToken(headers, services) || services.sessions.signedIn(headers);
}

/**
 * A browser says where a request comes from: `Sec-Fetch-Site: cross-site`, or an `Origin` that is
 * not this emulator's own (an opaque `null` origin included). A page on another site must not
 * reset, fork or reconfigure a developer's emulator, token or not, so such requests are refused.
 */
export function crossSite(headers: IncomingHttpHeaders): boolean {
  if (headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== headers.host;
  } catch {
    return true;
  }
}

/** Throws the admin dialect's 403 or 401 unless the request may use the admin API. */
export function checkAdminRequest(headers: IncomingHttpHeaders, services: Services): void {
  if (crossSite(headers)) throw new DomainError('Forbidden', 'Cross-site requests to the admin API are refused');
  if (!adminAuthorized(headers, services)) {
    throw new DomainError('Unauthenticated', 'The admin API needs Authorization: Bearer <admin token> (printed at start as "admin token: ...") or a signed-in inspector session');
  }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/** Whether a listen address is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}
