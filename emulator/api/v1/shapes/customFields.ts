import { definitionFor, type CustomFields } from '../../../domain/customFields.js';
import type { ReadView } from '../../../state/transaction.js';

/**
 * An object's custom fields as a V1 read shows them: every field defined on the object type, null
 * where this record has no value, then any value the record holds for an undefined field.
 */
export function customFieldsOf(view: ReadView, object: string, values: CustomFields): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of Object.keys(definitionFor(view, object)?.fields ?? {})) fields[name] = null;
  return Object.assign(fields, values);
}
