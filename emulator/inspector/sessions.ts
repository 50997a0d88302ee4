import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'zuora_emulator_session';
/** A signed-in inspector stays signed in this long (wall time) without signing in again. */
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Reads one cookie from a Cookie header. */
export function cookieValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Inspector sign-ins: the admin token is given once to the login endpoint, which hands back an
 * opaque session id in an HttpOnly, SameSite=Strict cookie, so the token never sits in the page,
 * its URL or its scripts. Kept in memory: a restart signs everyone out.
 */
export class InspectorSessions {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly wallNow: () => Date) {}

  open(): { id: string; cookie: string } {
    const id = randomBytes(32).toString('hex');
    this.expiries.set(id, this.wallNow().getTime() + SESSION_TTL_MS);
    return { id, cookie: `${SESSION_COOKIE}=${id}; Path=/__emulator; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}` };
  }

  /** Whether the request carries a live session cookie. */
  signedIn(headers: IncomingHttpHeaders): boolean {
    const id = cookieValue(headers, SESSION_COOKIE);
    if (!id) return false;
    const expiry = this.expiries.get(id);
    if (expiry === undefined) return false;
    if (expiry <= this.wallNow().getTime()) {
      this.expiries.delete(id);
      return false;
    }
    return true;
  }

  /** Ends the request's session; answers the cookie that clears it in the browser. */
  close(headers: IncomingHttpHeaders): string {
    const id = cookieValue(headers, SESSION_COOKIE);
    if (id) this.expiries.delete(id);
    return `${SESSION_COOKIE}=; Path=/__emulator; HttpOnly; SameSite=Strict; Max-Age=0`;
  }
}
