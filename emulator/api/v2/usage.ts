import type { AnySchema } from 'ajv';
import type { CustomFields } from '../../domain/customFields.js';
import { USAGE, type UsageRecord } from '../../domain/usage/model.js';
import { createUsage, getUsage, updateUsage, type UsageInput, type UsagePatch } from '../../domain/usage/usage.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { compact } from '../shape.js';
import { paginate } from './pagination.js';
import { customFields, str } from './schemaParts.js';
import { quickstartObject } from './shape.js';

// /v2/usage_records, shaped as the Quickstart `usage` schema. The body schemas live here rather than
// in schemas.ts because no other endpoint shares them.

type Body = Record<string, unknown>;

const dateTime = { type: 'string', format: 'date-time' } as const;

/** What a patch may change; a create gives them too. */
const patchProperties = {
  start_time: dateTime,
  end_time: dateTime,
  quantity: { type: 'number' },
  unit_of_measure: str,
  custom_fields: customFields,
} as const;

/** As the spec's create request: unknown properties are rejected, and the unit, quantity and start are required. */
export const usageCreate: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['start_time', 'quantity', 'unit_of_measure'],
  properties: {
    account_number: str,
    account_id: str,
    subscription_number: str,
    subscription_id: str,
    subscription_item_number: str,
    subscription_item_id: str,
    description: str,
    ...patchProperties,
  },
};

export const usagePatch: AnySchema = { type: 'object', additionalProperties: false, properties: patchProperties };

const STATES = { Pending: 'pending', Processed: 'processed' } as const;

export function toV2Usage(record: UsageRecord): Record<string, unknown> {
  return quickstartObject(record, {
    custom_fields: record.customFields,
    account_id: record.accountId,
    account_number: record.accountNumber,
    subscription_id: record.subscriptionId,
    subscription_number: record.subscriptionNumber,
    subscription_item_id: record.chargeId,
    subscription_item_number: record.chargeNumber,
    description: record.description,
    start_time: record.startDateTime,
    end_time: record.endDateTime ?? undefined,
    quantity: record.quantity,
    unit_of_measure: record.unitOfMeasure,
    state: STATES[record.status],
  });
}

function usagePatchInput(body: Body): UsagePatch {
  return compact({
    unitOfMeasure: body.unit_of_measure,
    quantity: body.quantity,
    startDateTime: body.start_time,
    endDateTime: body.end_time,
    customFields: body.custom_fields as CustomFields | undefined,
  }) as UsagePatch;
}

/** A create names where the usage belongs, then gives what a patch could change. */
function usageInput(body: Body): UsageInput {
  return {
    ...compact({
      accountNumber: body.account_number,
      accountId: body.account_id,
      subscriptionNumber: body.subscription_number,
      subscriptionId: body.subscription_id,
      chargeNumber: body.subscription_item_number,
      chargeId: body.subscription_item_id,
      description: body.description,
    }),
    ...usagePatchInput(body),
  } as UsageInput;
}

export async function postUsage(ctx: RequestContext): Promise<Reply> {
  // The body schema has already required start_time, quantity and unit_of_measure.
  const input = usageInput(ctx.body as Body);
  const created = await ctx.services.store.transact(ctx.tenant, (tx) => createUsage(tx, input));
  return { status: 201, body: toV2Usage(created) };
}

export function getUsageV2(ctx: RequestContext): Reply {
  return { body: toV2Usage(getUsage(ctx.services.store.view(ctx.tenant), ctx.params.id ?? '')) };
}

export async function patchUsage(ctx: RequestContext): Promise<Reply> {
  const patch = usagePatchInput((ctx.body ?? {}) as Body);
  const updated = await ctx.services.store.transact(ctx.tenant, (tx) => updateUsage(tx, ctx.params.id ?? '', patch));
  return { body: toV2Usage(updated) };
}

export function listUsageV2(ctx: RequestContext): Reply {
  return { body: paginate(ctx.services.store.view(ctx.tenant).scan<UsageRecord>(USAGE), toV2Usage, ctx.query, 'Usage') };
}
