import type { StoredRecord } from '../state/document.js';

/**
 * A stored record as Zuora's object model names its fields: `balance` -> `Balance`,
 * `isLatestVersion` -> `IsLatestVersion`; custom fields keep their own names (`stiggCustomerId__c`).
 * Id fields also answer as `ID`, which legacy merge fields such as `<Account.ID>` use.
 */
export function zuoraFields(record: StoredRecord | null | undefined): Record<string, unknown> {
  if (!record) return {};
  const fields: Record<string, unknown> = {};
  for (const name of Object.keys(record)) {
    const value = record[name];
    if (name === 'customFields' && value && typeof value === 'object') Object.assign(fields, value);
    else fields[zuoraName(name)] = value;
  }
  if (fields.Id !== undefined) fields.ID = fields.Id;
  return fields;
}

/** Zuora's names of the record fields seen so far: every event builds them for a record or two. */
const zuoraNames = new Map<string, string>();
/** Field names come from the code and from custom field definitions: a few hundred at most, unless something is amiss. */
const ZUORA_NAMES_KEPT = 5000;

function zuoraName(name: string): string {
  let zuora = zuoraNames.get(name);
  if (zuora === undefined) {
    zuora = name.charAt(0).toUpperCase() + name.slice(1);
    if (zuoraNames.size >= ZUORA_NAMES_KEPT) zuoraNames.clear();
    zuoraNames.set(name, zuora);
  }
  return zuora;
}
