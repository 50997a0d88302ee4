import { invalidValue } from '../../domain/errors.js';
import type { RequestContext } from '../../http/routeTable.js';
import { resolveSettings } from '../../state/settings.js';

// Zuora REST minor versions. A request's `Zuora-Version` header picks the wire shape of version-gated
// fields; without it the tenant's default version applies (the `zuoraVersion` tenant setting).
// Versions are `major.minor` (`211.0`, `223.0`); the oldest Zuora still serves is 196.0 and the newest
// this emulator models is LATEST_VERSION; anything else is refused as Zuora refuses it.

export const OLDEST_VERSION = '196.0';
export const LATEST_VERSION = '341.0';

const FORMAT = /^(\d{3})\.(\d{1,2})$/;

/** A version as one comparable number: 223.0 -> 22300, 222.4 -> 22204. */
function rank(version: string): number {
  const match = FORMAT.exec(version);
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number(match[2]);
}

/** Whether `version` is a well-formed version Zuora serves. */
export function isKnownVersion(version: string): boolean {
  const value = rank(version);
  return value >= rank(OLDEST_VERSION) && value <= rank(LATEST_VERSION);
}

export interface MinorVersion {
  text: string;
  /** True from `version` on. */
  atLeast(version: string): boolean;
}

function minorVersion(text: string): MinorVersion {
  const value = rank(text);
  return { text, atLeast: (version) => value >= rank(version) };
}

/** The version a V1 request is answered in: its header, else the tenant default. A bad header is refused. */
export function requestVersion(ctx: RequestContext): MinorVersion {
  const header = ctx.headers['zuora-version'];
  const given = Array.isArray(header) ? header[0] : header;
  if (given === undefined || given === '') {
    return minorVersion(resolveSettings(ctx.services.store.view(ctx.tenant).meta().settings).zuoraVersion);
  }
  if (!isKnownVersion(given.trim())) {
    throw invalidValue('ZuoraVersion', 'Zuora-Version', `Invalid value '${given}' for header Zuora-Version: use a minor version from ${OLDEST_VERSION} to ${LATEST_VERSION}, such as 211.0`);
  }
  return minorVersion(given.trim());
}
