import { conflict, invalidValue, notFound } from '../domain/errors.js';
import type { ReadView, Transaction } from '../state/transaction.js';
import { compileCondition } from './conditions.js';
import { EVENT_TRIGGERS, type EventTrigger, type EventTypeSpec } from './model.js';

/**
 * The standard objects a trigger may watch: the Zuora objects this emulator keeps and so can raise
 * changes on. Zuora accepts more (DebitMemo, ...); a trigger on one of those here would
 * never fire, so it is refused rather than kept silently.
 */
const TRIGGER_BASE_OBJECTS = [
  'Account',
  'Contact',
  'Product',
  'ProductRatePlan',
  'ProductRatePlanCharge',
  'Subscription',
  'RatePlan',
  'RatePlanCharge',
  'Order',
  'Invoice',
  'InvoiceItem',
  'CreditMemo',
  'Payment',
  'PaymentMethod',
  'Refund',
  'Usage',
] as const;

/** Custom objects are named `default__<api_name>`, lowercase. */
const CUSTOM_OBJECT = /^default__[a-z][a-z0-9_]*$/;

export interface EventTriggerInput {
  baseObject: string;
  condition: string;
  eventType: EventTypeSpec;
  active: boolean;
  description?: string;
}

/** What a PUT may change. The event type's name and namespace identify the event, so they stay. */
export interface EventTriggerUpdate {
  active?: boolean;
  condition?: string;
  description?: string;
  eventType?: Partial<EventTypeSpec>;
}

export interface TriggerQuery {
  start: number;
  limit: number;
  baseObject?: string;
  eventTypeName?: string;
  active?: boolean;
}

export interface TriggerPage {
  data: EventTrigger[];
  /** Where the next page starts, when there is one. */
  nextStart?: number;
}

export function createTrigger(tx: Transaction, input: EventTriggerInput): EventTrigger {
  checkBaseObject(input.baseObject);
  checkCondition(input.condition, input.baseObject);
  // Zuora merges triggers that raise the same event type; two would be one event with two rules, so
  // a second trigger of a name is refused instead.
  const taken = tx.all<EventTrigger>(EVENT_TRIGGERS).find((trigger) => trigger.eventType.name === input.eventType.name);
  if (taken) {
    throw conflict(EVENT_TRIGGERS, `An event trigger for event type '${input.eventType.name}' already exists (id ${taken.id})`, 'eventType.name');
  }
  const now = tx.now().toISOString();
  return tx.insert<EventTrigger>(EVENT_TRIGGERS, {
    id: uuid(tx.newId()),
    baseObject: input.baseObject,
    condition: input.condition,
    eventType: eventTypeOf(input.eventType),
    active: input.active,
    ...(input.description !== undefined ? { description: input.description } : {}),
    createdDate: now,
    updatedDate: now,
  });
}

export function getTrigger(view: ReadView, id: string): EventTrigger {
  const trigger = view.get<EventTrigger>(EVENT_TRIGGERS, id.toLowerCase());
  if (!trigger) throw notFound(EVENT_TRIGGERS, id);
  return trigger;
}

/** Triggers in creation order, filtered, one offset page at a time. */
export function listTriggers(view: ReadView, query: TriggerQuery): TriggerPage {
  const matching = view
    .all<EventTrigger>(EVENT_TRIGGERS)
    .filter(
      (trigger) =>
        (query.baseObject === undefined || trigger.baseObject === query.baseObject) &&
        (query.eventTypeName === undefined || trigger.eventType.name === query.eventTypeName) &&
        (query.active === undefined || trigger.active === query.active),
    );
  const end = query.start + query.limit;
  return { data: matching.slice(query.start, end), ...(end < matching.length ? { nextStart: end } : {}) };
}

export function updateTrigger(tx: Transaction, id: string, update: EventTriggerUpdate): EventTrigger {
  const current = getTrigger(tx, id);
  if (update.condition !== undefined) checkCondition(update.condition, current.baseObject);
  for (const field of ['name', 'namespace'] as const) {
    const value = update.eventType?.[field];
    if (value !== undefined && value !== current.eventType[field]) {
      throw invalidValue(EVENT_TRIGGERS, `eventType.${field}`, `'eventType.${field}' identifies the event and cannot be changed`);
    }
  }
  const { displayName, description } = update.eventType ?? {};
  return tx.update<EventTrigger>(EVENT_TRIGGERS, current.id, {
    ...(update.active !== undefined ? { active: update.active } : {}),
    ...(update.condition !== undefined ? { condition: update.condition } : {}),
    ...(update.description !== undefined ? { description: update.description } : {}),
    eventType: eventTypeOf({
      ...current.eventType,
      ...(displayName !== undefined ? { displayName } : {}),
      ...(description !== undefined ? { description } : {}),
    }),
    updatedDate: tx.now().toISOString(),
  });
}

export function deleteTrigger(tx: Transaction, id: string): void {
  tx.remove(EVENT_TRIGGERS, getTrigger(tx, id).id);
}

/** The triggers the dispatcher evaluates for a change of `baseObject`. */
export function activeTriggersFor(view: ReadView, baseObject: string): EventTrigger[] {
  return view.filterBy<EventTrigger>(EVENT_TRIGGERS, 'baseObject', baseObject).filter((trigger) => trigger.active);
}

function checkBaseObject(baseObject: string): void {
  if ((TRIGGER_BASE_OBJECTS as readonly string[]).includes(baseObject) || CUSTOM_OBJECT.test(baseObject)) return;
  throw invalidValue(
    EVENT_TRIGGERS,
    'baseObject',
    `'${baseObject}' is not an object event triggers can watch; use one of ${TRIGGER_BASE_OBJECTS.join(', ')} or a custom object default__<name>`,
  );
}

/** A trigger's condition reads only its own object: Zuora offers no fields of joined objects there. */
function checkCondition(condition: string, baseObject: string): void {
  const foreign = compileCondition(condition).objects.filter((object) => object !== baseObject);
  if (foreign.length > 0) {
    throw invalidValue(
      EVENT_TRIGGERS,
      'condition',
      `The condition may only use changeType and fields of ${baseObject}, the trigger's base object; it names ${foreign.map((object) => `'${object}'`).join(', ')}`,
    );
  }
}

/** Keeps only the event type's known fields, in a stable order, without empty optional ones. */
function eventTypeOf(spec: EventTypeSpec): EventTypeSpec {
  return {
    name: spec.name,
    displayName: spec.displayName,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}),
  };
}

/** Zuora shows these records' ids as UUIDs; the store's ids are 32 hex digits, grouped here 8-4-4-4-12. */
function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
