import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { chromiumAvailable, launchChromium, skipReason } from './helpers/chromium.js';
import { accountBody, tenantClient } from './helpers/emulator.js';
import { startInspectorDemo, type InspectorDemo } from './helpers/inspectorDemo.js';
import { Receiver } from './helpers/receiver.js';

// The inspector as a developer uses it, in headless Chromium: sign in with the admin token, look at
// the tenant the payment-failure scenario left behind, move its clock and watch the page follow.

const TOKEN = 'inspector-test-admin-token';

describe.skipIf(!chromiumAvailable())(`the inspector in headless Chromium${skipReason()}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('signing in', () => {
    let emulator: RunningEmulator;
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      emulator = await startEmulator({ inMemory: true, port: 0, adminToken: TOKEN });
      context = await browser.newContext();
      page = await context.newPage();
    });
    afterAll(async () => {
      await context?.close();
      await emulator?.close();
    });

    it('shows nothing but the sign-in without a session, and the data calls and the change feed answer 401', async () => {
      await page.goto(`${emulator.url}/__emulator/ui`);
      await page.waitForSelector('form#login');
      expect(await page.content()).not.toContain(emulator.credentials.clientId);
      const statuses = await page.evaluate(async () =>
        Promise.all(['/__emulator/tenants', '/__emulator/inspect/accounts', '/__emulator/changes', '/__emulator/callouts'].map(async (path) => (await fetch(path)).status)),
      );
      expect(statuses).toEqual([401, 401, 401, 401]);
    });

    it('shows the sign-in again with a message after a wrong token', async () => {
      await page.fill('#token', 'not-the-token');
      await page.click('button[type=submit]');
      await page.waitForSelector('.login .error');
      expect(await page.textContent('.login .error')).toContain('not the admin token');
      expect(await page.$('#view')).toBeNull();
    });

    it('signs in with the token into an HttpOnly, SameSite=Strict session; the token is in no URL', async () => {
      await page.fill('#token', TOKEN);
      await page.click('button[type=submit]');
      await page.waitForSelector('#view .card');
      const [cookie] = await context.cookies();
      expect(cookie).toMatchObject({ name: 'zuora_emulator_session', httpOnly: true, sameSite: 'Strict', path: '/__emulator' });
      expect(cookie?.value).not.toContain(TOKEN);
      expect(page.url()).not.toContain(TOKEN);
      expect(await page.evaluate(async () => (await fetch('/__emulator/inspect/accounts')).status)).toBe(200);
    });

    it('signs out, after which the data calls answer 401 again', async () => {
      await page.click('[data-action=sign-out]');
      await page.waitForSelector('form#login');
      expect(await page.evaluate(async () => (await fetch('/__emulator/inspect/accounts')).status)).toBe(401);
    });
  });

  describe('after the payment-failure scenario', () => {
    let demo: InspectorDemo;
    const receiver = new Receiver();
    let page: Page;
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      demo = await startInspectorDemo({ adminToken: TOKEN });
      expect(demo.run.failed).toBe(0);
      await receiver.start();
      page = await browser.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      await page.goto(`${demo.emulator.url}/__emulator/ui`);
      await page.fill('#token', TOKEN);
      await page.click('button[type=submit]');
      await page.waitForSelector('#view .card');
      // Set once: still there at the end means the page was never reloaded.
      await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
    });
    afterAll(async () => {
      await page?.close();
      await receiver.stop();
      await demo?.close();
    });

    it('picks the tenant and shows its account with the declined payment and the later payment', async () => {
      const tenant = demo.emulator.credentials.clientId;
      await page.selectOption('#tenant', tenant);
      await page.click('text=A00000001');
      await page.waitForSelector('text=Invoices and payments');
      const timeline = await page.textContent('ol.timeline');
      // Sign-up billed January at once (70.00, paid); February's renewal was declined, then paid in Zuora.
      expect(timeline).toMatch(/Invoice INV00000001 70\.00/);
      expect(timeline).toMatch(/Payment P-00000001 70\.00 Processed/);
      expect(timeline).toMatch(/Invoice INV00000002 70\.00/);
      expect(timeline).toMatch(/Payment P-00000002 70\.00 Error[\s\S]*card_declined Your card was declined\./);
      expect(timeline).toMatch(/Payment P-00000003 70\.00 Processed/);
    });

    it('advances to the next bill run and shows the new invoice without a reload', async () => {
      expect(await page.textContent('ol.timeline')).not.toContain('INV00000003');
      await page.click('[data-action=next-bill-run]');
      // The scenario left its subscription live: March's renewal (50 base + 2 seats x 10 = 70) is billed at 00:00 on 1 March.
      await page.waitForSelector('ol.timeline >> text=INV00000003');
      expect(await page.textContent('#now')).toBe('2026-03-01 00:00Z');
      expect(await page.textContent('#flash')).toMatch(/2 jobs ran \(billing\.billRun, billing\.paymentRun\)/);
      expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
    });

    it('follows changes made by anyone else, live', async () => {
      const zuora = await tenantClient(demo.emulator.url, demo.emulator.credentials.clientId, demo.emulator.credentials.clientSecret);
      await page.click('nav.tabs >> text=Accounts');
      await page.waitForSelector('text=Dunning Inc');
      const created = await zuora.post('/v2/accounts', accountBody({ name: 'Live Widgets' }));
      expect(created.status).toBe(201);
      await page.waitForSelector('#view >> text=Live Widgets');
    });

    it("opens a subscription's version chain with each version's order, rate plans and charges", async () => {
      // The scenario leaves its subscription live; cancelling it through the platform writes version 2.
      const customerId = String(demo.run.results[0]?.timeline[1]?.events[0]?.customerId);
      const listed = (await (await fetch(`${demo.engine.url}/api/customers/${encodeURIComponent(customerId)}/subscriptions`)).json()) as { data: Array<{ id: string }> };
      const cancel = await fetch(`${demo.engine.url}/api/subscriptions/${encodeURIComponent(String(listed.data[0]?.id))}/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ when: 'IMMEDIATE' }),
      });
      expect(cancel.status).toBeLessThan(300);
      await page.click('nav.tabs >> text=Subscriptions');
      await page.click('#view >> text=A-S00000001');
      await page.waitForSelector('text=Version 2');
      const latest = page.locator('.card.current');
      expect(await latest.textContent()).toMatch(/Version 2\s*isLatestVersion[\s\S]*CancelSubscription[\s\S]*O-00000002/);
      const first = page.locator('.card', { hasText: 'Version 1' });
      expect(await first.textContent()).toMatch(/CreateSubscription[\s\S]*O-00000001[\s\S]*INV00000001/);
      await first.locator('summary').click();
      await first.locator('text=Pro: Seats').waitFor();
    });

    it('redelivers a failed callout and shows the new attempt with its request id', async () => {
      const zuora = await tenantClient(demo.emulator.url, demo.emulator.credentials.clientId, demo.emulator.credentials.clientSecret);
      await zuora.post('/events/event-triggers', {
        baseObject: 'Account',
        condition: "changeType == 'UPDATE' && Account.Name != Account.Name_old",
        active: true,
        eventType: { name: 'AccountRenamed', displayName: 'Account renamed' },
      });
      const template = await zuora.post('/notifications/callout-templates', {
        name: 'Renamed',
        eventTypeName: 'AccountRenamed',
        calloutBaseurl: `${receiver.url}/renamed`,
        httpMethod: 'POST',
        calloutParams: { AccountId: '<Account.ID>' },
        calloutRetry: false,
        active: true,
      });
      expect(template.status).toBe(200);
      await zuora.post('/notifications/notification-definitions', { name: 'Renamed', eventTypeName: 'AccountRenamed', active: true, calloutActive: true, calloutTemplateIds: [template.body.id] });
      receiver.script = [500];
      const account = await zuora.get('/v1/accounts/A00000001');
      const renamed = await zuora.patch(`/v2/accounts/${account.body.basicInfo.id}`, { name: 'Dunning Renamed' });
      expect(renamed.status).toBe(200);
      await page.click('nav.tabs >> text=Callouts');
      const failed = page.locator('.card.failed', { hasText: 'AccountRenamed' });
      await failed.waitFor();
      expect(await failed.textContent()).toMatch(/failed[\s\S]*500/);

      await failed.locator('[data-action=redeliver]').click();
      await page.waitForSelector('#flash >> text=Redelivered');
      const requestId = await page.getAttribute('#flash .id', 'data-copy');
      expect(requestId).toMatch(/^[0-9a-f]{32}$/);
      const again = page.locator('.card', { hasText: 'AccountRenamed' }).first();
      await again.locator(`[data-copy="${requestId}"]`).waitFor();
      expect(await again.textContent()).toMatch(/delivered[\s\S]*200/);
      expect(receiver.at('/renamed')).toHaveLength(2);
      expect(receiver.at('/renamed')[1]?.headers['zuora-request-id']).toBe(requestId);
    });

    it('showed no console errors', () => {
      expect(consoleErrors).toEqual([]);
    });
  });
});
