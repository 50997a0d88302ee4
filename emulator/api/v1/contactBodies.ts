import type { ContactInput } from '../../domain/contacts.js';
import type { CustomFields } from '../../domain/customFields.js';

// The V1 contact body (POST/PUT /v1/contacts, and an account's billToContact and soldToContact),
// with the official schema's lengths, and its translation to the domain's contact fields.

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;

export const contactProperties = {
  firstName: text(100),
  lastName: text(100),
  nickname: text(100),
  workEmail: text(80),
  personalEmail: text(80),
  workPhone: text(40),
  homePhone: text(40),
  mobilePhone: text(100),
  otherPhone: text(40),
  otherPhoneType: { enum: ['Work', 'Mobile', 'Home', 'Other'] },
  fax: text(40),
  address1: text(255),
  address2: text(255),
  city: text(100),
  state: text(100),
  county: text(100),
  country: text(64),
  zipCode: text(20),
  taxRegion: text(100),
  contactDescription: text(100),
} as const;

/** An account's contact: first and last name required, as Zuora requires them. */
export const accountContactSchema = { type: 'object', required: ['firstName', 'lastName'], properties: contactProperties } as const;

type Body = Record<string, unknown>;

/** Custom fields sit beside the standard ones in V1 bodies, named `*__c`. */
export function customFieldsIn(body: Body): CustomFields | undefined {
  const entries = Object.entries(body).filter(([name]) => name.endsWith('__c'));
  return entries.length > 0 ? (Object.fromEntries(entries) as CustomFields) : undefined;
}

export function contactInput(body: Body): ContactInput {
  const input: Record<string, unknown> = {};
  for (const field of Object.keys(contactProperties)) {
    const value = body[field];
    if (value === undefined) continue;
    const name = field === 'zipCode' ? 'postalCode' : field === 'contactDescription' ? 'description' : field;
    input[name] = value;
  }
  const customFields = customFieldsIn(body);
  return { ...(input as ContactInput), ...(customFields ? { customFields } : {}) };
}
