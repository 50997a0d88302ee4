import type { AnySchema } from 'ajv';
import { ClockError } from '../clock/clock.js';
import { addClockSubscriber, removeClockSubscriber } from '../clock/ticks.js';
import { addDuration, parseDuration } from '../clock/duration.js';
import { DomainError, invalidValue } from '../domain/errors.js';
import type { Reply, RequestContext } from '../http/routeTable.js';

export function getClock(ctx: RequestContext): Reply {
  return { body: { now: ctx.services.clock.now(ctx.tenant).toISOString() } };
}

/** `{"by": "P1M"}` or `{"to": "2026-01-01T00:00:00Z"}`; answers once every job on the way has run. */
export async function advanceClock(ctx: RequestContext): Promise<Reply> {
  const body = (ctx.body ?? {}) as { by?: string; to?: string };
  const { clock } = ctx.services;
  if ((body.by === undefined) === (body.to === undefined)) {
    throw invalidValue('Clock', 'by', "Give either 'by' (an ISO-8601 duration) or 'to' (an ISO date-time)");
  }
  let target: Date;
  if (body.by !== undefined) {
    const duration = parseDuration(body.by);
    if (!duration) throw invalidValue('Clock', 'by', `'by' must be an ISO-8601 duration such as P1M or PT1H, got '${body.by}'`);
    target = addDuration(clock.now(ctx.tenant), duration);
  } else {
    target = new Date(body.to as string);
  }
  try {
    return { body: await clock.advanceTo(ctx.tenant, target) };
  } catch (error) {
    if (error instanceof ClockError) throw new DomainError('InvalidValue', error.message, 'Clock', 'to');
    throw error;
  }
}

/** `{"url": ...}`: the URL is told `{tenant, now}` at every step of the clock and awaited. */
export async function addSubscriber(ctx: RequestContext): Promise<Reply> {
  const { url } = ctx.body as { url: string };
  await ctx.services.store.transact(ctx.tenant, (tx) => addClockSubscriber(tx, url));
  return { status: 201, body: { url } };
}

export async function removeSubscriber(ctx: RequestContext): Promise<Reply> {
  const { url } = ctx.body as { url: string };
  const removed = await ctx.services.store.transact(ctx.tenant, (tx) => removeClockSubscriber(tx, url));
  if (!removed) throw new DomainError('NotFound', `No clock subscriber ${url}`, 'Clock', 'url');
  return { status: 204 };
}

export const clockSubscriberRequest: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: { url: { type: 'string', pattern: '^https?://' } },
};
