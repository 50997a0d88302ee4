import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { Transaction } from '../state/transaction.js';
import { invalidValue } from './errors.js';

const HOSTED_PAGE = 'HostedPage';

/** Where the tenant's signing key pair lives: one record, internal so it raises no change events. */
const SIGNING_KEYS = '_rsaKeys';
const SIGNING_KEYS_ID = 'hosted-pages';

/** The hosted payment pages every tenant has configured. Data, not code: add a row to offer another page. */
const PAGE_CONFIGS = [
  { pageName: 'Credit Card Page', pageType: 'Credit Card', pageVersion: '2' },
  { pageName: 'ACH Page', pageType: 'ACH', pageVersion: '2' },
] as const;

export interface HostedPage {
  pageId: string;
  pageName: string;
  pageType: string;
  pageVersion: string;
}

/**
 * The tenant's pages. Their ids are a hash of the tenant and the page name, so they are stable across
 * restarts, resets and snapshots without being stored, and differ between tenants.
 */
export function hostedPages(tenant: string): HostedPage[] {
  return PAGE_CONFIGS.map((config) => ({
    pageId: createHash('sha256').update(`${tenant}:hosted-page:${config.pageName}`).digest('hex').slice(0, 32),
    ...config,
  }));
}

/**
 * Pages of one Payment Pages version, or all of them. Asking for a version the tenant has no pages of
 * is an error, as Zuora answers when that version's tenant setting is off.
 */
export function hostedPagesOfVersion(tenant: string, version: string | undefined): HostedPage[] {
  const pages = hostedPages(tenant);
  if (version === undefined) return pages;
  const matching = pages.filter((page) => page.pageVersion === version);
  if (matching.length === 0) {
    throw invalidValue(HOSTED_PAGE, 'versionNumber', `Payment Pages version '${version}' is not enabled for this tenant`);
  }
  return matching;
}

interface SigningKeys {
  id: string;
  /** PEM strings, so the pair survives restarts and snapshots as plain JSON. */
  publicKey: string;
  privateKey: string;
}

/** The tenant's RSA key pair, made (and written) on first use only. */
function signingKeys(tx: Transaction): SigningKeys {
  const existing = tx.get<SigningKeys>(SIGNING_KEYS, SIGNING_KEYS_ID);
  if (existing) return existing;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return tx.insert<SigningKeys>(SIGNING_KEYS, { id: SIGNING_KEYS_ID, publicKey, privateKey });
}

export interface SignatureRequest {
  uri: string;
  pageId: string;
  /** The id the tenant is known by on the wire; domain code does not derive it from the client id. */
  tenantId: string;
}

export interface HostedPageSignature {
  signature: string;
  token: string;
  tenantId: string;
  /** Base64 of the DER SubjectPublicKeyInfo, the form Zuora hands out for its hosted pages. */
  key: string;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A 32-character alphanumeric token, as Zuora's tokens look; fresh on every call, so never stored. The
 * slight modulo bias is harmless: a token has to be unguessable and unique, not uniform.
 */
function newToken(): string {
  return [...randomBytes(32)].map((byte) => TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length]).join('');
}

/**
 * Signs a request to render a hosted page. The signed data follows the parts and order of Zuora's
 * basic signature, '#'-joined:
 *
 *   `${uri}#${tenantId}#${token}#${timestampMs}#${pageId}`
 *
 * where `timestampMs` is the tenant's virtual clock in epoch milliseconds (it stands still until
 * advanced, so a client can read it from the clock admin API and rebuild the string). The signature
 * is RSA-SHA256 with PKCS#1 v1.5 padding, base64-encoded; `key` verifies it.
 *
 * Only the first call of a tenant writes (its key pair); the page is checked before that, so a bad
 * request writes nothing.
 */
export function signHostedPageRequest(tx: Transaction, request: SignatureRequest): HostedPageSignature {
  if (!hostedPages(tx.tenant).some((page) => page.pageId === request.pageId)) {
    throw invalidValue(HOSTED_PAGE, 'pageId', `Hosted page '${request.pageId}' does not exist`);
  }
  const keys = signingKeys(tx);
  const token = newToken();
  const data = [request.uri, request.tenantId, token, tx.now().getTime(), request.pageId].join('#');
  return {
    signature: sign('sha256', Buffer.from(data), keys.privateKey).toString('base64'),
    token,
    tenantId: request.tenantId,
    key: createPublicKey(keys.publicKey).export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}
