import type { AnySchema } from 'ajv';
import { DomainError, notFound } from '../domain/errors.js';
import { crossSite, isAdminToken } from '../http/adminAuth.js';
import type { Reply, RequestContext, RouteTable } from '../http/routeTable.js';
import { asset } from './assets.js';

// The web inspector: one page and its compiled scripts and stylesheet, all from this origin (the
// content security policy forbids any other), and the sign-in that turns the admin token into a
// session cookie. Every piece of tenant data the page shows comes from the admin API afterwards.

const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function serve(name: string): Reply {
  const file = asset(name);
  if (!file) throw notFound('Asset', name, 'file');
  return { headers: { ...PAGE_HEADERS, 'content-type': file.type }, raw: file.content };
}

const loginRequest: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: 1024 } },
};

/** A sign-in posted from another site is refused, so no page elsewhere can sign a browser in (or out). */
function refuseCrossSite(ctx: RequestContext): void {
  if (crossSite(ctx.headers)) throw new DomainError('Forbidden', 'Sign-in is only accepted from the inspector page itself', undefined, 'origin');
}

function login(ctx: RequestContext): Reply {
  refuseCrossSite(ctx);
  const { token } = ctx.body as { token: string };
  if (!ctx.services.admin.open && !isAdminToken(token, ctx.services)) {
    throw new DomainError('Unauthenticated', 'That is not the admin token of this emulator', undefined, 'token');
  }
  return { status: 204, headers: { 'set-cookie': ctx.services.sessions.open().cookie, 'cache-control': 'no-store' } };
}

/** Whether the page may ask for data: signed in, or the control plane is open. Tells nothing else. */
function session(ctx: RequestContext): Reply {
  const signedIn = ctx.services.admin.open || ctx.services.sessions.signedIn(ctx.headers);
  return { headers: { 'cache-control': 'no-store' }, body: { signedIn } };
}

function logout(ctx: RequestContext): Reply {
  refuseCrossSite(ctx);
  return { status: 204, headers: { 'set-cookie': ctx.services.sessions.close(ctx.headers), 'cache-control': 'no-store' } };
}

/** The inspector's own routes: the page (open, it holds no data), its assets, sign-in and sign-out. */
export const inspectorRoutes: RouteTable = {
  dialect: 'admin',
  routes: [
    { method: 'GET', path: '/__emulator/ui', auth: 'none', handler: () => serve('index.html') },
    { method: 'GET', path: '/__emulator/ui/session', auth: 'none', handler: session },
    { method: 'POST', path: '/__emulator/ui/login', auth: 'none', body: loginRequest, handler: login },
    { method: 'POST', path: '/__emulator/ui/logout', auth: 'none', handler: logout },
    // Last, so the named routes above win over a file of the same name.
    { method: 'GET', path: '/__emulator/ui/:file', auth: 'none', handler: (ctx) => serve(ctx.params.file ?? '') },
  ],
};
