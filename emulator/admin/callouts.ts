import type { AnySchema } from 'ajv';
import { notFound } from '../domain/errors.js';
import { CALLOUT_FAULT_MODES, setCalloutFault, type CalloutFaultMode } from '../events/calloutFaults.js';
import { calloutJournal } from '../events/dispatcher.js';
import type { Reply, RequestContext } from '../http/routeTable.js';

/**
 * The callout journal: every delivery with each of its attempts, oldest first; `?event=` and
 * `?status=` filter, `?after=<seq>` keeps the deliveries raised after that one.
 */
export function listCallouts(ctx: RequestContext): Reply {
  const { event, status, after } = ctx.query as { event?: string; status?: string; after?: string };
  // Sequence numbers start at 1: no `after` (or one that is not a number) keeps every delivery.
  const afterSeq = Number(after ?? 0) || 0;
  const data = calloutJournal(ctx.services.store.view(ctx.tenant))
    .filter((delivery) => delivery.seq > afterSeq && (!event || delivery.eventName === event) && (!status || delivery.status === status))
    // A Stripe webhook's signing secret stays out of the journal's answer.
    .map(({ stripe: _secret, ...delivery }) => delivery);
  return { body: { data } };
}

/** How many of the tenant's deliveries stand in each final state. */
function tally(ctx: RequestContext): { delivered: number; failed: number; dropped: number } {
  const journal = calloutJournal(ctx.services.store.view(ctx.tenant));
  const count = (status: string) => journal.filter((delivery) => delivery.status === status).length;
  return { delivered: count('delivered'), failed: count('failed'), dropped: count('dropped') };
}

/** Makes one attempt at every delivery owed, waiting retries included; returns once they are made. */
export async function flushCallouts(ctx: RequestContext): Promise<Reply> {
  await ctx.services.dispatcher.flush(ctx.tenant);
  return { body: tally(ctx) };
}

/** Every delivery that used up its attempts gets a fresh set, the first made now. */
export async function redeliverFailedCallouts(ctx: RequestContext): Promise<Reply> {
  const redelivered = await ctx.services.dispatcher.redeliverFailed(ctx.tenant);
  return { body: { redelivered, ...tally(ctx) } };
}

export async function redeliverCallout(ctx: RequestContext): Promise<Reply> {
  const delivery = await ctx.services.dispatcher.redeliver(ctx.tenant, ctx.params.id ?? '');
  if (!delivery) throw notFound('Callout', ctx.params.id ?? '', 'id');
  return { status: 201, body: delivery };
}

export const calloutFaultRequest: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['mode'],
  properties: {
    mode: { enum: [...CALLOUT_FAULT_MODES] },
    count: { type: 'integer', minimum: 1, maximum: 1000 },
    seed: { type: 'integer' },
  },
};

/** The next `count` deliveries suffer the fault; `seed` makes a delay's length repeatable. */
export async function postCalloutFault(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as { mode: CalloutFaultMode; count?: number; seed?: number };
  const fault = { mode: body.mode, count: body.count ?? 1, seed: body.seed ?? 1 };
  await ctx.services.store.transact(ctx.tenant, (tx) => setCalloutFault(tx, fault.mode, fault.count, fault.seed));
  return { status: 201, body: fault };
}
