import { randomUUID } from 'node:crypto';
import type { UsageReport } from '../model/types.js';
import { Field, Problems } from './input.js';
import { requireActiveCustomer, requireSubscription } from './lookups.js';
import type { ApiReply, ApiRequest } from './routeTable.js';

/**
 * `POST /api/usage` `{customerId, featureId, value}`: records usage of a metered feature at the
 * platform's now. It reaches Zuora with the next usage sync (hourly, or `POST /api/usage/sync`).
 */
export async function reportUsage({ engine: { ctx }, body }: ApiRequest): Promise<ApiReply> {
  const problems = new Problems();
  const root = Field.body(body, problems);
  root.object(['customerId', 'featureId', 'value']);
  const customerId = root.at('customerId').id();
  const featureField = root.at('featureId');
  const featureId = featureField.id();
  const feature = ctx.store.features().find((candidate) => candidate.id === featureId);
  if (featureId && !feature) featureField.fail(`names no feature of the catalog ('${featureId}')`);
  if (feature && !feature.metered) featureField.fail(`is not a metered feature ('${featureId}'); set its quantity as subscription units`);
  // A negative value corrects usage reported before.
  const value = root.at('value').number();
  problems.check();
  const at = (await ctx.time.now()).toISOString();
  requireActiveCustomer(ctx, customerId);
  const report: UsageReport = { id: `usage-${randomUUID()}`, customerId, featureId, value, at };
  await ctx.store.putUsage(report);
  return { status: 201, body: report };
}

/** `POST /api/usage/sync`: the hourly usage sync, now. */
export async function syncUsageNow({ engine }: ApiRequest): Promise<ApiReply> {
  return { body: await engine.usage.run() };
}

/** `POST /api/subscriptions/:id/usage/sync`: the usage sync of one subscription, now (seeds/000's per-subscription action). */
export async function syncSubscriptionUsageNow({ engine, params }: ApiRequest): Promise<ApiReply> {
  const subscription = requireSubscription(engine.ctx, params.id ?? '');
  return { body: await engine.usage.run(subscription.id) };
}

/**
 * `POST /api/clock/tick` `{now}`: the emulator announcing a step of the virtual clock (see
 * `followEmulatorClock`). Answers once the hourly work that time calls for is done.
 */
export async function clockTick({ engine, body }: ApiRequest): Promise<ApiReply> {
  const problems = new Problems();
  const root = Field.body(body, problems);
  root.object(['now', 'tenant']);
  const now = new Date(String(root.at('now').string()));
  if (Number.isNaN(now.getTime())) root.at('now').fail('is not a date-time');
  problems.check();
  // The emulator holds its clock at `now` until this answers.
  await engine.usage.tick(now, true);
  return { status: 204 };
}
