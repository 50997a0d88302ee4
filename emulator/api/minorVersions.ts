// Zuora REST minor versions (`211.0`, `223.0`): `major.minor`. The oldest version Zuora still serves
// is 196.0; LATEST_VERSION is the newest this emulator models. Both the request header and the
// tenant default setting are held to this range, so it lives above the dialects and the admin API.

import { keptAnswers } from '../keptAnswers.js';

export const OLDEST_VERSION = '196.0';
export const LATEST_VERSION = '341.0';

const FORMAT = /^(\d{3})\.(\d{1,2})$/;

/** A version as one comparable number: 223.0 -> 22300, 222.4 -> 22204; NaN when malformed. */
function rankOf(version: string): number {
  const match = FORMAT.exec(version);
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number(match[2]);
}

/**
 * Kept per version text: every V1 request ranks its version, and a version-gated answer ranks its
 * gates' versions too, always the same few strings.
 */
const rank = keptAnswers(rankOf, 100);

/** Whether `version` is a well-formed version Zuora serves. */
export function isKnownVersion(version: string): boolean {
  const value = rank(version);
  return value >= rank(OLDEST_VERSION) && value <= rank(LATEST_VERSION);
}

export interface MinorVersion {
  text: string;
  /** True from `version` on. */
  atLeast(version: string): boolean;
  /** True up to and including `version`. */
  atMost(version: string): boolean;
}

export function minorVersion(text: string): MinorVersion {
  const value = rank(text);
  return { text, atLeast: (version) => value >= rank(version), atMost: (version) => value <= rank(version) };
}

export const UNKNOWN_VERSION_MESSAGE = (given: string): string =>
  `Invalid value '${given}' for header Zuora-Version: use a minor version from ${OLDEST_VERSION} to ${LATEST_VERSION}, such as 211.0`;

/** The `Zuora-Version` header of a request, trimmed; undefined when absent or empty. */
export function versionHeader(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const header = headers['zuora-version'];
  const given = (Array.isArray(header) ? header[0] : header)?.trim();
  return given === '' ? undefined : given;
}
