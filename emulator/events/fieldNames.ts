import type { StoredRecord } from '../state/document.js';

/**
 * A stored record as Zuora's object model names its fields: `balance` -> `Balance`,
 * `isLatestVersion` -> `IsLatestVersion`; custom fields keep their own names (`stiggCustomerId__c`).
 * Id fields also answer as `ID`, which legacy merge fields such as `<Account.ID>` use.
 */
export function zuoraFields(record: StoredRecord | null | undefined): Record<string, unknown> {
  if (!record) return {};
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if (name === 'customFields' && value && typeof value === 'object') Object.assign(fields, value);
    else fields[name.charAt(0).toUpperCase() + name.slice(1)] = value;
  }
  if (fields.Id !== undefined) fields.ID = fields.Id;
  return fields;
}
