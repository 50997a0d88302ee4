import { beforeEach, describe, expect, it } from 'vitest';
import { calloutsFor } from '../emulator/events/notifications.js';
import { CALLOUT_TEMPLATES, NOTIFICATION_DEFINITIONS } from '../emulator/events/model.js';
import { request, useEmulator } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

const START = '2026-01-15T10:00:00.000Z';
const env = useEmulator({ now: START });

const TEMPLATES = '/notifications/callout-templates';
const DEFINITIONS = '/notifications/notification-definitions';
const HOOK = 'https://hooks.example.com/zuora/webhook';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeEach(async () => {
  await env.admin.post('/reset', { now: START });
});

const view = () => env.emulator.services.store.view(env.emulator.services.defaultTenant);
const stored = () => ({ templates: view().all(CALLOUT_TEMPLATES).length, definitions: view().all(NOTIFICATION_DEFINITIONS).length });
const del = (path: string) => request(env.url + path, 'DELETE', undefined, { Authorization: `Bearer ${env.zuora.token}` });

function template(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Invoice Paid Callout', eventTypeName: 'InvoicePaid', calloutBaseurl: HOOK, httpMethod: 'POST', ...overrides };
}

async function createTemplate(overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const created = await env.zuora.post(TEMPLATES, template(overrides));
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body;
}

async function createDefinition(body: Record<string, unknown>): Promise<Record<string, any>> {
  const created = await env.zuora.post(DEFINITIONS, body);
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body;
}

describe('callout templates', () => {
  it('creates a template with Zuora defaults, reads it back by id, updates part of it and deletes it', async () => {
    const created = await createTemplate({ calloutParams: { InvoiceId: '<Invoice.Id>' } });
    expect(created).toMatchObject({
      name: 'Invoice Paid Callout',
      eventTypeName: 'InvoicePaid',
      eventTypeNamespace: 'user.notification',
      calloutBaseurl: HOOK,
      httpMethod: 'POST',
      contentType: 'application/json',
      active: true,
      calloutRetry: true,
      requiredAuth: false,
      calloutAuth: null,
      calloutParams: { InvoiceId: '<Invoice.Id>' },
      calloutHeaders: {},
      createdOn: START,
      updatedOn: START,
    });
    expect(created.id).toMatch(UUID);
    expect(created.createdBy).toMatch(UUID);
    expect(created.eventCategory).toBeUndefined();

    expect((await env.zuora.get(`${TEMPLATES}/${created.id}`)).body).toEqual(created);
    // Clients that copy ids without hyphens find the same template.
    expect((await env.zuora.get(`${TEMPLATES}/${created.id.replace(/-/g, '')}`)).body.id).toBe(created.id);

    await env.admin.post('/clock/advance', { by: 'PT1H' });
    const updated = await env.zuora.put(`${TEMPLATES}/${created.id}`, { calloutBaseurl: 'https://hooks.example.com/v2', active: false });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Invoice Paid Callout', calloutBaseurl: 'https://hooks.example.com/v2', active: false, calloutParams: { InvoiceId: '<Invoice.Id>' } });
    expect(updated.body.createdOn).toBe(START);
    expect(updated.body.updatedOn).toBe('2026-01-15T11:00:00.000Z');

    const deleted = await del(`${TEMPLATES}/${created.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    const gone = await env.zuora.get(`${TEMPLATES}/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ reasons: [{ code: expect.any(String), message: expect.stringContaining(created.id) }] });
  });

  it('creates a template for a standard event by category, without a namespace', async () => {
    const created = await createTemplate({ eventTypeName: undefined, eventCategory: 1210, name: 'Subscription Created Callout' });
    expect(created.eventCategory).toBe(1210);
    expect(created.eventTypeName).toBeUndefined();
    expect(created.eventTypeNamespace).toBeUndefined();
  });

  it('keeps basic-auth credentials but never answers the password', async () => {
    const created = await createTemplate({ requiredAuth: true, calloutAuth: { username: 'zuora', password: 's3cret', preemptive: true } });
    expect(created.requiredAuth).toBe(true);
    expect(created.calloutAuth).toEqual({ username: 'zuora', preemptive: true });
    const answers = [created, (await env.zuora.get(`${TEMPLATES}/${created.id}`)).body, (await env.zuora.get(TEMPLATES)).body];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain('s3cret');

    // A client echoing what it read sends no password: the stored one stays.
    const renamed = await env.zuora.put(`${TEMPLATES}/${created.id}`, { calloutAuth: { username: 'platform' } });
    expect(renamed.body.calloutAuth).toEqual({ username: 'platform', preemptive: true });
    expect(view().get(CALLOUT_TEMPLATES, created.id)?.calloutAuth).toEqual({ username: 'platform', password: 's3cret', preemptive: true });
  });

  it('stores OAuth 2.0, HMAC and custom body settings; None means no HMAC', async () => {
    const created = await createTemplate({
      requiredOauth2: true,
      oauth2ProviderId: 'provider-1',
      useCustomRequestBody: true,
      customRequestBody: '{"invoice":"<Invoice.Id>"}',
      calloutHeaders: { 'X-Source': 'zuora' },
      hmacAlgorithm: 'SHA-256',
      hmacKey: 'X-Signature',
      hmacSecret: 'shh',
      hmacData: '<Invoice.Id>',
      hmacOutputFormat: 'HEX',
      description: 'Tells the platform',
    });
    expect(created).toMatchObject({
      requiredOauth2: true,
      oauth2ProviderId: 'provider-1',
      useCustomRequestBody: true,
      customRequestBody: '{"invoice":"<Invoice.Id>"}',
      calloutHeaders: { 'X-Source': 'zuora' },
      hmacAlgorithm: 'SHA-256',
      hmacOutputFormat: 'HEX',
      description: 'Tells the platform',
    });
    const cleared = await env.zuora.put(`${TEMPLATES}/${created.id}`, { hmacAlgorithm: 'None', hmacOutputFormat: 'None' });
    expect(cleared.body).toMatchObject({ hmacAlgorithm: null, hmacOutputFormat: null, hmacKey: 'X-Signature' });
  });

  it('accepts merge fields and local receivers in the URL', async () => {
    const created = await createTemplate({ calloutBaseurl: 'http://127.0.0.1:4000/hooks/{{DataSource.Account.Id}}?invoice=<Invoice.Id>' });
    expect(created.calloutBaseurl).toBe('http://127.0.0.1:4000/hooks/{{DataSource.Account.Id}}?invoice=<Invoice.Id>');
  });

  it('lets a PUT repeat the event but not change it', async () => {
    const created = await createTemplate();
    expect((await env.zuora.put(`${TEMPLATES}/${created.id}`, { eventTypeName: 'InvoicePaid', active: false })).status).toBe(200);
    const changed = await env.zuora.put(`${TEMPLATES}/${created.id}`, { eventTypeName: 'InvoicePosted' });
    expect(changed.status).toBe(400);
    expect(view().get(CALLOUT_TEMPLATES, created.id)?.eventTypeName).toBe('InvoicePaid');
  });

  it.each([
    ['no name', { name: undefined }],
    ['no URL', { calloutBaseurl: undefined }],
    ['no HTTP method', { httpMethod: undefined }],
    ['no event', { eventTypeName: undefined }],
    ['both eventTypeName and eventCategory', { eventCategory: 1110 }],
    ['a relative URL', { calloutBaseurl: '/webhooks/zuora' }],
    ['a URL that is not http', { calloutBaseurl: 'ftp://files.example.com/in' }],
    ['an unknown HTTP method', { httpMethod: 'HEAD' }],
    ['an unknown HMAC algorithm', { hmacAlgorithm: 'SHA-3' }],
    ['basic auth without credentials', { requiredAuth: true }],
    ['credentials without a password', { requiredAuth: true, calloutAuth: { username: 'zuora' } }],
    ['a custom body flag without a body', { useCustomRequestBody: true }],
    ['a field Zuora does not have', { calloutId: 'x' }],
    ['a non-string parameter', { calloutParams: { InvoiceId: 42 } }],
  ])('refuses a template with %s and writes nothing', async (_, overrides) => {
    const before = stored();
    const refused = await env.zuora.post(TEMPLATES, template(overrides));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ reasons: [{ code: expect.stringMatching(/^\d{8}$/), message: expect.any(String) }] });
    expect(stored()).toEqual(before);
  });

  it('refuses a second template of the same name', async () => {
    await createTemplate();
    const twin = await env.zuora.post(TEMPLATES, template());
    expect(twin.status).toBe(400);
    expect(twin.body.reasons[0].message).toContain('Invoice Paid Callout');
    expect(stored().templates).toBe(1);
  });

  it('answers 404 for an unknown template on every verb', async () => {
    const missing = `${TEMPLATES}/00000000-0000-0000-0000-000000000000`;
    for (const answer of [await env.zuora.get(missing), await env.zuora.put(missing, { active: false }), await del(missing)]) {
      expect(answer.status).toBe(404);
      expect(answer.body.reasons).toHaveLength(1);
    }
  });

  it('pages with start and limit and filters by event and name', async () => {
    for (let n = 1; n <= 25; n += 1) await createTemplate({ name: `Paid ${n}` });
    await createTemplate({ name: 'Posted 1', eventTypeName: 'InvoicePosted' });

    const first = await env.zuora.get(`${TEMPLATES}?eventTypeName=InvoicePaid`);
    expect(first.body.data).toHaveLength(20); // default limit
    expect(first.body.data[0].name).toBe('Paid 1');
    expect(first.body.next).toBe(`${TEMPLATES}?start=21&limit=20&eventTypeName=InvoicePaid`);
    const second = await env.zuora.get(first.body.next);
    expect(second.body.data.map((item: { name: string }) => item.name)).toEqual(['Paid 21', 'Paid 22', 'Paid 23', 'Paid 24', 'Paid 25']);
    expect(second.body.next).toBeUndefined();

    expect((await env.zuora.get(`${TEMPLATES}?start=3&limit=2`)).body.data.map((item: { name: string }) => item.name)).toEqual(['Paid 3', 'Paid 4']);
    expect((await env.zuora.get(`${TEMPLATES}?name=Posted%201`)).body.data).toHaveLength(1);
    expect((await env.zuora.get(`${TEMPLATES}?eventCategory=1110`)).body.data).toEqual([]);
    expect((await env.zuora.get(`${TEMPLATES}?limit=101`)).status).toBe(400);
    expect((await env.zuora.get(`${TEMPLATES}?start=0`)).status).toBe(400);
  });
});

describe('notification definitions', () => {
  it('links templates, reads back, switches to an inline callout on update and deletes', async () => {
    const paid = await createTemplate();
    const created = await createDefinition({ name: 'Invoice Paid Notification', eventTypeName: 'InvoicePaid', calloutActive: true, calloutTemplateIds: [paid.id] });
    expect(created).toMatchObject({
      name: 'Invoice Paid Notification',
      eventTypeName: 'InvoicePaid',
      eventTypeNamespace: 'user.notification',
      active: true,
      calloutActive: true,
      emailActive: false,
      calloutTemplateIds: [paid.id],
      createdOn: START,
    });
    expect(created.id).toMatch(UUID);
    expect(created.eventId).toMatch(UUID);
    expect(created.callout).toBeUndefined();
    expect((await env.zuora.get(`${DEFINITIONS}/${created.id}`)).body).toEqual(created);

    const inline = await env.zuora.put(`${DEFINITIONS}/${created.id}`, {
      callout: { name: 'Inline', calloutBaseurl: HOOK, httpMethod: 'PUT', calloutParams: { InvoiceId: '<Invoice.Id>' } },
    });
    expect(inline.status).toBe(200);
    expect(inline.body.calloutTemplateIds).toEqual([]);
    expect(inline.body.callout).toMatchObject({ name: 'Inline', httpMethod: 'PUT', active: true, calloutRetry: true, eventTypeName: 'InvoicePaid' });
    expect(inline.body.callout.id).toMatch(UUID);

    // A partial change keeps the inline callout's identity and the rest of its settings.
    const retuned = await env.zuora.put(`${DEFINITIONS}/${created.id}`, { callout: { calloutRetry: false }, name: 'Renamed' });
    expect(retuned.body.name).toBe('Renamed');
    expect(retuned.body.callout).toMatchObject({ id: inline.body.callout.id, name: 'Inline', calloutRetry: false });

    expect((await del(`${DEFINITIONS}/${created.id}`)).status).toBe(204);
    expect((await env.zuora.get(`${DEFINITIONS}/${created.id}`)).status).toBe(404);
    // The template outlives the notification.
    expect((await env.zuora.get(`${TEMPLATES}/${paid.id}`)).status).toBe(200);
  });

  it('creates a notification with an inline basic-auth callout and a filter rule', async () => {
    const created = await createDefinition({
      name: 'Big invoices',
      eventCategory: 1110,
      calloutActive: true,
      callout: { name: 'Big', calloutBaseurl: HOOK, httpMethod: 'POST', requiredAuth: true, calloutAuth: { username: 'zuora', password: 'pw' } },
      filterRule: { condition: 'Invoice.Amount > _MIN', parameters: { _MIN: { displayName: 'Minimum', valueType: 'BIG_DECIMAL' } } },
      filterRuleParams: { _MIN: '1000' },
    });
    expect(created.eventCategory).toBe(1110);
    expect(created.callout).toMatchObject({ requiredAuth: true, calloutAuth: { username: 'zuora', preemptive: false } });
    expect(JSON.stringify(created)).not.toContain('"pw"');
    expect(created.filterRule).toMatchObject({ condition: 'Invoice.Amount > _MIN', parameters: { _MIN: { valueType: 'BIG_DECIMAL' } } });
    expect(created.filterRule.id).toMatch(UUID);
    expect(created.filterRuleParams).toEqual({ _MIN: '1000' });
  });

  it('unlinks a deleted template from the notifications that used it', async () => {
    const one = await createTemplate({ name: 'One' });
    const two = await createTemplate({ name: 'Two' });
    const definition = await createDefinition({ name: 'N', eventTypeName: 'InvoicePaid', calloutActive: true, calloutTemplateIds: [one.id, two.id] });
    await del(`${TEMPLATES}/${one.id}`);
    expect((await env.zuora.get(`${DEFINITIONS}/${definition.id}`)).body.calloutTemplateIds).toEqual([two.id]);
  });

  it('filters by event and pages like the templates', async () => {
    for (let n = 1; n <= 3; n += 1) await createDefinition({ name: `Paid ${n}`, eventTypeName: 'InvoicePaid' });
    await createDefinition({ name: 'Created', eventCategory: 1210, communicationProfileId: 'profile-1' });
    const paid = await env.zuora.get(`${DEFINITIONS}?eventTypeName=InvoicePaid&limit=2`);
    expect(paid.body.data.map((item: { name: string }) => item.name)).toEqual(['Paid 1', 'Paid 2']);
    expect(paid.body.next).toBe(`${DEFINITIONS}?start=3&limit=2&eventTypeName=InvoicePaid`);
    expect((await env.zuora.get(`${DEFINITIONS}?eventCategory=1210`)).body.data.map((item: { name: string }) => item.name)).toEqual(['Created']);
    expect((await env.zuora.get(`${DEFINITIONS}?profileId=profile-1`)).body.data).toHaveLength(1);
    expect((await env.zuora.get(DEFINITIONS)).body.next).toBeUndefined();
  });

  it.each([
    ['no name', { name: undefined }],
    ['no event', { eventTypeName: undefined }],
    ['both eventTypeName and eventCategory', { eventCategory: 1110 }],
    ['an unknown template id', { calloutTemplateIds: ['11111111-2222-3333-4444-555555555555'] }],
    ['a template of another event', { calloutTemplateIds: ['OTHER'] }],
    ['templates and an inline callout', { callout: { name: 'C', calloutBaseurl: HOOK, httpMethod: 'POST' } }],
    ['an inline callout without a URL', { calloutTemplateIds: undefined, callout: { name: 'C', httpMethod: 'POST' } }],
    ['an inline callout with a bad URL', { calloutTemplateIds: undefined, callout: { name: 'C', calloutBaseurl: 'not a url', httpMethod: 'POST' } }],
    ['an inline callout with a bad method', { calloutTemplateIds: undefined, callout: { name: 'C', calloutBaseurl: HOOK, httpMethod: 'FETCH' } }],
    ['email on without a template', { emailActive: true }],
    ['a filter rule without parameters', { filterRule: { condition: 'Invoice.Amount > 0' } }],
  ])('refuses a notification with %s and writes nothing', async (_, overrides) => {
    const paid = await createTemplate();
    const other = await createTemplate({ name: 'Other', eventTypeName: 'InvoicePosted' });
    const body: Record<string, unknown> = { name: 'N', eventTypeName: 'InvoicePaid', calloutActive: true, calloutTemplateIds: [paid.id], ...overrides };
    if (Array.isArray(body.calloutTemplateIds)) body.calloutTemplateIds = body.calloutTemplateIds.map((id) => (id === 'OTHER' ? other.id : id));
    const before = stored();
    const refused = await env.zuora.post(DEFINITIONS, body);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ reasons: [{ code: expect.stringMatching(/^\d{8}$/), message: expect.any(String) }] });
    expect(stored()).toEqual(before);
  });

  it('answers 404 for an unknown notification on every verb', async () => {
    const missing = `${DEFINITIONS}/00000000-0000-0000-0000-000000000000`;
    for (const answer of [await env.zuora.get(missing), await env.zuora.put(missing, { active: false }), await del(missing)]) {
      expect(answer.status).toBe(404);
      expect(answer.body.reasons).toHaveLength(1);
    }
  });
});

describe('calloutsFor (what the dispatcher delivers)', () => {
  it('yields every active template of every active notification with callouts on, and nothing else', async () => {
    const on = await createTemplate({ name: 'On', calloutParams: { InvoiceId: '<Invoice.Id>' } });
    const off = await createTemplate({ name: 'Off', active: false });
    const also = await createTemplate({ name: 'Also', requiredAuth: true, calloutAuth: { username: 'u', password: 'p' } });
    const live = await createDefinition({ name: 'Live', eventTypeName: 'InvoicePaid', calloutActive: true, calloutTemplateIds: [on.id, off.id, also.id] });
    await createDefinition({ name: 'Inactive', eventTypeName: 'InvoicePaid', active: false, calloutActive: true, calloutTemplateIds: [on.id] });
    await createDefinition({ name: 'Email only', eventTypeName: 'InvoicePaid', calloutTemplateIds: [on.id] }); // calloutActive defaults to false
    const inline = await createDefinition({
      name: 'Inline',
      eventTypeName: 'InvoicePaid',
      calloutActive: true,
      callout: { name: 'Inline callout', calloutBaseurl: HOOK, httpMethod: 'GET', calloutRetry: false },
    });

    const callouts = calloutsFor(view(), { eventTypeName: 'InvoicePaid' });
    expect(callouts.map(({ notificationId, spec }) => [notificationId, spec.name])).toEqual([
      [live.id, 'On'],
      [live.id, 'Also'],
      [inline.id, 'Inline callout'],
    ]);
    expect(callouts[0]?.spec).toMatchObject({ calloutBaseurl: HOOK, httpMethod: 'POST', calloutParams: { InvoiceId: '<Invoice.Id>' }, calloutRetry: true, requiredAuth: false });
    // The dispatcher needs the password the API never shows.
    expect(callouts[1]?.spec.calloutAuth).toEqual({ username: 'u', password: 'p', preemptive: false });
    expect(callouts[2]?.spec).toMatchObject({ httpMethod: 'GET', calloutRetry: false });
    expect(calloutsFor(view(), { eventTypeName: 'InvoicePosted' })).toEqual([]);

    await env.zuora.put(`${DEFINITIONS}/${live.id}`, { calloutActive: false });
    expect(calloutsFor(view(), { eventTypeName: 'InvoicePaid' }).map(({ spec }) => spec.name)).toEqual(['Inline callout']);
  });

  it('lets a parent category hear its children, not the other way round', async () => {
    const hook = (name: string) => ({ name, calloutBaseurl: HOOK, httpMethod: 'POST' });
    const parent = await createDefinition({ name: 'Any subscription change', eventCategory: 1200, calloutActive: true, callout: hook('Parent') });
    const child = await createDefinition({ name: 'Subscription created', eventCategory: 1210, calloutActive: true, callout: hook('Child') });
    await createDefinition({ name: 'Invoices', eventCategory: 1100, calloutActive: true, callout: hook('Invoices') });

    const ids = (eventCategory: number) => calloutsFor(view(), { eventCategory }).map(({ notificationId }) => notificationId);
    expect(ids(1210)).toEqual([parent.id, child.id]);
    expect(ids(1200)).toEqual([parent.id]);
    expect(ids(1300)).toEqual([]);
    expect(calloutsFor(view(), { eventCategory: 1110 }).map(({ spec }) => spec.name)).toEqual(['Invoices']);
  });

  it("fills the filter rule's parameters in its condition", async () => {
    await createDefinition({
      name: 'VIP',
      eventTypeName: 'AccountEdit',
      calloutActive: true,
      callout: { name: 'VIP callout', calloutBaseurl: HOOK, httpMethod: 'POST' },
      filterRule: {
        condition: "Account.Balance >= _AMOUNT && Account.Status == _STATUS && Account.Name != '_STATUS'",
        parameters: { _AMOUNT: { valueType: 'BIG_DECIMAL' }, _STATUS: { valueType: 'STRING' } },
      },
      filterRuleParams: { _AMOUNT: '1000.5', _STATUS: "Active's" },
    });
    expect(calloutsFor(view(), { eventTypeName: 'AccountEdit' })[0]?.filterRule).toBe(
      "Account.Balance >= 1000.5 && Account.Status == 'Active\\'s' && Account.Name != '_STATUS'",
    );
  });
});

/** The seven events the platform registers on connect (seeds/002), with the fields it reads from each. */
const STIGG_CALLOUTS = [
  { event: 'StiggInvoicePaidEvent', label: 'Invoice Paid', params: { InvoiceId: '<Invoice.Id>', AccountId: '{{DataSource.Account.Id}}' } },
  { event: 'StiggInvoicePostedEvent', label: 'Invoice Posted', params: { InvoiceId: '<Invoice.Id>', AccountId: '{{DataSource.Account.Id}}' } },
  {
    event: 'StiggSubscriptionCancelledEvent',
    label: 'Subscription Cancelled',
    params: { SubscriptionId: '<Subscription.Id>', SubscriptionStatus: '<Subscription.Status>', SubscriptionCancelledDate: '<Subscription.CancelledDate>' },
  },
  { event: 'StiggSubscriptionUpdatedEvent', label: 'Subscription Updated', params: { SubscriptionId: '<Subscription.Id>', SubscriptionOriginalId: '<Subscription.OriginalId>' } },
  { event: 'StiggScheduledOrderCompletedEvent', label: 'Order Scheduled', params: { OrderId: '<Order.Id>', OrderStatus: '<Order.Status>' } },
  { event: 'StiggCustomerCanceledEvent', label: 'Customer Canceled', params: { AccountId: '<Account.Id>', AccountStatus: '<Account.Status>' } },
  { event: 'StiggPaymentFailedEvent', label: 'Payment Failed', params: { PaymentInvoiceId: '<Payment.PaymentParts>', EntityID: '{{DataSource.Entity.ID}}' } },
] as const;

describe('the platform connecting', () => {
  it('creates the seven callouts and notifications, lists them, and removes them callouts first', async () => {
    const webhook = 'https://api.example.com/v1/webhooks/zuora/tenant-1';
    for (const { event, label, params } of STIGG_CALLOUTS) {
      const callout = await createTemplate({ name: `Stigg ${label} Callout`, eventTypeName: event, calloutBaseurl: webhook, calloutParams: params, calloutRetry: true });
      await createDefinition({ name: `Stigg ${label} Notification`, eventTypeName: event, active: true, calloutActive: true, calloutTemplateIds: [callout.id] });
    }
    const callouts = (await env.zuora.get(TEMPLATES)).body.data as Array<Record<string, any>>;
    const notifications = (await env.zuora.get(DEFINITIONS)).body.data as Array<Record<string, any>>;
    expect(callouts.map((callout) => callout.name)).toContain('Stigg Invoice Paid Callout');
    expect(notifications.map((notification) => notification.name)).toContain('Stigg Order Scheduled Notification');
    expect(callouts).toHaveLength(7);
    expect(notifications).toHaveLength(7);

    const paid = calloutsFor(view(), { eventTypeName: 'StiggInvoicePaidEvent' });
    expect(paid).toHaveLength(1);
    expect(paid[0]?.spec).toMatchObject({ name: 'Stigg Invoice Paid Callout', calloutBaseurl: webhook, httpMethod: 'POST', calloutParams: { InvoiceId: '<Invoice.Id>', AccountId: '{{DataSource.Account.Id}}' } });

    for (const callout of callouts) expect((await del(`${TEMPLATES}/${callout.id}`)).status).toBe(204);
    expect(calloutsFor(view(), { eventTypeName: 'StiggInvoicePaidEvent' })).toEqual([]);
    for (const notification of notifications) expect((await del(`${DEFINITIONS}/${notification.id}`)).status).toBe(204);
    expect(stored()).toEqual({ templates: 0, definitions: 0 });
  });
});

describeOfficial("notification bodies match Zuora's official spec", () => {
  it('callout templates', async () => {
    const created = await createTemplate({ requiredAuth: true, calloutAuth: { username: 'zuora', password: 'pw', domain: 'corp' }, hmacAlgorithm: 'SHA-256' });
    await expectOfficialResponse('v1', 'POST', TEMPLATES, 200, created);
    await expectOfficialResponse('v1', 'GET', `${TEMPLATES}/{id}`, 200, (await env.zuora.get(`${TEMPLATES}/${created.id}`)).body);
    await expectOfficialResponse('v1', 'PUT', `${TEMPLATES}/{id}`, 200, (await env.zuora.put(`${TEMPLATES}/${created.id}`, { active: false })).body);
    await expectOfficialResponse('v1', 'GET', TEMPLATES, 200, (await env.zuora.get(TEMPLATES)).body);
    await expectOfficialResponse('v1', 'POST', TEMPLATES, 400, (await env.zuora.post(TEMPLATES, {})).body);
    await expectOfficialResponse('v1', 'GET', `${TEMPLATES}/{id}`, 404, (await env.zuora.get(`${TEMPLATES}/nope`)).body);
    await expectOfficialResponse('v1', 'DELETE', `${TEMPLATES}/{id}`, 204, (await del(`${TEMPLATES}/${created.id}`)).body);
  });

  it('notification definitions', async () => {
    const paid = await createTemplate();
    const linked = await createDefinition({ name: 'Linked', eventTypeName: 'InvoicePaid', calloutActive: true, calloutTemplateIds: [paid.id] });
    await expectOfficialResponse('v1', 'POST', DEFINITIONS, 200, linked);
    const inline = await createDefinition({
      name: 'Inline',
      eventTypeName: 'InvoicePaid',
      calloutActive: true,
      callout: { name: 'Inline', calloutBaseurl: HOOK, httpMethod: 'POST', requiredAuth: true, calloutAuth: { username: 'u', password: 'p' } },
      filterRule: { condition: 'Invoice.Amount > _MIN', parameters: { _MIN: { displayName: 'Minimum', valueType: 'BIG_DECIMAL', options: [] } } },
      filterRuleParams: { _MIN: '10' },
    });
    await expectOfficialResponse('v1', 'POST', DEFINITIONS, 200, inline);
    await expectOfficialResponse('v1', 'GET', `${DEFINITIONS}/{id}`, 200, (await env.zuora.get(`${DEFINITIONS}/${inline.id}`)).body);
    await expectOfficialResponse('v1', 'PUT', `${DEFINITIONS}/{id}`, 200, (await env.zuora.put(`${DEFINITIONS}/${linked.id}`, { active: false })).body);
    await expectOfficialResponse('v1', 'GET', DEFINITIONS, 200, (await env.zuora.get(DEFINITIONS)).body);
    await expectOfficialResponse('v1', 'POST', DEFINITIONS, 400, (await env.zuora.post(DEFINITIONS, { eventTypeName: 'InvoicePaid' })).body);
    await expectOfficialResponse('v1', 'DELETE', `${DEFINITIONS}/{id}`, 204, (await del(`${DEFINITIONS}/${linked.id}`)).body);
  });
});
