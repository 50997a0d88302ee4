import { unknownField } from '../../domain/errors.js';

/**
 * Splits a CRUD body into the fields the emulator models and `*__c` custom fields. Other fields are
 * ignored, as Zuora's CRUD calls ignore them, unless the caller asked `rejectUnknownFields=true`.
 */
export function crudFields(
  body: Record<string, unknown>,
  modelled: readonly string[],
  query: Record<string, unknown>,
  object: string,
): { known: Record<string, unknown>; customFields: Record<string, unknown> } {
  const known: Record<string, unknown> = {};
  const customFields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body)) {
    if (field.endsWith('__c')) customFields[field] = value;
    else if (modelled.includes(field)) known[field] = value;
    else if (String(query.rejectUnknownFields) === 'true') throw unknownField(object, field);
  }
  return { known, customFields };
}
