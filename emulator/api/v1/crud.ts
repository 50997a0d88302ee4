import type { CustomFields } from '../../domain/customFields.js';
import { unrecognisedFields } from '../../domain/errors.js';
import type { Reply } from '../../http/routeTable.js';
import { own } from '../../state/paths.js';

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
  const unknown: string[] = [];
  for (const [field, value] of Object.entries(body)) {
    if (field.endsWith('__c')) customFields[field] = value;
    else if (modelled.includes(field)) known[field] = value;
    else unknown.push(field);
  }
  if (unknown.length > 0 && String(query.rejectUnknownFields) === 'true') throw unrecognisedFields(object, unknown);
  return { known, customFields };
}

/**
 * A CRUD body in the domain's names: each field's first letter lowered (`BillCycleDay` ->
 * `billCycleDay`) unless `renames` names it otherwise, fields the emulator keeps elsewhere (`null`
 * in `renames`) and null values left out, custom fields under `customFields`. `T` is the domain input
 * the route's body schema has already checked the body against (its required fields and types).
 */
export function crudInput<T = Record<string, unknown>>(
  body: Record<string, unknown>,
  properties: Readonly<Record<string, unknown>>,
  query: Record<string, unknown>,
  object: string,
  renames: Readonly<Record<string, string | null>> = {},
): T {
  const { known, customFields } = crudFields(body, Object.keys(properties), query, object);
  const input: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(known)) {
    const renamed = own(renames, field);
    const name = renamed === undefined ? field.charAt(0).toLowerCase() + field.slice(1) : renamed;
    if (name !== null && value !== null) input[name] = value;
  }
  if (Object.keys(customFields).length > 0) input.customFields = customFields as CustomFields;
  return input as T;
}

/** What a CRUD create or update answers (ProxyCreateOrModifyResponse). */
export const crudSaved = (id: string): Reply => ({ body: { Success: true, Id: id } });

/** What a CRUD delete answers (ProxyDeleteResponse, lower-case as Zuora writes it). */
export const crudDeleted = (id: string): Reply => ({ body: { success: true, id } });
