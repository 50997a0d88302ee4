import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import type { Store } from '../state/store.js';

/** Zuora's tokens live an hour; clients are expected to fetch a new one when told 401. */
export const TOKEN_LIFETIME_SECONDS = 3599;

interface TokenClaims {
  /** Tenant (client id). */
  t: string;
  /** Wall-clock expiry, epoch ms. Token lifetime is transport, not billing, so it ignores the virtual clock. */
  e: number;
}

export interface IssuedToken {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
  jti: string;
}

const unauthenticated = (message: string): DomainError => new DomainError('Unauthenticated', message);

/**
 * Tokens are signed claims rather than rows, so a restart on the same data dir keeps them valid.
 */
export function issueToken(store: Store, clientId: string, clientSecret: string, wallNow: Date): IssuedToken {
  const tenant = store.tenant(clientId);
  if (!tenant || !sameText(tenant.meta.clientSecret, clientSecret)) {
    throw unauthenticated('Invalid client credentials');
  }
  const claims: TokenClaims = { t: clientId, e: wallNow.getTime() + TOKEN_LIFETIME_SECONDS * 1000 };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return {
    access_token: `${payload}.${sign(store.tokenSecret, payload)}`,
    token_type: 'bearer',
    expires_in: TOKEN_LIFETIME_SECONDS,
    scope: `entity.${tenantEntityId(clientId)} platform.write service.events.read service.events.write service.notifications.read service.notifications.write`,
    jti: randomUUID().replace(/-/g, ''),
  };
}

/** Tokens whose signature was checked, oldest first; bounded so a flood of tokens cannot grow it. */
const VERIFIED_LIMIT = 1024;
const verified = new WeakMap<Store, Map<string, TokenClaims>>();

/**
 * Returns the tenant a bearer header belongs to, or throws Unauthenticated. A token's signature is
 * checked once and its claims remembered; expiry and the tenant's existence are checked every time,
 * so an expired token or a deleted tenant's token is refused at once.
 */
export function authenticate(store: Store, authorization: string | undefined, wallNow: Date): string {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) throw unauthenticated('Authentication error: a Bearer token is required');
  const token = match[1];
  let cache = verified.get(store);
  if (!cache) verified.set(store, (cache = new Map()));
  let claims = cache.get(token);
  if (!claims) {
    claims = verifiedClaims(store, token);
    if (cache.size >= VERIFIED_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(token, claims);
  }
  if (claims.e <= wallNow.getTime()) {
    cache.delete(token);
    throw unauthenticated('Authentication error: the token has expired');
  }
  if (!store.tenant(claims.t)) throw unauthenticated('Authentication error: the tenant no longer exists');
  return claims.t;
}

function verifiedClaims(store: Store, token: string): TokenClaims {
  const [payload, signature] = token.split('.');
  if (!payload || !signature || !sameText(sign(store.tokenSecret, payload), signature)) {
    throw unauthenticated('Authentication error: the token is not valid');
  }
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Entity ids by tenant: every event's data carries one, and an HMAC per event is a good part of building it. */
const entityIds = new Map<string, string>();

/** A stable uuid-shaped id for the tenant, used where Zuora shows its tenant or entity id. */
export function tenantEntityId(clientId: string): string {
  let id = entityIds.get(clientId);
  if (id === undefined) {
    const hex = createHmac('sha256', 'zuora-emulator-entity').update(clientId).digest('hex');
    id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    entityIds.set(clientId, id);
  }
  return id;
}
