import { extend } from '../state/paths.js';
import type { Transaction } from '../state/transaction.js';
import { checkCustomFields, type CustomFields } from './customFields.js';
import { missingField } from './errors.js';

export const CONTACTS = 'Contact';

export interface ContactInput {
  firstName?: string;
  lastName?: string;
  nickname?: string;
  workEmail?: string;
  personalEmail?: string;
  workPhone?: string;
  homePhone?: string;
  mobilePhone?: string;
  otherPhone?: string;
  otherPhoneType?: string;
  fax?: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  county?: string;
  country?: string;
  postalCode?: string;
  taxRegion?: string;
  /** Free text about the contact (Zuora's `contactDescription`). */
  description?: string;
  customFields?: CustomFields;
}

export type Contact = ContactInput & {
  id: string;
  accountId: string;
  customFields: CustomFields;
  createdDate: string;
  updatedDate: string;
};

/** Zuora requires a first and last name on every contact. */
export function createContact(tx: Transaction, accountId: string, input: ContactInput, field: string): Contact {
  if (!input.firstName) throw missingField('Contact', `${field}.first_name`);
  if (!input.lastName) throw missingField('Contact', `${field}.last_name`);
  const customFields = checkCustomFields(tx, 'Contact', input.customFields ?? {}, `${field}.custom_fields.`);
  const now = tx.now().toISOString();
  // `extend`, not a spread: see there why.
  return tx.insert<Contact>(CONTACTS, extend(input, { id: tx.newId(), accountId, customFields, createdDate: now, updatedDate: now }));
}

export function updateContact(tx: Transaction, id: string, patch: ContactInput, field: string): Contact {
  const current = tx.get<Contact>(CONTACTS, id);
  if (!current) throw new Error(`contact ${id} is missing`);
  const customFields = checkCustomFields(
    tx,
    'Contact',
    { ...current.customFields, ...(patch.customFields ?? {}) },
    `${field}.custom_fields.`,
  );
  return tx.update<Contact>(CONTACTS, id, { ...patch, customFields, updatedDate: tx.now().toISOString() });
}
