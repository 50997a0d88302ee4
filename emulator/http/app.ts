import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DomainError } from '../domain/errors.js';
import { collectWarnings } from '../domain/warnings.js';
import type { Services } from '../services.js';
import { checkAdminRequest } from './adminAuth.js';
import { authenticate } from './auth.js';
import { checkVersionHeader } from '../api/v1/versions.js';
import { asDomainError, dialectForPath, errorReply, internalErrorReply } from './dialects.js';
import { Idempotency } from './idempotency.js';
import { parseBody } from './body.js';
import { checkBodyLimits, routeLimits } from './limits.js';
import { RateLimitedError, RateLimiter, type Permit } from './rateLimits.js';
import { resolveSettings } from '../state/settings.js';
import { redactSecrets, secretsRequested } from './secrets.js';
import type { Dialect, Reply, Route, RouteTable } from './routeTable.js';
import { compileBodyValidator, type BodyValidator } from './validation.js';

export const ADMIN_TENANT_HEADER = 'x-emulator-tenant';
/** Far above any payload Zuora takes; a larger body gets a 413 in the dialect's shape before it is read. */
const MAX_BODY = '10mb';

/**
 * Assembles the express app from the route tables. Every route runs the same pipeline:
 * resolve tenant -> parse body -> validate -> handler (domain call + shaping) -> error mapping.
 */
export function buildApp(services: Services, tables: readonly RouteTable[]): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(hostRequired);
  // Bodies are parsed inside the pipeline so authentication is checked before the body is judged.
  app.use(express.raw({ type: () => true, limit: MAX_BODY }));
  const idempotency = new Idempotency(services.store);
  const limiter = new RateLimiter(() => services.wallNow().getTime());
  const groups = new Map<string, express.Router>();
  for (const table of tables) {
    for (const route of table.routes) {
      const handle = pipeline(services, idempotency, limiter, table.dialect, route);
      const key = groupKey(route.path);
      if (/[:*{(]/.test(key)) throw new Error(`route ${route.method} ${route.path}: the first two segments of a path must be plain text (routes are grouped by them)`);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = express.Router()));
      group[lowerMethod(route)](route.path, (req, res) => {
        void handle(req, res);
      });
    }
  }
  app.use(routeGroup(groups));
  app.use(unmatchedRoute);
  app.use(lastResort);
  return app;
}

function pipeline(services: Services, idempotency: Idempotency, limiter: RateLimiter, dialect: Dialect, route: Route) {
  // Everything below that does not depend on the request is worked out here, once per route.
  const auth = route.auth ?? 'bearer';
  const bodyFormat = route.bodyFormat ?? 'json';
  const checksVersion = dialect === 'v1' || dialect === 'v1crud';
  // The admin API gets only the general bounds; Zuora's endpoints their own field lengths too.
  const limits = routeLimits({ ...(dialect !== 'admin' ? { endpoint: `${route.method} ${route.path}` } : {}), ...(route.object ? { object: route.object } : {}) });
  // Compiled on the route's first request, once: compiling every route's schema up front was most
  // of the time to start, and most routes are never called in a given run.
  let compiled: BodyValidator | undefined;
  const schema = route.body;
  const validateBody = (body: unknown): void => {
    if (!schema) return;
    compiled ??= compileBodyValidator(schema, route.object ?? 'Unknown');
    compiled(body);
  };

  /** The route's answer to the request, a failure shaped in the dialect included. */
  const answer = async (req: Request, tenant: string): Promise<Reply> => {
    let reply: Reply;
    try {
      if (checksVersion) checkVersionHeader(req.headers);
      const body = parseBody(req, bodyFormat);
      checkBodyLimits(body, limits);
      validateBody(body);
      const context = { tenant, params: req.params as Record<string, string>, query: req.query as Record<string, unknown>, body, headers: req.headers, services };
      const handled = await collectWarnings(() => route.handler(context));
      reply = withWarnings(handled.value, handled.warnings);
    } catch (error) {
      reply = failureReply(dialect, error, req);
    }
    // The admin API can read everything a tenant holds; its answers keep credentials out unless asked.
    if (dialect !== 'admin' || secretsRequested(req.query as Record<string, unknown>, req.headers, services)) return reply;
    return { ...reply, body: redactSecrets(reply.body) };
  };

  return async (req: Request, res: Response): Promise<void> => {
    const started = performance.now();
    let tenant: string | undefined;
    let permit: Permit | undefined;
    let limitHeaders: Record<string, string> | undefined;
    let reply: Reply;
    try {
      tenant = resolveTenant(services, auth, req);
      if (auth !== 'bearer' || !tenant) reply = await answer(req, tenant ?? '');
      else {
        permit = limiter.enter(tenant, resolveSettings(services.store.tenant(tenant)?.meta.settings).rateLimits);
        limitHeaders = permit.headers;
        const work = (): Promise<Reply> => answer(req, tenant ?? '');
        const key = req.method === 'POST' || req.method === 'PATCH' ? req.headers['idempotency-key'] : undefined;
        // A Zuora API request is one commit: its work, its callouts and its idempotency record.
        reply = await (typeof key === 'string' ? idempotency.run(tenant, req.method, req.path, key, work) : services.store.unit(work));
      }
    } catch (error) {
      reply = failureReply(dialect, error, req);
      if (error instanceof RateLimitedError) limitHeaders = error.headers;
    } finally {
      permit?.release();
    }
    const requestId = send(req, res, reply, limitHeaders);
    if (reply.stream) keepOpen(req, res, reply.stream);
    if (auth === 'bearer' && tenant) {
      const trackId = req.headers['zuora-track-id'];
      services.requests.record(tenant, {
        requestId,
        method: req.method,
        path: req.originalUrl,
        status: res.statusCode,
        atMs: services.wallNow().getTime(),
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        ...(typeof trackId === 'string' && trackId ? { trackId } : {}),
      });
    }
  };
}

/** Warnings about an accepted request travel in one header, messages separated by `; `. */
export const WARNING_HEADER = 'Zuora-Emulator-Warning';

function withWarnings(reply: Reply, warnings: readonly string[]): Reply {
  if (warnings.length === 0) return reply;
  return { ...reply, headers: { ...reply.headers, [WARNING_HEADER]: warnings.join('; ') } };
}

function resolveTenant(services: Services, auth: Route['auth'], req: Request): string | undefined {
  if (auth === 'none') return undefined;
  if (auth === 'admin') {
    checkAdminRequest(req.headers, services);
    const tenant = req.header(ADMIN_TENANT_HEADER) ?? services.defaultTenant;
    if (!services.store.tenant(tenant)) throw new DomainError('NotFound', `Unknown tenant '${tenant}'`, 'Tenant', ADMIN_TENANT_HEADER);
    return tenant;
  }
  return authenticate(services.store, req.header('authorization'), services.wallNow());
}

function failureReply(dialect: Dialect, error: unknown, req: Request): Reply {
  const domainError = asDomainError(error);
  if (domainError) return errorReply(dialect, domainError, req.method);
  console.error(`zuora-emulator: ${req.method} ${req.originalUrl} failed`, error);
  return internalErrorReply(dialect);
}

/**
 * Sends the reply with its headers in one `writeHead`: its Zuora-Request-Id (returned, for the
 * request log), the Zuora-Track-Id echoed, `limits` (the rate-limit headers), then the reply's own.
 * A JSON body is serialised once and written as it is; res.json would run the same text through
 * express's send, its checks and a second copy.
 */
function send(req: Request, res: Response, reply: Reply, limits?: Record<string, string>): string {
  const requestId = randomUUID();
  const headers: Record<string, string | number> = { 'Zuora-Request-Id': requestId };
  const trackId = req.headers['zuora-track-id'];
  if (typeof trackId === 'string' && trackId) headers['Zuora-Track-Id'] = trackId;
  if (limits) Object.assign(headers, limits);
  if (reply.headers) Object.assign(headers, reply.headers);
  const status = reply.status ?? 200;
  if (reply.body !== undefined && !reply.stream && reply.raw === undefined) {
    const text = jsonText(reply.body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
    // The head goes out before the body, so its length is given here (Node would send it chunked).
    headers['Content-Length'] = Buffer.byteLength(text);
    res.writeHead(status, headers).end(text);
    return requestId;
  }
  // Streams, raw files and empty answers: Node works out their framing as it always has.
  for (const name in headers) res.setHeader(name, headers[name] as string);
  res.status(status);
  if (reply.stream) res.flushHeaders();
  else if (reply.raw !== undefined) res.end(reply.raw);
  else res.end();
  return requestId;
}

/** The text of frozen answers (memoised reads, stored records), kept beside them: they never change. */
const frozenTexts = new WeakMap<object, string>();

/** A body's JSON; a frozen one is serialised once, since it is sent again as the very same object. */
function jsonText(body: unknown): string {
  if (typeof body !== 'object' || body === null || !Object.isFrozen(body)) return JSON.stringify(body);
  let text = frozenTexts.get(body);
  if (text === undefined) {
    text = JSON.stringify(body);
    frozenTexts.set(body, text);
  }
  return text;
}

/** Open streams of an app, so stopping the server need not wait for clients that never hang up. */
const openStreams = (app: express.Application): Set<() => void> => ((app.locals.openStreams as Set<() => void> | undefined) ??= new Set());

/** Streams until the client hangs up or the app stops, then lets the stream clean up after itself. */
function keepOpen(req: Request, res: Response, stream: NonNullable<Reply['stream']>): void {
  const close = stream.open((chunk) => res.write(chunk));
  const streams = openStreams(req.app);
  const end = (): void => {
    if (!streams.delete(end)) return;
    close();
    res.end();
  };
  streams.add(end);
  req.on('close', end);
}

/** Ends every open stream (the change feed's browsers); called when the emulator stops. */
export function endStreams(app: express.Application): void {
  for (const end of [...openStreams(app)]) end();
}

/**
 * Routes are grouped by the first two segments of their path (`/v1/accounts`, `/__emulator/clock`),
 * each group a router of its own: a request is matched against the few routes of its group instead
 * of walking the whole table, one pattern after another. No route has a parameter in those
 * segments, so every route that could match a path is in that path's group, in table order.
 */
function groupKey(path: string): string {
  // What `path.split('/', 3).join('/')` gives (up to the third slash), found by searching rather than with an array and a join per request.
  const first = path.indexOf('/');
  const second = first === -1 ? -1 : path.indexOf('/', first + 1);
  const third = second === -1 ? -1 : path.indexOf('/', second + 1);
  return (third === -1 ? path : path.slice(0, third)).toLowerCase();
}

function routeGroup(groups: ReadonlyMap<string, express.Router>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // No route answers OPTIONS: it goes on to the 404, as it did before routes were grouped (a
    // router would otherwise answer it with the methods its routes allow).
    const group = req.method === 'OPTIONS' ? undefined : groups.get(groupKey(req.path));
    if (group) group(req, res, next);
    else next();
  };
}

/** HTTP/1.1 requires a Host header (RFC 9112); without one the request is refused in the path's dialect. */
function hostRequired(req: Request, res: Response, next: NextFunction): void {
  if (req.httpVersion !== '1.1' || req.headers.host !== undefined) return next();
  send(req, res, { ...errorReply(dialectForPath(req.path), new DomainError('Malformed', 'An HTTP/1.1 request needs a Host header', undefined, 'Host'), req.method), status: 400 });
}

/** An endpoint that does not exist is a 404 in every dialect, even V1, whose business errors are 200s. */
function unmatchedRoute(req: Request, res: Response): void {
  const error = new DomainError('NotFound', `No such endpoint: ${req.method} ${req.path}`, undefined, 'path');
  send(req, res, { ...errorReply(dialectForPath(req.path), error, req.method), status: 404 });
}

/** Errors raised before a route runs (an oversized body, say) still leave in the dialect's shape. */
function lastResort(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  const dialect = dialectForPath(req.path);
  const status = (error as { status?: number }).status;
  if (status === 413) {
    send(req, res, errorReply(dialect, new DomainError('TooLarge', `The request body is larger than ${MAX_BODY}`, undefined, 'body'), req.method));
    return;
  }
  if (status && status < 500) {
    send(req, res, errorReply(dialect, new DomainError('Malformed', (error as Error).message, undefined, 'body'), req.method));
    return;
  }
  console.error(`zuora-emulator: ${req.method} ${req.originalUrl} failed`, error);
  send(req, res, internalErrorReply(dialect));
}

function lowerMethod(route: Route): 'get' | 'post' | 'put' | 'patch' | 'delete' {
  return route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
}
