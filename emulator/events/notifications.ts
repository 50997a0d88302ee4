import { createHash } from 'node:crypto';
import { invalidValue, missingField, notFound, referenced } from '../domain/errors.js';
import type { ReadView, Transaction } from '../state/transaction.js';
import {
  asUuid,
  buildCallout,
  calloutSpecOf,
  created,
  describeEvent,
  eventOf,
  getCalloutTemplate,
  keepEvent,
  newUuid,
  recordKey,
  sameEvent,
  touched,
  type Audit,
  type CalloutInput,
  type CalloutSettings,
  type CalloutTemplate,
  type EventInput,
  type EventKey,
  type EventTypeNamespace,
} from './calloutTemplates.js';
import { CALLOUT_TEMPLATES, NOTIFICATION_DEFINITIONS, type CalloutSpec, type EventName } from './model.js';

const DEFINITION = 'NotificationDefinition';

export const FILTER_VALUE_TYPES = [
  'STRING', 'BYTE', 'SHORT', 'CHARACTER', 'INTEGER', 'LONG', 'FLOAT', 'DOUBLE', 'BOOLEAN', 'BIG_INTEGER', 'BIG_DECIMAL',
  'LOCAL_DATE', 'LOCAL_DATE_TIME', 'TIMESTAMP', 'BYTE_ARRAY', 'SHORT_ARRAY', 'CHARACTER_ARRAY', 'INTEGER_ARRAY', 'FLOAT_ARRAY',
  'DOUBLE_ARRAY', 'BOOLEAN_ARRAY', 'STRING_ARRAY', 'BIG_INTEGER_ARRAY', 'BIG_DECIMAL_ARRAY', 'LOCAL_DATE_ARRAY',
  'LOCAL_DATE_TIME_ARRAY', 'TIMESTAMP_ARRAY',
] as const;

export interface FilterRuleParameter {
  displayName?: string;
  valueType?: (typeof FILTER_VALUE_TYPES)[number];
  options?: string[] | null;
}

/** A condition over the event's data; `_NAME`-style parameters in it take their values from filterRuleParams. */
export interface FilterRule {
  id: string;
  condition: string;
  parameters: Readonly<Record<string, FilterRuleParameter>>;
}

/** A callout given inline on a notification rather than through a template. */
export type InlineCallout = CalloutSettings & { id: string };

export type NotificationDefinition = EventName &
  Audit & {
    id: string;
    name: string;
    description: string | null;
    active: boolean;
    eventTypeNamespace?: EventTypeNamespace;
    eventId: string;
    calloutActive: boolean;
    calloutTemplateIds: readonly string[];
    callout: InlineCallout | null;
    /** Stored and answered only: the emulator sends no email. */
    emailActive: boolean;
    emailTemplateId: string | null;
    communicationProfileId: string | null;
    communicationProfileIds: readonly string[] | null;
    associatedAccount: string | null;
    filterRule: FilterRule | null;
    filterRuleParams: Readonly<Record<string, string>> | null;
  };

export interface InlineCalloutInput extends CalloutInput {
  eventTypeName?: string;
}

export interface FilterRuleInput {
  condition: string;
  parameters: Record<string, FilterRuleParameter>;
}

/** A PUT: every field optional, null clears an optional one. */
export interface NotificationDefinitionUpdate extends EventInput {
  name?: string;
  description?: string | null;
  active?: boolean;
  calloutActive?: boolean;
  calloutTemplateIds?: string[];
  callout?: InlineCalloutInput;
  emailActive?: boolean;
  emailTemplateId?: string | null;
  communicationProfileId?: string | null;
  communicationProfileIds?: string[] | null;
  associatedAccount?: string | null;
  filterRule?: FilterRuleInput | null;
  filterRuleParams?: Record<string, string> | null;
}

export interface NotificationDefinitionInput extends NotificationDefinitionUpdate {
  name: string;
}

export interface NotificationDefinitionFilter {
  eventCategory?: number;
  eventTypeName?: string;
  emailTemplateId?: string;
  profileId?: string;
}

/** One callout a notification owes for an event; `filterRule` (parameters filled in) must hold for it to go. */
export interface NotificationCallout {
  notificationId: string;
  spec: CalloutSpec;
  filterRule?: string;
}

/**
 * The emulator keeps no records of event types, so a definition's eventId is derived from the event it
 * names: every definition of one event shows the same eventId.
 */
function eventIdOf(tenant: string, event: EventKey): string {
  const key = 'eventTypeName' in event ? `${event.eventTypeNamespace}:${event.eventTypeName}` : `category:${event.eventCategory}`;
  return asUuid(createHash('sha256').update(`${tenant}:${key}`).digest('hex'));
}

/** Linked templates must exist and be for the definition's own event, as Zuora asks of a notification's templates. */
function linkedTemplates(view: ReadView, event: EventName, ids: readonly string[]): string[] {
  const linked = ids.map((id, index) => {
    const field = `calloutTemplateIds[${index}]`;
    const template = referenced(() => getCalloutTemplate(view, id), DEFINITION, field, `Callout template '${id}'`);
    if (!sameEvent(template, event)) {
      throw invalidValue(DEFINITION, field, `Callout template '${id}' is for ${describeEvent(template)}, not ${describeEvent(event)}`);
    }
    return template.id;
  });
  return [...new Set(linked)];
}

function inlineCallout(tx: Transaction, event: EventName, before: InlineCallout | null, input: InlineCalloutInput): InlineCallout {
  const { eventTypeName, ...settings } = input;
  if (eventTypeName !== undefined && eventTypeName !== event.eventTypeName) {
    throw invalidValue(DEFINITION, 'callout.eventTypeName', `The callout of a notification for ${describeEvent(event)} cannot be for event '${eventTypeName}'`);
  }
  return { id: before?.id ?? newUuid(tx), ...buildCallout(DEFINITION, 'callout.', before ?? undefined, settings) };
}

/** Zuora links a notification's callouts one way or the other: templates by id, or one callout given inline. */
function checkOneWayToCallouts(input: NotificationDefinitionUpdate): void {
  if (input.calloutTemplateIds !== undefined && input.callout !== undefined) {
    throw invalidValue(DEFINITION, 'callout', 'Give calloutTemplateIds or an inline callout, not both');
  }
}

/** Zuora needs an email template for a notification that sends email (even though the emulator sends none). */
function checkEmail(emailActive: boolean, emailTemplateId: string | null): void {
  if (emailActive && !emailTemplateId) throw missingField(DEFINITION, 'emailTemplateId');
}

function filterRuleOf(tx: Transaction, before: FilterRule | null, input: FilterRuleInput): FilterRule {
  return { id: before?.id ?? newUuid(tx), condition: input.condition, parameters: input.parameters };
}

export function createNotificationDefinition(tx: Transaction, input: NotificationDefinitionInput): NotificationDefinition {
  const event = eventOf(DEFINITION, input);
  checkOneWayToCallouts(input);
  const emailActive = input.emailActive ?? false;
  const emailTemplateId = input.emailTemplateId ?? null;
  checkEmail(emailActive, emailTemplateId);
  // A custom event's name is not checked against the event triggers: Zuora's own custom events and
  // custom scheduled events are valid names too, and the emulator lists neither.
  return tx.insert<NotificationDefinition>(NOTIFICATION_DEFINITIONS, {
    id: newUuid(tx),
    name: input.name,
    description: input.description ?? null,
    active: input.active ?? true,
    ...event,
    eventId: eventIdOf(tx.tenant, event),
    calloutActive: input.calloutActive ?? false,
    calloutTemplateIds: linkedTemplates(tx, event, input.calloutTemplateIds ?? []),
    callout: input.callout ? inlineCallout(tx, event, null, input.callout) : null,
    emailActive,
    emailTemplateId,
    communicationProfileId: input.communicationProfileId ?? null,
    communicationProfileIds: input.communicationProfileIds ?? null,
    associatedAccount: input.associatedAccount ?? null,
    filterRule: input.filterRule ? filterRuleOf(tx, null, input.filterRule) : null,
    filterRuleParams: input.filterRuleParams ?? null,
    ...created(tx),
  });
}

export function getNotificationDefinition(view: ReadView, key: string): NotificationDefinition {
  const definition = view.get<NotificationDefinition>(NOTIFICATION_DEFINITIONS, recordKey(key));
  if (!definition) throw notFound(DEFINITION, key);
  return definition;
}

const profilesOf = (definition: NotificationDefinition): readonly string[] =>
  definition.communicationProfileIds ?? (definition.communicationProfileId ? [definition.communicationProfileId] : []);

export function listNotificationDefinitions(view: ReadView, filter: NotificationDefinitionFilter): NotificationDefinition[] {
  return view
    .all<NotificationDefinition>(NOTIFICATION_DEFINITIONS)
    .filter(
      (definition) =>
        (filter.eventCategory === undefined || definition.eventCategory === filter.eventCategory) &&
        (filter.eventTypeName === undefined || definition.eventTypeName === filter.eventTypeName) &&
        (filter.emailTemplateId === undefined || definition.emailTemplateId === filter.emailTemplateId) &&
        (filter.profileId === undefined || profilesOf(definition).includes(filter.profileId)),
    );
}

/** The fields a PUT copies as given; the rest need checks or shaping first. */
const PLAIN_FIELDS = [
  'name',
  'description',
  'active',
  'calloutActive',
  'emailActive',
  'emailTemplateId',
  'communicationProfileId',
  'communicationProfileIds',
  'associatedAccount',
  'filterRuleParams',
] as const;

export function updateNotificationDefinition(tx: Transaction, key: string, input: NotificationDefinitionUpdate): NotificationDefinition {
  const before = getNotificationDefinition(tx, key);
  keepEvent(DEFINITION, before, input);
  checkOneWayToCallouts(input);
  const plain = Object.fromEntries(PLAIN_FIELDS.filter((field) => input[field] !== undefined).map((field) => [field, input[field]]));
  checkEmail(input.emailActive ?? before.emailActive, input.emailTemplateId === undefined ? before.emailTemplateId : input.emailTemplateId);
  // Setting either kind of link replaces the notification's callouts as a whole.
  const links: Partial<NotificationDefinition> =
    input.calloutTemplateIds !== undefined
      ? { calloutTemplateIds: linkedTemplates(tx, before, input.calloutTemplateIds), callout: null }
      : input.callout !== undefined
        ? { calloutTemplateIds: [], callout: inlineCallout(tx, before, before.callout, input.callout) }
        : {};
  const filterRule = input.filterRule === undefined ? {} : { filterRule: input.filterRule && filterRuleOf(tx, before.filterRule, input.filterRule) };
  return tx.update<NotificationDefinition>(NOTIFICATION_DEFINITIONS, before.id, { ...plain, ...links, ...filterRule, ...touched(tx) });
}

export function deleteNotificationDefinition(tx: Transaction, key: string): void {
  tx.remove(NOTIFICATION_DEFINITIONS, getNotificationDefinition(tx, key).id);
}

/**
 * A definition hears its own category and, when it names a parent category (a multiple of 100), every
 * category under it: 1200 (subscription) hears 1210 (subscription created), 1100 hears 1110.
 */
function hearsCategory(definition: number, event: number): boolean {
  return definition === event || (definition % 100 === 0 && Math.floor(definition / 100) === Math.floor(event / 100));
}

function definitionsFor(view: ReadView, event: EventName, all: () => readonly NotificationDefinition[]): NotificationDefinition[] {
  const byName = event.eventTypeName !== undefined ? view.filterBy<NotificationDefinition>(NOTIFICATION_DEFINITIONS, 'eventTypeName', event.eventTypeName) : [];
  const { eventCategory } = event;
  const byCategory = eventCategory !== undefined ? all().filter((definition) => definition.eventCategory !== undefined && hearsCategory(definition.eventCategory, eventCategory)) : [];
  return [...byName, ...byCategory];
}

const QUOTED = /('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/;
const NUMERIC_TYPES = new Set(['BYTE', 'SHORT', 'INTEGER', 'LONG', 'FLOAT', 'DOUBLE', 'BIG_INTEGER', 'BIG_DECIMAL']);

/** A parameter value as a condition literal: numbers and booleans bare when they are such, lists as lists, the rest quoted. */
function literal(value: string, valueType: string | undefined): string {
  if (valueType?.endsWith('_ARRAY')) {
    const itemType = valueType.slice(0, -'_ARRAY'.length);
    return `[${value.split(',').map((item) => literal(item.trim(), itemType)).join(', ')}]`;
  }
  if (valueType && NUMERIC_TYPES.has(valueType) && value.trim() !== '' && Number.isFinite(Number(value))) return value.trim();
  if (valueType === 'BOOLEAN' && (value === 'true' || value === 'false')) return value;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rule's condition with each parameter that has a value replaced by it, outside quoted strings only. */
function filterCondition(rule: FilterRule, values: Readonly<Record<string, string>>): string {
  const names = Object.keys(values).filter((name) => name in rule.parameters);
  if (names.length === 0) return rule.condition;
  const pattern = new RegExp(`(?<![\\w.])(${names.map(escapeRegExp).join('|')})(?![\\w])`, 'g');
  return rule.condition
    .split(QUOTED)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(pattern, (name) => literal(values[name] ?? '', rule.parameters[name]?.valueType))))
    .join('');
}

/**
 * The callouts an event owes, for the dispatcher: for every active definition of the event with its
 * callout action on, each active linked template and its active inline callout, in creation order.
 * `definitions`, when given, are the view's notification definitions, read once for many events.
 */
export function calloutsFor(view: ReadView, event: EventName, definitions?: readonly NotificationDefinition[]): NotificationCallout[] {
  const owed: NotificationCallout[] = [];
  const all = (): readonly NotificationDefinition[] => definitions ?? view.all<NotificationDefinition>(NOTIFICATION_DEFINITIONS);
  for (const definition of definitionsFor(view, event, all)) {
    if (!definition.active || !definition.calloutActive) continue;
    const filterRule = definition.filterRule ? filterCondition(definition.filterRule, definition.filterRuleParams ?? {}) : undefined;
    const callouts: CalloutSettings[] = [];
    for (const id of definition.calloutTemplateIds) {
      const template = view.get<CalloutTemplate>(CALLOUT_TEMPLATES, id);
      if (template) callouts.push(template);
    }
    if (definition.callout) callouts.push(definition.callout);
    for (const callout of callouts) {
      if (callout.active) owed.push({ notificationId: definition.id, spec: specOf(callout), ...(filterRule ? { filterRule } : {}) });
    }
  }
  return owed;
}

/** Specs of stored callouts by record: a stored record never changes, and every event its notification hears reads its spec. */
const specs = new WeakMap<CalloutSettings, CalloutSpec>();

function specOf(callout: CalloutSettings): CalloutSpec {
  let spec = specs.get(callout);
  if (!spec) {
    spec = Object.freeze(calloutSpecOf(callout));
    specs.set(callout, spec);
  }
  return spec;
}
