import { invalidValue } from '../../domain/errors.js';
import type { RequestContext } from '../../http/routeTable.js';
import { resolveSettings } from '../../state/settings.js';
import { isKnownVersion, minorVersion, UNKNOWN_VERSION_MESSAGE, versionHeader, type MinorVersion } from '../minorVersions.js';

/** Refuses a malformed or unknown `Zuora-Version` header; every V1 request passes through here first. */
export function checkVersionHeader(headers: RequestContext['headers']): void {
  const given = versionHeader(headers);
  if (given !== undefined && !isKnownVersion(given)) throw invalidValue('ZuoraVersion', 'Zuora-Version', UNKNOWN_VERSION_MESSAGE(given));
}

/** The minor version a V1 request is answered in: its `Zuora-Version` header, else the tenant's default (the `zuoraVersion` setting). */
export function requestVersion(ctx: RequestContext): MinorVersion {
  checkVersionHeader(ctx.headers);
  return minorVersion(versionHeader(ctx.headers) ?? resolveSettings(ctx.services.store.view(ctx.tenant).meta().settings).zuoraVersion);
}
