import express, { type NextFunction, type Request, type Response } from 'express';
import { OutboundInputError } from '../outbound/errors.js';
import { serially } from '../serial.js';
import { StripeApiError } from '../stripe/client.js';
import { readOnce } from '../time.js';
import { ZuoraError } from '../zuora/errors.js';
import { ApiError } from './errors.js';
import type { ApiReply, ApiRequest, ApiRoute, Engine } from './routeTable.js';

/**
 * The engine's HTTP surface from its route table. Every route runs the same way: parse JSON ->
 * handler (validate, then call model/outbound/inbound) -> reply, with failures answered as
 * `{error: {code, message}}`.
 */
const raw = new WeakMap<object, string>();

/** The largest body the engine reads; a larger one is refused before any route runs. */
export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export function buildSyncApp(engine: Engine, routes: readonly ApiRoute[]): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // Any content type is read as JSON: Zuora's callouts do not all say what they send.
  // The raw text is kept beside the parsed body: a Stripe webhook's signature covers the exact bytes.
  app.use(express.json({ type: () => true, limit: BODY_LIMIT_BYTES, verify: (req, _res, buffer) => raw.set(req, buffer.toString('utf8')) }));
  for (const route of routes) {
    app[lowerMethod(route)](route.path, async (req: Request, res: Response) => {
      const request = { params: req.params as Record<string, string>, query: req.query as Record<string, unknown>, body: req.body, rawBody: raw.get(req) ?? '', headers: req.headers };
      send(res, await answerRoute(engine, route, request, requestLine(req)));
    });
  }
  app.use((req: Request, res: Response) => {
    send(res, failure(new ApiError(404, 'ROUTE_NOT_FOUND', `No route ${req.method} ${req.path}`), requestLine(req)));
  });
  // Express calls this when reading the body failed, before any handler ran.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    send(res, failure(bodyError(error) ?? error, requestLine(req)));
  });
  return app;
}

const requestLine = (req: Request): string => `${req.method} ${req.originalUrl}`;

/**
 * A route's answer to one request (`described` names it in the log): its handler run as every route
 * runs, exclusive ones one at a time and the platform's clock read once, and a failure as its reply.
 */
export async function answerRoute(engine: Engine, route: ApiRoute, request: Omit<ApiRequest, 'engine'>, described: string): Promise<ApiReply> {
  const run = async (): Promise<ApiReply> => route.handler({ engine: atOneInstant(engine), ...request });
  try {
    return await (route.exclusive ? serially(engine.ctx.store, run) : run());
  } catch (error) {
    return failure(error, described);
  }
}

/** The engine as one request sees it: the platform's clock read once (sync/time.ts readOnce). */
function atOneInstant(engine: Engine): Engine {
  return { ...engine, ctx: { ...engine.ctx, time: readOnce(engine.ctx.time) } };
}

/** The JSON parser's own errors carry a 4xx status and a type; a body that is not JSON is the common one. */
function bodyError(error: unknown): ApiError | undefined {
  const { status, type, message } = error as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof status !== 'number' || status >= 500) return undefined;
  if (type === 'entity.parse.failed') return new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON');
  return new ApiError(status, 'INVALID_BODY', typeof message === 'string' ? message : 'The request body cannot be read');
}

function failure(error: unknown, described: string): ApiReply {
  if (error instanceof ApiError) return { status: error.status, body: error.toBody() };
  if (error instanceof OutboundInputError) return failure(new ApiError(statusOfInputError(error.code), error.code, error.message), described);
  // Outbound records Zuora failures on the entity; one reaching here had no entity to go on.
  if (error instanceof ZuoraError) return { status: 502, body: new ApiError(502, 'ZUORA_ERROR', error.message).toBody() };
  if (error instanceof StripeApiError) return { status: 502, body: new ApiError(502, 'STRIPE_ERROR', `${error.code ?? error.type}: ${error.message}`).toBody() };
  console.error(`sync engine: ${described} failed`, error);
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: new ApiError(500, 'INTERNAL_ERROR', message).toBody() };
}

/** Outbound's own checks name what was wrong: a missing record, a record in the wrong state, or bad input. */
function statusOfInputError(code: string): number {
  if (/_NOT_FOUND$/.test(code)) return 404;
  if (/_(ARCHIVED|ENDED|EXISTS|CONFLICT|LATEST)$/.test(code)) return 409;
  return 400;
}

/** A reply as it goes out: its status, its headers and (unless it has no body) its JSON text. */
export function wireReply(reply: ApiReply): { status: number; headers: Record<string, string>; text?: string } {
  const status = reply.status ?? 200;
  if (reply.body === undefined) return { status, headers: reply.headers ?? {} };
  const text = JSON.stringify(reply.body);
  return { status, headers: { ...reply.headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) }, text };
}

/**
 * The reply in one writeHead, its JSON serialised once with its length given (what res.json sends,
 * without its checks and copies: every callout and clock step of the emulator is answered here).
 */
function send(res: Response, reply: ApiReply): void {
  const { status, headers, text } = wireReply(reply);
  res.writeHead(status, headers).end(text);
}

const lowerMethod = (route: ApiRoute) => route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
