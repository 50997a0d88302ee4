import type { AnySchema } from 'ajv';
import { invalidValue } from '../domain/errors.js';
import type { Reply, RequestContext } from '../http/routeTable.js';
import { EVENT_TRIGGERS, type EventTrigger } from './model.js';
import {
  createTrigger,
  deleteTrigger,
  getTrigger,
  listTriggers,
  updateTrigger,
  type EventTriggerInput,
  type EventTriggerUpdate,
  type TriggerQuery,
} from './triggers.js';

// `/events/event-triggers`: PostEventTriggerRequest, PutEventTriggerRequest and EventTrigger of the
// V1 spec, plus the `description` fields its compact edition lost. Unknown fields are ignored, as
// Zuora ignores them.

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

/** The condition's emptiness is the domain's to judge, so its answer names the condition. */
const condition = { type: 'string', maxLength: 5000 } as const;

export const eventTriggerCreateSchema: AnySchema = {
  type: 'object',
  required: ['baseObject', 'condition', 'eventType', 'active'],
  properties: {
    active: { type: 'boolean' },
    baseObject: text(100),
    condition,
    description: { type: 'string' },
    eventType: {
      type: 'object',
      required: ['name', 'displayName'],
      properties: { name: text(200), displayName: text(500), description: { type: 'string' }, namespace: text(200) },
    },
  },
};

export const eventTriggerUpdateSchema: AnySchema = {
  type: 'object',
  properties: {
    active: { type: 'boolean' },
    condition,
    description: { type: 'string' },
    eventType: {
      type: 'object',
      properties: { name: text(200), displayName: text(500), description: { type: 'string' }, namespace: text(200) },
    },
  },
};

const LIST_PATH = '/events/event-triggers';
const DEFAULT_LIMIT = 10;

/** The EventTrigger shape Zuora answers with. */
function toWire(trigger: EventTrigger): Record<string, unknown> {
  return {
    id: trigger.id,
    baseObject: trigger.baseObject,
    condition: trigger.condition,
    eventType: trigger.eventType,
    active: trigger.active,
    ...(trigger.description !== undefined ? { description: trigger.description } : {}),
  };
}

export async function postEventTrigger(ctx: RequestContext): Promise<Reply> {
  const input = ctx.body as EventTriggerInput;
  const trigger = await ctx.services.store.transact(ctx.tenant, (tx) => createTrigger(tx, input));
  return { body: toWire(trigger) };
}

export function listEventTriggers(ctx: RequestContext): Reply {
  const query = triggerQuery(ctx.query);
  const page = listTriggers(ctx.services.store.view(ctx.tenant), query);
  return { body: { data: page.data.map(toWire), ...(page.nextStart !== undefined ? { next: nextUrl(ctx.query, page.nextStart, query.limit) } : {}) } };
}

export function getEventTrigger(ctx: RequestContext): Reply {
  return { body: toWire(getTrigger(ctx.services.store.view(ctx.tenant), String(ctx.params.id))) };
}

export async function putEventTrigger(ctx: RequestContext): Promise<Reply> {
  const update = ctx.body as EventTriggerUpdate;
  const trigger = await ctx.services.store.transact(ctx.tenant, (tx) => updateTrigger(tx, String(ctx.params.id), update));
  return { body: toWire(trigger) };
}

export async function deleteEventTrigger(ctx: RequestContext): Promise<Reply> {
  await ctx.services.store.transact(ctx.tenant, (tx) => deleteTrigger(tx, String(ctx.params.id)));
  return { status: 204 };
}

function triggerQuery(query: Record<string, unknown>): TriggerQuery {
  return {
    start: wholeNumber(query.start, 'start', 0, 0),
    limit: wholeNumber(query.limit, 'limit', DEFAULT_LIMIT, 1),
    ...(query.baseObject !== undefined ? { baseObject: String(query.baseObject) } : {}),
    ...(query.eventTypeName !== undefined ? { eventTypeName: String(query.eventTypeName) } : {}),
    ...(query.active !== undefined ? { active: flag(query.active) } : {}),
  };
}

function wholeNumber(value: unknown, name: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isInteger(number) || number < minimum) {
    throw invalidValue(EVENT_TRIGGERS, name, `'${name}' must be a whole number from ${minimum}`);
  }
  return number;
}

function flag(value: unknown): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidValue(EVENT_TRIGGERS, 'active', "'active' must be true or false");
}

/** The next page's URL keeps the caller's filters and limit. */
function nextUrl(query: Record<string, unknown>, start: number, limit: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (name !== 'start' && name !== 'limit') params.set(name, String(value));
  params.set('start', String(start));
  params.set('limit', String(limit));
  return `${LIST_PATH}?${params.toString()}`;
}
