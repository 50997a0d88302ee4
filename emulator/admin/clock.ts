import { ClockError } from '../clock/clock.js';
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
