import { describe, expect, it } from 'vitest';
import { request, useTenant } from './helpers/emulator.js';
import { describeOfficial, expectOfficialRequest, expectOfficialResponse } from './helpers/officialSpec.js';

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });

const del = (path: string) => request(env.url + path, 'DELETE', undefined, { Authorization: `Bearer ${env.zuora.token}` });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '0badc0de-0000-4000-8000-000000000000';

/** The seven custom events the platform sets up when it connects (seeds/002). */
const SEED_TRIGGERS = [
  { name: 'StiggInvoicePaidEvent', baseObject: 'Invoice', condition: "changeType =~ ['UPDATE'] && Invoice.Balance == 0" },
  { name: 'StiggInvoicePostedEvent', baseObject: 'Invoice', condition: "changeType =~ ['INSERT','UPDATE'] && Invoice.Status == 'Posted' && Invoice.Balance > 0" },
  { name: 'StiggSubscriptionCancelledEvent', baseObject: 'Subscription', condition: "Subscription.Status == 'Cancelled'" },
  { name: 'StiggSubscriptionUpdatedEvent', baseObject: 'Subscription', condition: "changeType == 'INSERT' && Subscription.IsLatestVersion == true" },
  { name: 'StiggScheduledOrderCompletedEvent', baseObject: 'Order', condition: "Order.IsScheduled == true && Order.Status == 'Completed'" },
  { name: 'StiggCustomerCanceledEvent', baseObject: 'Account', condition: "changeType =~ ['UPDATE'] && Account.Status == 'Canceled'" },
  { name: 'StiggPaymentFailedEvent', baseObject: 'Payment', condition: "Payment.Status == 'Error'" },
];

function seedBody(seed: (typeof SEED_TRIGGERS)[number]) {
  return {
    baseObject: seed.baseObject,
    condition: seed.condition,
    active: true,
    description: `Raised for Stigg: ${seed.name}`,
    eventType: { name: seed.name, displayName: seed.name, description: `Stigg event ${seed.name}`, namespace: 'user.notification' },
  };
}

let named = 0;
/** A valid trigger body with an event type name no other test uses. */
function triggerBody(overrides: Record<string, unknown> = {}) {
  named += 1;
  return {
    baseObject: 'Invoice',
    condition: 'Invoice.Balance == 0',
    active: true,
    eventType: { name: `TestEvent${named}`, displayName: `Test event ${named}` },
    ...overrides,
  };
}

/** Every trigger of the tenant, however many pages. */
async function allTriggers(): Promise<Array<Record<string, unknown>>> {
  const all: Array<Record<string, unknown>> = [];
  let path: string | undefined = '/events/event-triggers?limit=50';
  while (path) {
    const page = await env.zuora.get(path);
    expect(page.status).toBe(200);
    all.push(...page.body.data);
    path = page.body.next;
  }
  return all;
}

describe('event triggers', () => {
  it('creates the seven triggers the platform sets up, and reads each back by id and by event name', async () => {
    for (const seed of SEED_TRIGGERS) {
      const created = await env.zuora.post('/events/event-triggers', seedBody(seed));
      expect(created.status).toBe(200);
      expect(created.body).toEqual({ id: expect.stringMatching(UUID), ...seedBody(seed) });

      const read = await env.zuora.get(`/events/event-triggers/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);

      const listed = await env.zuora.get(`/events/event-triggers?eventTypeName=${seed.name}`);
      expect(listed.body).toEqual({ data: [created.body] });
    }
    const invoices = await env.zuora.get('/events/event-triggers?baseObject=Invoice');
    expect(invoices.body.data.map((trigger: { eventType: { name: string } }) => trigger.eventType.name)).toEqual([
      'StiggInvoicePaidEvent',
      'StiggInvoicePostedEvent',
    ]);
  });

  it('updates what a PUT may change and keeps the rest', async () => {
    const { body: created } = await env.zuora.post('/events/event-triggers', triggerBody({ description: 'first' }));
    const updated = await env.zuora.put(`/events/event-triggers/${created.id}`, {
      active: false,
      condition: "changeType == 'UPDATE' && Invoice.Status == 'Posted' && Invoice.Status_old != 'Posted' && Invoice.Amount > 1000.0",
      description: 'second',
      eventType: { displayName: 'Renamed', description: 'now described' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({
      id: created.id,
      baseObject: 'Invoice',
      condition: "changeType == 'UPDATE' && Invoice.Status == 'Posted' && Invoice.Status_old != 'Posted' && Invoice.Amount > 1000.0",
      active: false,
      description: 'second',
      eventType: { name: created.eventType.name, displayName: 'Renamed', description: 'now described' },
    });
    expect((await env.zuora.get(`/events/event-triggers/${created.id}`)).body).toEqual(updated.body);

    // A client that reads a trigger and puts it back whole changes nothing.
    const roundTrip = await env.zuora.put(`/events/event-triggers/${created.id}`, updated.body);
    expect(roundTrip.status).toBe(200);
    expect(roundTrip.body).toEqual(updated.body);
  });

  it('refuses a PUT that renames the event, breaks the condition or reads another object, and keeps the trigger as it was', async () => {
    const { body: created } = await env.zuora.post('/events/event-triggers', triggerBody({ baseObject: 'Subscription', condition: "Subscription.Status == 'Active'" }));
    const cases: [unknown, RegExp][] = [
      [{ eventType: { name: 'SomethingElse' } }, /'eventType.name' identifies the event and cannot be changed/],
      [{ condition: "Subscription.Status == 'Active' &&" }, /not a valid expression/],
      [{ condition: 'Invoice.Balance == 0' }, /may only use changeType and fields of Subscription.*'Invoice'/],
      [{ active: 'no' }, /'active' must be of type boolean/],
    ];
    for (const [body, message] of cases) {
      const refused = await env.zuora.put(`/events/event-triggers/${created.id}`, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.reasons[0].message).toMatch(message);
    }
    expect((await env.zuora.get(`/events/event-triggers/${created.id}`)).body).toEqual(created);
  });

  it('deletes a trigger with 204 and no body; afterwards it is gone', async () => {
    const { body: created } = await env.zuora.post('/events/event-triggers', triggerBody());
    const deleted = await del(`/events/event-triggers/${created.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await env.zuora.get(`/events/event-triggers/${created.id}`)).status).toBe(404);
    expect((await allTriggers()).some((trigger) => trigger.id === created.id)).toBe(false);
    // The name is free again.
    expect((await env.zuora.post('/events/event-triggers', { ...triggerBody(), eventType: created.eventType })).status).toBe(200);
  });

  it('answers 404 with reasons for an id it does not know', async () => {
    for (const answer of [
      await env.zuora.get(`/events/event-triggers/${UNKNOWN_ID}`),
      await env.zuora.put(`/events/event-triggers/${UNKNOWN_ID}`, { active: false }),
      await del(`/events/event-triggers/${UNKNOWN_ID}`),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ reasons: [{ code: expect.stringMatching(/^\d{8}$/), message: expect.stringContaining(UNKNOWN_ID) }] });
    }
  });

  it('pages with start and limit (10 by default), filters, and links the next page', async () => {
    const names: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const body = triggerBody({ baseObject: 'default__paging', condition: `default__paging.Size__c > ${i}`, active: i % 3 !== 0 });
      names.push(body.eventType.name);
      expect((await env.zuora.post('/events/event-triggers', body)).status).toBe(200);
    }
    const nameOf = (trigger: { eventType: { name: string } }) => trigger.eventType.name;

    const first = await env.zuora.get('/events/event-triggers?baseObject=default__paging');
    expect(first.body.data.map(nameOf)).toEqual(names.slice(0, 10));
    expect(first.body.next).toBe('/events/event-triggers?baseObject=default__paging&start=10&limit=10');
    const second = await env.zuora.get(first.body.next);
    expect(second.body.data.map(nameOf)).toEqual(names.slice(10));
    expect(second.body).not.toHaveProperty('next');

    const pages: string[][] = [];
    let path: string | undefined = '/events/event-triggers?baseObject=default__paging&limit=5';
    while (path) {
      const page = await env.zuora.get(path);
      pages.push(page.body.data.map(nameOf));
      path = page.body.next;
    }
    expect(pages).toEqual([names.slice(0, 5), names.slice(5, 10), names.slice(10)]);

    // i = 0, 3, 6, 9 were created inactive.
    const inactive = await env.zuora.get('/events/event-triggers?baseObject=default__paging&active=false');
    expect(inactive.body.data.map(nameOf)).toEqual([0, 3, 6, 9].map((i) => names[i]));
    const skipped = await env.zuora.get('/events/event-triggers?baseObject=default__paging&active=true&start=6');
    expect(skipped.body.data.map(nameOf)).toEqual([10, 11].map((i) => names[i]));
  });

  it('refuses bad paging and filter values with 400', async () => {
    for (const query of ['limit=0', 'start=-1', 'start=abc', 'limit=2.5', 'active=maybe']) {
      const refused = await env.zuora.get(`/events/event-triggers?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.reasons[0].message).toMatch(/'(start|limit|active)' must be/);
    }
  });

  it('refuses bad triggers with 400 and reasons, and writes nothing', async () => {
    const existing = (await env.zuora.post('/events/event-triggers', triggerBody())).body;
    const before = await allTriggers();
    const { eventType } = triggerBody();
    const cases: [unknown, RegExp][] = [
      [{ condition: 'Invoice.Balance == 0', active: true, eventType }, /'baseObject' is required/],
      [{ baseObject: 'Invoice', active: true, eventType }, /'condition' is required/],
      [{ baseObject: 'Invoice', condition: 'Invoice.Balance == 0', eventType }, /'active' is required/],
      [{ baseObject: 'Invoice', condition: 'Invoice.Balance == 0', active: true }, /'eventType' is required/],
      [triggerBody({ eventType: { displayName: 'No name' } }), /'eventType.name' is required/],
      [triggerBody({ eventType: { name: 'NoDisplayName' } }), /'eventType.displayName' is required/],
      [triggerBody({ active: 'true' }), /'active' must be of type boolean/],
      [triggerBody({ condition: "Invoice.Balance == 0 && Invoice.Status = 'Posted'" }), /condition is not a valid expression: Invalid expression token: =/],
      [triggerBody({ condition: "(Invoice.Balance == 0 && Invoice.Status == 'Posted'" }), /parenthesis is never closed/],
      [triggerBody({ condition: '' }), /condition cannot be empty/],
      [triggerBody({ baseObject: 'Invoices' }), /'Invoices' is not an object event triggers can watch/],
      [triggerBody({ baseObject: 'invoice' }), /'invoice' is not an object event triggers can watch/],
      [triggerBody({ baseObject: 'Subscription', condition: "Subscription.Status == 'Active' && Invoice.Balance == 0" }), /may only use changeType and fields of Subscription.*names 'Invoice'/],
      [triggerBody({ eventType: existing.eventType }), new RegExp(`event type '${existing.eventType.name}' already exists`)],
    ];
    for (const [body, message] of cases) {
      const refused = await env.zuora.post('/events/event-triggers', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body).toEqual({ reasons: [{ code: expect.stringMatching(/^\d{8}$/), message: expect.stringMatching(message) }] });
    }
    const malformed = await env.zuora.post('/events/event-triggers', '{"baseObject": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.reasons[0].message).toMatch(/Malformed JSON/);
    expect(await allTriggers()).toEqual(before);
  });
});

describeOfficial("event triggers against Zuora's official spec", () => {
  it('sends requests and answers with the shapes of the V1 spec', async () => {
    const body = triggerBody({ description: 'checked against the spec', condition: "changeType == 'INSERT' && Invoice.Status == 'Posted'" });
    await expectOfficialRequest('v1', 'POST', '/events/event-triggers', body);
    const created = await env.zuora.post('/events/event-triggers', body);
    await expectOfficialResponse('v1', 'POST', '/events/event-triggers', 200, created.body);

    const read = await env.zuora.get(`/events/event-triggers/${created.body.id}`);
    await expectOfficialResponse('v1', 'GET', '/events/event-triggers/{id}', 200, read.body);

    const list = await env.zuora.get('/events/event-triggers?limit=1');
    expect(list.body.next).toBeDefined();
    await expectOfficialResponse('v1', 'GET', '/events/event-triggers', 200, list.body);

    const put = { active: false, condition: "Invoice.Status == 'Posted'", eventType: { displayName: 'Checked' } };
    await expectOfficialRequest('v1', 'PUT', '/events/event-triggers/{id}', put);
    const updated = await env.zuora.put(`/events/event-triggers/${created.body.id}`, put);
    await expectOfficialResponse('v1', 'PUT', '/events/event-triggers/{id}', 200, updated.body);

    const refused = await env.zuora.post('/events/event-triggers', triggerBody({ baseObject: 'Nothing' }));
    await expectOfficialResponse('v1', 'POST', '/events/event-triggers', 400, refused.body);
    const missing = await env.zuora.get(`/events/event-triggers/${UNKNOWN_ID}`);
    await expectOfficialResponse('v1', 'GET', '/events/event-triggers/{id}', 404, missing.body);
    await expectOfficialResponse('v1', 'PUT', '/events/event-triggers/{id}', 404, missing.body);
    await expectOfficialResponse('v1', 'DELETE', '/events/event-triggers/{id}', 404, (await del(`/events/event-triggers/${UNKNOWN_ID}`)).body);
  });
});

describe('the /v1 mount the seeds call', () => {
  it('answers event triggers, callout templates and notifications under /v1 too', async () => {
    const created = await env.zuora.post('/v1/events/event-triggers', {
      baseObject: 'Invoice',
      condition: "Invoice.Status == 'Posted'",
      active: true,
      eventType: { name: 'ViaV1', displayName: 'Via V1' },
    });
    expect(created.status).toBe(200);
    expect((await env.zuora.get(`/events/event-triggers/${created.body.id}`)).body.eventType.name).toBe('ViaV1');
    expect((await env.zuora.get('/v1/notifications/callout-templates')).status).toBe(200);
    expect((await env.zuora.get('/v1/notifications/notification-definitions')).status).toBe(200);
  });
});
