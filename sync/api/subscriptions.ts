import { subscriptionView } from '../billingLinks.js';
import { cancelSubscription, migrateToLatest, provisionSubscription, updateSubscription } from '../outbound/index.js';
import { Field, Problems } from './input.js';
import { requireActiveCustomer, requireLiveSubscription, requireSubscription } from './lookups.js';
import type { ApiReply, ApiRequest } from './routeTable.js';
import { readProvision, readUpdate, SCHEDULE_STRATEGIES } from './subscriptionInput.js';

/**
 * `POST /api/subscriptions`: outbound writes the platform record and syncs it (or records why it is
 * not synced). Answers that record.
 */
export async function provision({ engine: { ctx }, body }: ApiRequest): Promise<ApiReply> {
  const request = readProvision(body, ctx.store.catalog());
  requireActiveCustomer(ctx, request.customerId);
  const subscription = await provisionSubscription(ctx, request);
  return { status: 201, body: subscriptionView(ctx, subscription) };
}

/** `GET /api/subscriptions`: every subscription with its sync state and latest invoice, oldest first. */
export function listSubscriptions({ engine: { ctx } }: ApiRequest): ApiReply {
  return { body: { data: ctx.store.subscriptions() } };
}

export function getSubscription({ engine: { ctx }, params }: ApiRequest): ApiReply {
  return { body: subscriptionView(ctx, requireSubscription(ctx, params.id ?? '')) };
}

/** `PATCH /api/subscriptions/:id`: now, or at the end of the billing period as a scheduled update. */
export async function update({ engine: { ctx }, params, body }: ApiRequest): Promise<ApiReply> {
  const current = requireLiveSubscription(ctx, params.id ?? '');
  const request = readUpdate(body, ctx.store.catalog(), current);
  const subscription = await updateSubscription(ctx, current.id, request);
  return { body: subscriptionView(ctx, subscription) };
}

/**
 * `POST /api/subscriptions/:id/cancel` with `{when?: IMMEDIATE | END_OF_BILLING_PERIOD,
 * writeOffOpenBalance?: boolean}` (IMMEDIATE when left out; with writeOffOpenBalance the order asks
 * Zuora to write the subscription's open invoice balances off).
 */
export async function cancel({ engine: { ctx }, params, body }: ApiRequest): Promise<ApiReply> {
  const current = requireLiveSubscription(ctx, params.id ?? '');
  const problems = new Problems();
  const root = Field.body(body ?? {}, problems);
  root.object(['when', 'writeOffOpenBalance']);
  const when = root.at('when').optional()?.oneOf(SCHEDULE_STRATEGIES) ?? 'IMMEDIATE';
  const writeOffOpenBalance = root.at('writeOffOpenBalance').optional()?.boolean() ?? false;
  problems.check();
  const subscription = await cancelSubscription(ctx, current.id, when, { writeOffOpenBalance });
  return { body: subscriptionView(ctx, subscription) };
}

/**
 * `POST /api/subscriptions/:id/migrate` with `{subscriptionMigrationTime?: IMMEDIATE |
 * END_OF_BILLING_PERIOD}` (IMMEDIATE when left out): "Migrate to latest" (seeds/002), the
 * subscription moved to the latest published version of its plan. 409 when it is on it already.
 */
export async function migrate({ engine: { ctx }, params, body }: ApiRequest): Promise<ApiReply> {
  const current = requireLiveSubscription(ctx, params.id ?? '');
  const problems = new Problems();
  const root = Field.body(body ?? {}, problems);
  root.object(['subscriptionMigrationTime']);
  const when = root.at('subscriptionMigrationTime').optional()?.oneOf(SCHEDULE_STRATEGIES) ?? 'IMMEDIATE';
  problems.check();
  return { body: subscriptionView(ctx, await migrateToLatest(ctx, current.id, when)) };
}
