// `npm run screenshots`: small pictures of the inspector's main views (and of a scenario timeline,
// drawn with the same components) for the README, taken in headless Chromium (CHROMIUM_PATH, else
// /usr/bin/chromium) against the state the payment-failure scenario leaves.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { timelineHtml } from '../scenarios/runner/timeline.js';
import { startInspectorDemo } from '../test/helpers/inspectorDemo.js';

const OUT = fileURLToPath(new URL('../docs/inspector/', import.meta.url));
const TOKEN = 'screenshots-admin-token';
const VIEWS = [
  { file: 'account.jpg', path: (tenant: string) => `#/${tenant}/accounts/${encodeURIComponent('A00000001')}` },
  { file: 'subscription.jpg', path: (tenant: string) => `#/${tenant}/subscriptions/A-S00000001` },
  { file: 'callouts.jpg', path: (tenant: string) => `#/${tenant}/callouts` },
  { file: 'sync-engine.jpg', path: (tenant: string) => `#/${tenant}/sync` },
];

async function shoot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: `${OUT}${file}`, type: 'jpeg', quality: 60 });
  process.stdout.write(`wrote docs/inspector/${file}\n`);
}

const demo = await startInspectorDemo({ adminToken: TOKEN });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  await mkdir(OUT, { recursive: true });
  const tenant = demo.emulator.credentials.clientId;
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  await page.goto(`${demo.emulator.url}/__emulator/ui`);
  await page.fill('#token', TOKEN);
  await page.click('button[type=submit]');
  await page.waitForSelector('#view .card');
  for (const view of VIEWS) {
    await page.goto(`${demo.emulator.url}/__emulator/ui${view.path(tenant)}`);
    await page.waitForSelector('#view .card, #view .empty');
    await shoot(page, view.file);
  }
  const [result] = demo.run.results;
  if (result) {
    // The file as a user names it, not where this checkout happens to be.
    await page.setContent(timelineHtml({ ...result, file: path.relative(process.cwd(), result.file) }));
    await shoot(page, 'scenario-timeline.jpg');
  }
} finally {
  await browser.close();
  await demo.close();
}
