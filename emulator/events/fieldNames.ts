import { keptAnswers } from '../keptAnswers.js';
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

/**
 * Zuora's name of a record field (`accountNumber` -> `AccountNumber`), kept: every event builds them
 * for a record or two. Field names come from the code and from custom field definitions: a few
 * hundred at most, unless something is amiss.
 */
const zuoraName = keptAnswers((name) => name.charAt(0).toUpperCase() + name.slice(1), 5000);
