import { connect, remove } from '../integration/index.js';
import type { IntegrationSettings } from '../model/types.js';
import { Field, Problems } from './input.js';
import type { ApiReply, ApiRequest } from './routeTable.js';

const SETTINGS = ['tenantUrl', 'syncCustomers', 'syncSubscriptions'] as const;

/** The settings a body changes, over the stored ones; every problem is reported before anything is kept. */
function readSettings(body: unknown, current: IntegrationSettings): IntegrationSettings {
  const problems = new Problems();
  const root = Field.body(body ?? {}, problems);
  root.object(SETTINGS);
  const tenantField = root.at('tenantUrl').optional();
  const tenantUrl = tenantField?.string();
  if (tenantField && tenantUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(tenantUrl)) tenantField.fail('must be an http(s) URL');
  const syncCustomers = root.at('syncCustomers').optional()?.boolean();
  const syncSubscriptions = root.at('syncSubscriptions').optional()?.boolean();
  problems.check();
  return {
    ...current,
    ...(tenantUrl !== undefined ? { tenantUrl: tenantUrl.replace(/\/+$/, '') } : {}),
    ...(syncCustomers !== undefined ? { syncCustomers } : {}),
    ...(syncSubscriptions !== undefined ? { syncSubscriptions } : {}),
  };
}

/**
 * `POST /api/integration/connect` `{tenantUrl?, syncCustomers?, syncSubscriptions?}`: sets the
 * engine's Zuora up to send its callouts to this engine, and keeps the settings given (seeds/000's
 * "Zuora tenant" URL for billing links; the two sync switches, both on by default). Which Zuora API
 * and client is configuration (`--zuora-url`, `--client-id`, `--client-secret`). Safe to repeat.
 * Answers what was created, updated and deleted in Zuora, and the settings.
 */
export async function connectIntegration({ engine, body }: ApiRequest): Promise<ApiReply> {
  const settings = readSettings(body, engine.ctx.store.integration());
  const report = await connect(engine.ctx, engine.webhookUrl, engine.callouts);
  await engine.ctx.store.putIntegration(settings);
  return { body: { webhookUrl: engine.webhookUrl, settings, ...report } };
}

/** `GET /api/integrations/zuora`: the integration's settings. */
export function getIntegration({ engine }: ApiRequest): ApiReply {
  return { body: engine.ctx.store.integration() };
}

/** `PATCH /api/integrations/zuora`: changes settings only; records already synced stay as they are. */
export async function updateIntegration({ engine, body }: ApiRequest): Promise<ApiReply> {
  const settings = readSettings(body, engine.ctx.store.integration());
  await engine.ctx.store.putIntegration(settings);
  return { body: settings };
}

/** `POST /api/integration/remove`: deletes the triggers, callout templates and notifications connect made. */
export async function removeIntegration({ engine, body }: ApiRequest): Promise<ApiReply> {
  const problems = new Problems();
  Field.body(body ?? {}, problems).object([]);
  problems.check();
  return { body: await remove(engine.ctx) };
}
