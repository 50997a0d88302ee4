import { createHash, randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { accountOfKey, isConnectedTo } from '../../domain/stripe/accounts.js';
import { StripeError } from '../../domain/stripe/errors.js';
import { asDomainError } from '../../http/dialects.js';
import type { Reply, Route } from '../../http/routeTable.js';
import type { Services } from '../../services.js';
import { stripeErrorBody, stripeErrorReply, internalError } from './errors.js';
import { expand } from './expand.js';
import { hostedPages } from './hostedPages.js';
import { expandPaths, parseForm, type Params } from './params.js';
import { API_VERSION } from './shapes/index.js';

const IDEMPOTENCY = '_stripeIdempotency';
/** Stripe prunes idempotency keys after 24 hours (of the account's clock here). */
const IDEMPOTENCY_LIFETIME = 24 * 3600;

interface IdempotencyRecord {
  id: string;
  request: string;
  status: number;
  body: unknown;
  expiresAt: number;
}

const requestId = (): string => `req_${randomBytes(10).toString('base64url').replace(/[-_]/g, 'x')}`;

/**
 * The Stripe dialect on its own port: secret-key auth per account (`Stripe-Account` selects a
 * connected one), form-encoded bracket params, Idempotency-Key with replays marked, Request-Id and
 * Stripe-Version on every answer, `expand[]`, and Stripe's error shape, including for unknown routes.
 */
export function buildStripeApp(services: Services, routes: readonly Route[]): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(express.raw({ type: () => true, limit: '10mb' }));
  const inFlight = new Set<string>();
  app.use(hostedPages(services));
  for (const route of routes) {
    app[route.method.toLowerCase() as 'get' | 'post' | 'delete'](route.path, (req, res) => {
      void handle(services, inFlight, route, req, res);
    });
  }
  app.use((req: Request, res: Response) => {
    send(res, req, requestId(), {
      status: 404,
      body: stripeErrorBody('invalid_request_error', `Unrecognized request URL (${req.method}: ${req.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`),
    });
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status;
    send(res, req, requestId(), status && status < 500 ? { status: 400, body: stripeErrorBody('invalid_request_error', (error as Error).message) } : internalError());
  });
  return app;
}

async function handle(services: Services, inFlight: Set<string>, route: Route, req: Request, res: Response): Promise<void> {
  const id = requestId();
  let reply: Reply;
  try {
    const account = authenticate(services, req);
    const params = readParams(req);
    const key = req.method === 'POST' ? req.header('idempotency-key') : undefined;
    const run = () => runRoute(services, route, account, params, req, id);
    reply = key ? await idempotent(services, inFlight, account, req, params, key, run) : await run();
  } catch (error) {
    reply = failure(error, req, id);
  }
  send(res, req, id, reply);
}

async function runRoute(services: Services, route: Route, account: string, params: Params, req: Request, id: string): Promise<Reply> {
  try {
    const reply = await route.handler({
      tenant: account,
      params: req.params as Record<string, string>,
      query: params,
      body: params,
      headers: req.headers,
      services,
    });
    const paths = expandPaths(params);
    if (paths.length === 0 || (reply.status ?? 200) >= 300) return reply;
    return { ...reply, body: expand(services.store.view(account), reply.body, paths) };
  } catch (error) {
    return failure(error, req, id);
  }
}

function failure(error: unknown, req: Request, id: string): Reply {
  const domainError = asDomainError(error);
  if (domainError) return stripeErrorReply(domainError, id);
  console.error(`zuora-emulator (stripe): ${req.method} ${req.originalUrl} failed`, error);
  return internalError();
}

function readParams(req: Request): Params {
  if (req.method === 'GET' || req.method === 'DELETE') {
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    return parseForm(query);
  }
  const raw: unknown = req.body;
  return Buffer.isBuffer(raw) && raw.length > 0 ? parseForm(raw.toString('utf8')) : {};
}

const authError = (message: string): StripeError => new StripeError('Unauthenticated', message, 'invalid_request_error', undefined);

/** `Authorization: Bearer sk_...` (or Basic with the key as user name); `Stripe-Account` acts on a connected account. */
function authenticate(services: Services, req: Request): string {
  const header = req.header('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header)?.[1];
  const key = bearer ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : undefined);
  if (!key) {
    throw authError('You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').');
  }
  const account = accountOfKey(services.store, key);
  if (!account) throw authError(`Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`);
  const connected = req.header('stripe-account');
  if (!connected || connected === account) return account;
  if (!isConnectedTo(services.store, connected, account)) {
    throw new StripeError('NotFound', `The provided key '${key.slice(0, 8)}...${key.slice(-4)}' does not have access to account '${connected}' (or that account does not exist). Application access may have been revoked.`, 'invalid_request_error', 'account_invalid', undefined);
  }
  return connected;
}

/**
 * The first answer to a key is kept and replayed (`Idempotent-Replayed: true`); the same key with
 * other parameters or another endpoint is an idempotency error. Failed parameter checks (400s) and
 * auth failures are not kept, as Stripe keeps only requests that started executing.
 */
async function idempotent(services: Services, inFlight: Set<string>, account: string, req: Request, params: Params, key: string, run: () => Promise<Reply>): Promise<Reply> {
  const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
  const request = createHash('sha256').update(`${req.method} ${req.path} ${JSON.stringify(params)}`).digest('hex');
  const slot = `${account}/${id}`;
  if (inFlight.has(slot)) {
    throw new StripeError('Conflict', `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`, 'idempotency_error', 'idempotency_key_in_use');
  }
  const view = services.store.view(account);
  const now = Math.floor(view.now().getTime() / 1000);
  const stored = view.get<IdempotencyRecord>(IDEMPOTENCY, id);
  if (stored && stored.expiresAt > now) {
    if (stored.request !== request) {
      throw new StripeError('InvalidValue', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`, 'idempotency_error', undefined);
    }
    return { status: stored.status, body: stored.body, headers: { 'Idempotent-Replayed': 'true' } };
  }
  inFlight.add(slot);
  try {
    const reply = await run();
    const status = reply.status ?? 200;
    if (status !== 400 && status !== 401) {
      await services.store.transact(account, (tx) => {
        tx.remove(IDEMPOTENCY, id);
        tx.insert<IdempotencyRecord>(IDEMPOTENCY, { id, request, status, body: reply.body ?? null, expiresAt: Math.floor(tx.now().getTime() / 1000) + IDEMPOTENCY_LIFETIME });
      });
    }
    return reply;
  } finally {
    inFlight.delete(slot);
  }
}

function send(res: Response, req: Request, id: string, reply: Reply): void {
  res.setHeader('Request-Id', id);
  res.setHeader('Stripe-Version', req.header('stripe-version') ?? API_VERSION);
  const key = req.header('idempotency-key');
  if (key && req.method === 'POST') res.setHeader('Idempotency-Key', key);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.status(reply.status ?? 200);
  if (reply.body === undefined) res.end();
  else res.json(reply.body);
}
