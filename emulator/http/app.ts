import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parse as parseQuery } from 'node:querystring';
import express, { type NextFunction, type Request, type Response } from 'express';
import { match, type MatchFunction } from 'path-to-regexp';
import { DomainError } from '../domain/errors.js';
import { noteWarnings } from '../domain/warnings.js';
import type { Services } from '../services.js';
import { checkAdminRequest } from './adminAuth.js';
import { authenticate } from './auth.js';
import { checkVersionHeader } from '../api/v1/versions.js';
import { asDomainError, dialectForPath, errorReply, internalErrorReply } from './dialects.js';
import { Idempotency } from './idempotency.js';
import { parseBody } from './body.js';
import { checkBodyLimits, routeLimits } from './limits.js';
import { BODY_LIMIT, readBody } from './readBody.js';
import { RateLimitedError, RateLimiter, type Permit } from './rateLimits.js';
import { resolveSettings } from '../state/settings.js';
import { redactSecrets, secretsRequested } from './secrets.js';
import type { Dialect, Reply, Route, RouteTable } from './routeTable.js';
import { compileBodyValidator, type BodyValidator } from './validation.js';

export const ADMIN_TENANT_HEADER = 'x-emulator-tenant';

/** A request made from inside this process (the bundled sync engine's reads), as its HTTP server would read it: header names in lower case. */
export interface InProcessRequest {
  method: string;
  /** Path and query, as on the request line. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** The status and body text the HTTP server would have sent; undefined for a request left to HTTP. */
export type InProcessAnswerer = (request: InProcessRequest) => Promise<{ status: number; text: string } | undefined>;

export interface BuiltApp {
  app: express.Express;
  /** Answers reads made in this very process without HTTP (see answerInProcess). */
  answerInProcess: InProcessAnswerer;
}

/**
 * Assembles the express app from the route tables. Every route runs the same pipeline:
 * resolve tenant -> parse body -> validate -> handler (domain call + shaping) -> error mapping.
 */
export function buildApp(services: Services, tables: readonly RouteTable[]): BuiltApp {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const idempotency = new Idempotency(services.store);
  const limiter = new RateLimiter(() => services.wallNow().getTime());
  const groups = new Map<string, GroupRoute[]>();
  for (const table of tables) {
    for (const route of table.routes) {
      const handle = pipeline(services, idempotency, limiter, table.dialect, route);
      const key = groupKey(route.path);
      if (/[:*{(]/.test(key)) throw new Error(`route ${route.method} ${route.path}: the first two segments of a path must be plain text (routes are grouped by them)`);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push({ method: route.method, match: pathMatcher(route.path), handle });
    }
  }
  // Every request's steps in one express layer: the Host check, the body's bytes (parsed inside the
  // pipeline, so authentication is checked before the body is judged), the route. As three layers
  // they were three passes of express's router, some 2% of a GET's CPU.
  app.use(inSequence([hostRequired, bodyBytes, routeGroup(groups)]));
  app.use(unmatchedRoute);
  app.use(lastResort);
  return { app, answerInProcess: answerInProcess(groups) };
}

/** The request line and headers as express reads them, for a request that never was a socket's. */
interface InProcessReq {
  method: string;
  url: string;
  originalUrl: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  params: Record<string, string>;
  body: undefined;
  header(name: string): string | undefined;
}

/** What `send` and the pipeline use of a response, keeping what was sent. */
class InProcessRes {
  statusCode = 200;
  text = '';

  writeHead(status: number): this {
    this.statusCode = status;
    return this;
  }

  status(status: number): this {
    this.statusCode = status;
    return this;
  }

  setHeader(): this {
    return this;
  }

  end(body?: string | Buffer): this {
    if (body !== undefined) this.text = typeof body === 'string' ? body : body.toString('utf8');
    return this;
  }
}

/**
 * A read (GET, no body) on a tenant's API, answered by its route's own pipeline (authentication,
 * rate limits, the handler, the request log) exactly as over HTTP, without a socket and two HTTP
 * stacks on every read: the bundled sync engine, running in this process under `zuora-emulator
 * start`, reads an invoice and its items back for every invoice callout. Anything else (a write, a
 * body, the admin API with its streams, a path no route takes) is left to HTTP: undefined.
 */
function answerInProcess(groups: ReadonlyMap<string, readonly GroupRoute[]>): InProcessAnswerer {
  return async ({ method, url, headers, body }) => {
    if (method !== 'GET' || body !== undefined) return undefined;
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    if (dialectForPath(path) === 'admin') return undefined;
    let found: FoundRoute | undefined;
    try {
      found = routeFor(groups, method, path);
    } catch {
      // A parameter that does not decode: HTTP answers it (a 400).
      return undefined;
    }
    if (!found) return undefined;
    const req: InProcessReq = {
      method,
      url,
      originalUrl: url,
      path,
      // express's default ("simple") query parser.
      query: parseQuery(queryAt < 0 ? '' : url.slice(queryAt + 1)),
      headers,
      params: found.params,
      body: undefined,
      header: (name) => headers[name.toLowerCase()],
    };
    const res = new InProcessRes();
    // Only what the pipeline reads of express's request and response is there (see above).
    await found.route.handle(req as unknown as Request, res as unknown as Response);
    return { status: res.statusCode, text: res.text };
  };
}

/**
 * The HTTP server of the app, whose requests and responses are made as the app's own from the start
 * (Node's `IncomingMessage` and `ServerResponse` options). Express hands each request and response
 * its prototypes with Object.setPrototypeOf; on an object Node made as a plain IncomingMessage that
 * changes its map and leaves cold every inline cache that had seen it, Node's own included: some
 * 90 us of a sign-up's CPU in a first batch, most of what express itself cost (measured). On an
 * object that has the prototype already it does nothing. The classes' prototypes take the app's
 * place, inheriting everything express puts on requests and responses.
 */
export function serverFor(app: express.Express): Server {
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse {}
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  // Typed as express's own: they are, by inheritance.
  app.request = AppRequest.prototype as unknown as typeof app.request;
  app.response = AppResponse.prototype as unknown as typeof app.response;
  return createServer({ IncomingMessage: AppRequest, ServerResponse: AppResponse }, app);
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

  /**
   * The route's answer to the request, a failure shaped in the dialect included: at once when the
   * handler answers synchronously (most reads), else a promise of it.
   */
  const answer = (req: Request, tenant: string): Reply | Promise<Reply> => {
    const warnings: string[] = [];
    let handled: Reply | Promise<Reply>;
    try {
      if (checksVersion) checkVersionHeader(req.headers);
      const body = parseBody(req, bodyFormat);
      checkBodyLimits(body, limits);
      validateBody(body);
      const context = { tenant, params: req.params as Record<string, string>, query: req.query as Record<string, unknown>, body, headers: req.headers, services };
      handled = noteWarnings(warnings, () => route.handler(context));
    } catch (error) {
      return shown(failureReply(dialect, error, req), req);
    }
    if (handled instanceof Promise) {
      return handled.then(
        (reply) => shown(withWarnings(reply, warnings), req),
        (error: unknown) => shown(failureReply(dialect, error, req), req),
      );
    }
    return shown(withWarnings(handled, warnings), req);
  };

  /** The admin API can read everything a tenant holds; its answers keep credentials out unless asked. */
  const shown = (reply: Reply, req: Request): Reply => {
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
      let answered: Reply | Promise<Reply>;
      if (auth !== 'bearer' || !tenant) answered = answer(req, tenant ?? '');
      else {
        permit = limiter.enter(tenant, resolveSettings(services.store.tenant(tenant)?.meta.settings).rateLimits);
        limitHeaders = permit.headers;
        const work = (): Reply | Promise<Reply> => answer(req, tenant ?? '');
        const key = req.method === 'POST' || req.method === 'PATCH' ? req.headers['idempotency-key'] : undefined;
        // A Zuora API request is one commit: its work, its callouts and its idempotency record.
        answered = typeof key === 'string' ? idempotency.run(tenant, req.method, req.path, key, work) : services.store.unitNow(work);
      }
      // A read answered synchronously is not awaited: that would cost a promise and a turn for nothing.
      reply = answered instanceof Promise ? await answered : answered;
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
    const body = jsonBody(reply.body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
    // The head goes out before the body, so its length is given here (Node would send it chunked).
    headers['Content-Length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    res.writeHead(status, headers).end(body);
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

/** The encoded JSON of frozen answers (memoised reads, stored records), kept beside them: they never change. */
const frozenBodies = new WeakMap<object, Buffer>();

/**
 * A body's JSON. A frozen one is sent again as the very same object, so it is serialised and
 * encoded once and its bytes kept: the socket takes them as they are, where a string would be
 * joined to the head and encoded again on every write.
 */
function jsonBody(body: unknown): string | Buffer {
  if (typeof body !== 'object' || body === null || !Object.isFrozen(body)) return JSON.stringify(body);
  let bytes = frozenBodies.get(body);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(body));
    frozenBodies.set(body, bytes);
  }
  return bytes;
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

/** A route of a group: its method, its path's matcher and the pipeline that answers it. */
interface GroupRoute {
  method: Route['method'];
  match: MatchFunction<Record<string, string>>;
  handle: (req: Request, res: Response) => Promise<void>;
}

/**
 * Routes are grouped by the first two segments of their path (`/v1/accounts`, `/__emulator/clock`):
 * a request is matched against the few routes of its group instead of walking the whole table, one
 * pattern after another. No route has a parameter in those segments, so every route that could
 * match a path is in that path's group, in table order.
 */
function groupKey(path: string): string {
  const second = path.indexOf('/', 1);
  const end = second < 0 ? -1 : path.indexOf('/', second + 1);
  return (end < 0 ? path : path.slice(0, end)).toLowerCase();
}

/**
 * A group's routes are matched here rather than by an express Router per group, which handled every
 * request a second time (its own dispatch, layer and route stacks, parameter processing): some 5%
 * of a GET's CPU. Matching is the router's own: the path-to-regexp pattern it would compile
 * (case-insensitive, a trailing slash allowed, parameters decoded, an undecodable one a 400), path
 * before method, and HEAD answered by the first GET route. OPTIONS matches nothing: it goes on to
 * the 404, as it always has (a router would answer it with the methods its routes allow).
 */
function routeGroup(groups: ReadonlyMap<string, readonly GroupRoute[]>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    let found: FoundRoute | undefined;
    try {
      found = routeFor(groups, req.method, req.path);
    } catch (error) {
      next(error);
      return;
    }
    if (!found) {
      next();
      return;
    }
    req.params = found.params;
    void found.route.handle(req, res);
  };
}

/** A route that takes a request, with the parameters its path gave. */
interface FoundRoute {
  route: GroupRoute;
  params: Record<string, string>;
}

/**
 * The route of `path`'s group that takes `method` (HEAD by the first GET), if any; throws the 400
 * of a parameter that does not decode. OPTIONS finds none.
 */
function routeFor(groups: ReadonlyMap<string, readonly GroupRoute[]>, method: string, path: string): FoundRoute | undefined {
  if (method === 'OPTIONS') return undefined;
  for (const route of groups.get(groupKey(path)) ?? []) {
    const matched = route.match(path);
    if (matched && (route.method === method || (method === 'HEAD' && route.method === 'GET'))) return { route, params: matched.params };
  }
  return undefined;
}

/** The matcher express's router compiles for a route path (non-strict, case-insensitive). */
function pathMatcher(path: string): GroupRoute['match'] {
  return match<Record<string, string>>(path.replace(/\/+$/, ''), { sensitive: false, end: true, trailing: true, decode: decodeParam });
}

/** A parameter decoded as the router decodes it: undecodable percent-escapes are the client's error, a 400. */
function decodeParam(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch (error) {
    if (error instanceof URIError) Object.assign(error, { message: `Failed to decode param '${value}'`, status: 400, statusCode: 400 });
    throw error;
  }
}

/**
 * Middleware run one after another as a single one: each goes on to the next by calling `next()`;
 * an error, or the last one calling `next()`, goes on to express's next layer. A step that throws
 * passes its error on, as it would as a layer of its own.
 */
function inSequence(steps: readonly express.RequestHandler[]): express.RequestHandler {
  return (req, res, next) => {
    let at = 0;
    const step = (error?: unknown): void => {
      const handler = steps[at++];
      if (error || !handler) {
        next(error);
        return;
      }
      try {
        void handler(req, res, step);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}

/** HTTP/1.1 requires a Host header (RFC 9112); without one the request is refused in the path's dialect. */
function hostRequired(req: Request, res: Response, next: NextFunction): void {
  if (req.httpVersion !== '1.1' || req.headers.host !== undefined) return next();
  send(req, res, { ...errorReply(dialectForPath(req.path), new DomainError('Malformed', 'An HTTP/1.1 request needs a Host header', undefined, 'Host'), req.method), status: 400 });
}

/** The body's bytes as `req.body`, read as express.raw read them (see readBody); a body that cannot be read goes on to `lastResort`. */
function bodyBytes(req: Request, _res: Response, next: NextFunction): void {
  readBody(req, (error, body) => {
    if (error) {
      next(error);
      return;
    }
    req.body = body;
    next();
  });
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
    send(req, res, errorReply(dialect, new DomainError('TooLarge', `The request body is larger than ${BODY_LIMIT / 1024 / 1024}mb`, undefined, 'body'), req.method));
    return;
  }
  if (status && status < 500) {
    send(req, res, errorReply(dialect, new DomainError('Malformed', (error as Error).message, undefined, 'body'), req.method));
    return;
  }
  console.error(`zuora-emulator: ${req.method} ${req.originalUrl} failed`, error);
  send(req, res, internalErrorReply(dialect));
}
