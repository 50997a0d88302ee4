import type { ReadView, Transaction } from '../state/transaction.js';
import { invalidValue, missingField } from './errors.js';

export const CUSTOM_FIELD_DEFINITIONS = 'CustomFieldDefinition';

/** Zuora objects that carry custom fields in this emulator. */
export const CUSTOM_FIELD_OBJECTS = [
  'Account',
  'Contact',
  'Product',
  'ProductRatePlan',
  'ProductRatePlanCharge',
  'Subscription',
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
 * Custom fields must be named `*__c`. Fields that are defined are held to their definition (type,
 * length); undefined ones are accepted so tests need not set definitions up first.
 */
export function checkCustomFields(view: ReadView, object: string, fields: CustomFields, prefix: string): CustomFields {
  const definition = definitionFor(view, object);
  for (const [name, value] of Object.entries(fields)) {
    const field = `${prefix}${name}`;
    if (!name.endsWith('__c')) {
      throw invalidValue(object, field, `Custom field '${name}' must end with '__c'`);
    }
    const spec = definition?.fields[name];
    if (!spec || value === null) continue;
    if (spec.maxLength !== undefined && typeof value === 'string' && value.length > spec.maxLength) {
      throw invalidValue(object, field, `'${name}' is longer than ${spec.maxLength} characters`);
    }
    if ((spec.type === 'number' || spec.type === 'integer') && Number.isNaN(Number(value))) {
      throw invalidValue(object, field, `'${name}' must be a number`);
    }
  }
  return fields;
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
