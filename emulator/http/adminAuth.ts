import type { IncomingHttpHeaders } from 'node:http';
import { sameSecret } from '../inspector/sessions.js';
import type { Services } from '../services.js';

/**
 * Whether a request may use the admin API: the admin token as a bearer token, or a signed-in
 * inspector session (its cookie). Without an admin token the control plane is open.
 */
export function adminAuthorized(headers: IncomingHttpHeaders, services: Services): boolean {
  if (services.adminToken === undefined) return true;
  const bearer = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer !== undefined && sameSecret(bearer, services.adminToken)) return true;
  return services.sessions.signedIn(headers);
}
