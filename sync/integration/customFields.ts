import type { SyncContext } from '../context.js';

/**
 * The custom fields seeds/000 asks for ("Setting up the integration"): text, 255 long, label and
 * API name alike. Zuora adds the `__c` suffix itself.
 */
const CUSTOM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Product: ['stiggEntityUrl'],
  Account: ['stiggEntityUrl', 'stiggCustomerId'],
  Subscription: ['stiggEntityUrl', 'stiggCustomerId', 'stiggResourceId'],
  Order: ['stiggEntityUrl', 'stiggCustomerId', 'stiggResourceId'],
};

const MAX_LENGTH = 255;

/** A PUT adds or redefines the named fields and leaves the object's other fields alone, so repeating it is harmless. */
export async function defineCustomFields(ctx: SyncContext): Promise<void> {
  for (const [objectType, names] of Object.entries(CUSTOM_FIELDS)) {
    const properties = Object.fromEntries(names.map((name) => [name, { type: 'string', maxLength: MAX_LENGTH, label: name }]));
    await ctx.zuora.putCustomFieldDefinition(objectType, { properties });
  }
}
