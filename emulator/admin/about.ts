import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Reply, RequestContext } from '../http/routeTable.js';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../packageInfo.js';

// What the emulator says about itself, without the admin token: readiness for health checks and
// wait strategies, and the admin API's own OpenAPI document for people and tools.

/** Readiness: answered once the server listens and the store is open. */
export function health(ctx: RequestContext): Reply {
  const { store, wallNow, startedAt } = ctx.services;
  const uptime = Math.max(0, Math.round((wallNow().getTime() - startedAt.getTime()) / 1000));
  // Stripe accounts are tenants too, counted apart: `tenants` stays the Zuora tenants.
  const stripeAccounts = store.tenantKeys().filter((key) => store.tenant(key)?.meta.stripe).length;
  return { body: { status: 'ok', version: PACKAGE_VERSION, tenants: store.tenantKeys().length - stripeAccounts, stripeAccounts, uptime } };
}

/** contracts/openapi/admin.yaml (built from the admin route table by `npm run contracts:build`), as JSON. */
const ADMIN_OPENAPI_FILE = path.join(PACKAGE_ROOT, 'contracts', 'openapi', 'admin.yaml');
let adminOpenApi: Promise<unknown> | undefined;

export async function openApi(): Promise<Reply> {
  // yaml is loaded here, on the first call, rather than when the emulator starts.
  adminOpenApi ??= Promise.all([readFile(ADMIN_OPENAPI_FILE, 'utf8'), import('yaml')]).then(([text, { parse }]) => parse(text) as unknown);
  return { body: await adminOpenApi };
}
