import type { TenantClient } from './emulator.js';

/**
 * Sets up, as a Zuora administrator would, a callout on every account rename: a trigger raising
 * `eventName`, a template posting `{AccountId, Name}` to `${receiverUrl}/renamed`, and the
 * notification joining them. `template` overrides or adds template fields (retry, auth, HMAC...).
 */
export async function renameCallout(zuora: TenantClient, receiverUrl: string, eventName: string, template: Record<string, unknown> = {}): Promise<void> {
  await zuora.post('/events/event-triggers', {
    baseObject: 'Account',
    condition: "changeType == 'UPDATE' && Account.Name != Account.Name_old",
    active: true,
    eventType: { name: eventName, displayName: `${eventName} (account renamed)` },
  });
  const created = await zuora.post('/notifications/callout-templates', {
    name: `${eventName} callout`,
    eventTypeName: eventName,
    calloutBaseurl: `${receiverUrl}/renamed`,
    httpMethod: 'POST',
    calloutParams: { AccountId: '<Account.ID>', Name: '{{DataSource.Account.Name}}' },
    active: true,
    ...template,
  });
  await zuora.post('/notifications/notification-definitions', {
    name: `${eventName} notification`,
    eventTypeName: eventName,
    active: true,
    calloutActive: true,
    calloutTemplateIds: [created.body.id],
  });
}
