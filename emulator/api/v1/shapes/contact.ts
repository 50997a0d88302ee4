import type { Account } from '../../../domain/accounts.js';
import type { Contact } from '../../../domain/contacts.js';
import type { ReadView } from '../../../state/transaction.js';
import { customFieldsOf } from './customFields.js';
import { orNull } from './nulls.js';

/**
 * A contact as the V1 account and subscription reads show it. Zuora's wire sends every contact
 * field, null when unset, and the owning account's id and number; `zipCode` holds the postal code.
 */
export function toV1Contact(view: ReadView, contact: Contact, account: Account): Record<string, unknown> {
  return {
    id: contact.id,
    accountId: account.id,
    accountNumber: account.accountNumber,
    firstName: contact.firstName ?? null,
    lastName: contact.lastName ?? null,
    nickname: orNull(contact.nickname),
    workEmail: orNull(contact.workEmail),
    personalEmail: orNull(contact.personalEmail),
    workPhone: orNull(contact.workPhone),
    homePhone: orNull(contact.homePhone),
    mobilePhone: orNull(contact.mobilePhone),
    otherPhone: orNull(contact.otherPhone),
    otherPhoneType: orNull(contact.otherPhoneType),
    fax: orNull(contact.fax),
    address1: orNull(contact.address1),
    address2: orNull(contact.address2),
    city: orNull(contact.city),
    state: orNull(contact.state),
    county: orNull(contact.county),
    country: orNull(contact.country),
    zipCode: orNull(contact.postalCode),
    taxRegion: orNull(contact.taxRegion),
    contactDescription: orNull(contact.description),
    asBillTo: contact.id === account.billToId,
    asSoldTo: contact.id === account.soldToId,
    asShipTo: false,
    ...customFieldsOf(view, 'Contact', contact.customFields),
  };
}

/** The subscription read adds `postalCode` beside `zipCode`, and whether the subscription names the contact itself. */
export function toV1SubscriptionContact(view: ReadView, contact: Contact, account: Account): Record<string, unknown> {
  return { ...toV1Contact(view, contact, account), postalCode: orNull(contact.postalCode), isSpecifiedInSubscription: false };
}
