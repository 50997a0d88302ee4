import { resolveSettings } from '../state/settings.js';
import type { ReadView, Transaction } from '../state/transaction.js';
import { invalidValue, missingField, unknownField } from './errors.js';
import { warn } from './warnings.js';

export const CUSTOM_FIELD_DEFINITIONS = 'CustomFieldDefinition';

/** Zuora objects that carry custom fields in this emulator. */
export const CUSTOM_FIELD_OBJECTS = [
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
  'Payment',
  'PaymentMethod',
  'Usage',
] as const;

export type CustomFieldValue = string | number | boolean | null;
export type CustomFields = Readonly<Record<string, CustomFieldValue>>;

export interface CustomFieldSpec {
  /** API name, always ending in `__c`. */
  name: string;
  label: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'date';
  maxLength?: number;
  indexed?: boolean;
}

/** The custom fields defined on one object type (one record per object). */
export interface CustomFieldDefinition {
  id: string;
  object: string;
  fields: Readonly<Record<string, CustomFieldSpec>>;
  createdDate: string;
  updatedDate: string;
}

/** Zuora appends `__c` to every custom field's API name; names given without it get it. */
export function customFieldApiName(name: string): string {
  return name.endsWith('__c') ? name : `${name}__c`;
}

export function knownCustomFieldObject(name: string): string | undefined {
  return CUSTOM_FIELD_OBJECTS.find((object) => object.toLowerCase() === name.toLowerCase());
}

export function definitionFor(view: ReadView, object: string): CustomFieldDefinition | undefined {
  return view.findBy<CustomFieldDefinition>(CUSTOM_FIELD_DEFINITIONS, 'object', object);
}

/**
 * Custom fields must be named `*__c` and be defined on the object, as on Zuora: an undefined one
 * is refused as an unknown field, unless the tenant's `customFields` setting is `lenient`, which
 * accepts it with a warning. Defined fields are held to their definition (type, length).
 */
export function checkCustomFields(view: ReadView, object: string, fields: CustomFields, prefix: string): CustomFields {
  const named = Object.entries(fields);
  // Most writes carry none (a sign-up order checks seven objects' empty `customFields`): no definition to read.
  if (named.length === 0) return fields;
  const definition = definitionFor(view, object);
  for (const [name, value] of named) {
    const field = `${prefix}${name}`;
    if (!name.endsWith('__c')) {
      throw invalidValue(object, field, `Custom field '${name}' must end with '__c'`);
    }
    const spec = definition?.fields[name];
    if (!spec) {
      if (resolveSettings(view.meta().settings).customFields === 'strict') throw unknownField(object, field);
      warn(`custom field '${name}' is not defined on ${object}; accepted because customFields is lenient`);
      continue;
    }
    if (value === null) continue;
    if (spec.maxLength !== undefined && typeof value === 'string' && value.length > spec.maxLength) {
      throw invalidValue(object, field, `'${name}' is longer than ${spec.maxLength} characters`);
    }
    if ((spec.type === 'number' || spec.type === 'integer') && Number.isNaN(Number(value))) {
      throw invalidValue(object, field, `'${name}' must be a number`);
    }
  }
  return fields;
}

/**
 * The custom fields the seeds' platform defines when it connects (text, 255 long). A tenant made
 * with `presetCustomFields` (the default tenant) has them from the start and after every reset,
 * so a first request that carries them works before any platform has connected.
 */
const PLATFORM_CUSTOM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Product: ['stiggEntityUrl__c'],
  Account: ['stiggEntityUrl__c', 'stiggCustomerId__c'],
  Subscription: ['stiggEntityUrl__c', 'stiggCustomerId__c', 'stiggResourceId__c'],
  Order: ['stiggEntityUrl__c', 'stiggCustomerId__c', 'stiggResourceId__c'],
};

export function definePlatformCustomFields(tx: Transaction): void {
  for (const [object, names] of Object.entries(PLATFORM_CUSTOM_FIELDS)) {
    upsertCustomFieldDefinition(tx, { object, fields: names.map((name) => ({ name, label: name.slice(0, -3), type: 'string', maxLength: 255 })) });
  }
}

export interface CustomFieldDefinitionInput {
  object: string;
  fields: readonly CustomFieldSpec[];
}

/** Creates the object's definition or adds/replaces the named fields in it (PUT semantics per field). */
export function upsertCustomFieldDefinition(tx: Transaction, input: CustomFieldDefinitionInput): CustomFieldDefinition {
  if (input.fields.length === 0) throw missingField(CUSTOM_FIELD_DEFINITIONS, 'properties');
  const now = tx.now().toISOString();
  const fields = Object.fromEntries(input.fields.map((spec) => [spec.name, spec]));
  const existing = definitionFor(tx, input.object);
  if (existing) {
    return tx.update<CustomFieldDefinition>(CUSTOM_FIELD_DEFINITIONS, existing.id, {
      fields: { ...existing.fields, ...fields },
      updatedDate: now,
    });
  }
  return tx.insert<CustomFieldDefinition>(CUSTOM_FIELD_DEFINITIONS, {
    id: tx.newId(),
    object: input.object,
    fields,
    createdDate: now,
    updatedDate: now,
  });
}
