import { connect, remove } from '../integration/index.js';
import { Field, Problems } from './input.js';
import type { ApiReply, ApiRequest } from './routeTable.js';

/**
 * `POST /api/integration/connect`: sets the engine's Zuora up to send its callouts to this engine.
 * Which Zuora is configuration (`--zuora-url`, `--client-id`, `--client-secret`), so the body is empty.
 * Safe to repeat. Answers what was created, updated and deleted in Zuora.
 */
export async function connectIntegration({ engine, body }: ApiRequest): Promise<ApiReply> {
  refuseBody(body);
  const report = await connect(engine.ctx, engine.webhookUrl, engine.callouts);
  return { body: { webhookUrl: engine.webhookUrl, ...report } };
}

/** `POST /api/integration/remove`: deletes the triggers, callout templates and notifications connect made. */
export async function removeIntegration({ engine, body }: ApiRequest): Promise<ApiReply> {
  refuseBody(body);
  return { body: await remove(engine.ctx) };
}

function refuseBody(body: unknown): void {
  const problems = new Problems();
  Field.body(body ?? {}, problems).object([]);
  problems.check();
}
