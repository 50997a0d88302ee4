import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CalloutCredentials } from './integration/index.js';

const USERNAME = 'zuora-callouts';

/**
 * The basic-auth credentials Zuora's callouts carry, registered by connect and checked by the
 * webhook. Derived from the Zuora client secret, so they survive restarts without being stored and
 * cannot be guessed without the secret.
 */
export function calloutCredentials(clientSecret: string): CalloutCredentials {
  return { username: USERNAME, password: createHmac('sha256', clientSecret).update('zuora-callouts').digest('hex') };
}

/** The bytes a header must decode to, by the credentials (the engine has one set, checked on every callout). */
const wantedBytes = new WeakMap<CalloutCredentials, Buffer>();

/**
 * Whether an `Authorization` header carries exactly these credentials. The decoded bytes are
 * compared as they are: the credentials are ASCII, so no other bytes read as text would equal them.
 */
export function carriesCredentials(header: string | undefined, expected: CalloutCredentials): boolean {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'base64');
  let wanted = wantedBytes.get(expected);
  if (!wanted) wantedBytes.set(expected, (wanted = Buffer.from(`${expected.username}:${expected.password}`)));
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
