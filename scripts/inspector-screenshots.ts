// `npm run screenshots`: pictures of the inspector's main views for the README, taken in headless
// Chromium (CHROMIUM_PATH, else /usr/bin/chromium) against the payment-failure scenario's state.
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { startInspectorDemo } from '../test/helpers/inspectorDemo.js';

const OUT = new URL('../docs/inspector/', import.meta.url);
const VIEWS = [
  { file: 'accounts.png', hash: (tenant: string, accountId: string) => `#/${tenant}/accounts/${accountId}` },
  { file: 'subscription.png', hash: (tenant: string, _account: string, subscription: string) => `#/${tenant}/subscriptions/${subscription}` },
  { file: 'callouts.png', hash: (tenant: string) => `#/${tenant}/callouts` },
  { file: 'sync.png', hash: (tenant: string) => `#/${tenant}/sync` },
];

const TOKEN = 'screenshots-admin-token';
const demo = await startInspectorDemo({ adminToken: TOKEN });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  await mkdir(OUT, { recursive: true });
  const tenant = demo.emulator.credentials.clientId;
  const admin = demo.emulator.services.store.view(tenant);
  const account = admin.all<{ id: string }>('Account')[0];
  const subscription = admin.all<{ subscriptionNumber: string }>('Subscription')[0];
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${demo.emulator.url}/__emulator/ui`);
  await page.fill('#token', TOKEN);
  await page.click('button[type=submit]');
  await page.waitForSelector('#view .card');
  for (const view of VIEWS) {
    await page.goto(`${demo.emulator.url}/__emulator/ui${view.hash(tenant, account?.id ?? '', subscription?.subscriptionNumber ?? '')}`);
    await page.waitForSelector('#view .card, #view .empty');
    await page.screenshot({ path: new URL(view.file, OUT).pathname });
    process.stdout.write(`wrote docs/inspector/${view.file}\n`);
  }
} finally {
  await browser.close();
  await demo.close();
}
