import { invalidValue } from '../../domain/errors.js';
import { BILL_RUNS, cancelBillRun, createBillRun, getBillRun, postBillRun, type BillRun, type BillRunRequest } from '../../domain/invoices/onDemandBillRuns.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { unmodelled } from './shapes/nulls.js';

// POST /v1/bill-runs, GET /v1/bill-runs/{billRunId}, PUT /v1/bill-runs/{billRunId}/cancel and /post.

const date = { type: 'string', format: 'date' } as const;

/** POSTBillRunRequestType, for a bill run on demand by accounts, subscriptions or batches. */
export const billRunCreateSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 255 },
    targetDate: date,
    invoiceDate: date,
    autoPost: { type: 'boolean' },
    autoEmail: { type: 'boolean' },
    autoRenewal: { type: 'boolean' },
    noEmailForZeroAmountInvoice: { type: 'boolean' },
    batches: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^(AllBatches|Batch([1-9]|[1-4][0-9]|50))$' } },
    billCycleDay: { type: 'string', pattern: '^(AllBillCycleDays|[1-9]|[12][0-9]|3[01])$' },
    billRunFilters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['accountId', 'filterType'],
        properties: { accountId: { type: 'string', minLength: 1 }, filterType: { enum: ['Account', 'Subscription'] }, subscriptionId: { type: 'string', minLength: 1 } },
      },
    },
    chargeTypeToExclude: { type: 'array', items: { enum: ['OneTime', 'Recurring', 'Usage'] } },
    schedule: { type: 'object' },
  },
} as const;

/** PostBillRunRequest: the invoice date alone; anything else is refused as an unknown field, as orders' top level is. */
export const billRunPostSchema = { type: 'object', additionalProperties: false, required: ['invoiceDate'], properties: { invoiceDate: date } } as const;

/** BillRunResponseType: every field, null where the emulator has no value. */
function toV1BillRun(run: BillRun): Record<string, unknown> {
  return {
    success: true,
    id: run.id,
    billRunNumber: run.billRunNumber,
    name: run.name,
    status: run.status,
    targetDate: run.targetDate,
    invoiceDate: run.invoiceDate,
    autoPost: run.autoPost,
    autoEmail: run.autoEmail,
    autoRenewal: false,
    noEmailForZeroAmountInvoice: run.noEmailForZeroAmountInvoice,
    batches: run.batches ?? ['AllBatches'],
    billCycleDay: run.billCycleDay,
    billRunFilters: run.billRunFilters.map((filter) => ({ accountId: filter.accountId, filterType: filter.filterType, subscriptionId: filter.subscriptionId ?? null })),
    chargeTypeToExclude: [],
    includeSubscriptions: true,
    includeOrderLineItems: false,
    scheduledExecutionTime: run.createdDate,
    createdById: run.createdById,
    createdDate: run.createdDate,
    updatedById: run.updatedById,
    updatedDate: run.updatedDate,
    ...unmodelled(['invoiceDateOffset', 'invoiceDateMonthOffset', 'invoiceDateDayOfMonth', 'targetDateOffset', 'targetDateMonthOffset', 'targetDateDayOfMonth', 'organizationLabels', 'schedule']),
  };
}

/** `AllBatches` (alone) means every batch, as no list does. */
function batchesOf(batches: readonly string[] | undefined): string[] | undefined {
  if (!batches?.includes('AllBatches')) return batches ? [...batches] : undefined;
  if (batches.length > 1) throw invalidValue(BILL_RUNS, 'batches', 'AllBatches stands alone: it already names every batch');
  return undefined;
}

/** What a bill run here does not do, refused rather than ignored. */
function refuseUnsupported(body: Record<string, unknown>): void {
  if (body.schedule !== undefined) throw invalidValue(BILL_RUNS, 'schedule', 'A bill run here runs at once; repeating bill runs are the tenant clock\'s own (billRunTime)');
  if (Array.isArray(body.chargeTypeToExclude) && body.chargeTypeToExclude.length > 0) {
    throw invalidValue(BILL_RUNS, 'chargeTypeToExclude', 'The emulator bills every charge type in a bill run; excluding some is not supported');
  }
}

/** Runs at once on the tenant's clock; the answer is the finished run (Completed, or Posted with autoPost). */
export async function postBillRunV1(ctx: RequestContext): Promise<Reply> {
  const body = (ctx.body ?? {}) as BillRunRequest & Record<string, unknown>;
  refuseUnsupported(body);
  const { batches, ...rest } = body;
  const selected = batchesOf(batches);
  const request: BillRunRequest = { ...rest, ...(selected ? { batches: selected } : {}) };
  const run = await ctx.services.store.transact(ctx.tenant, (tx) => createBillRun(tx, request));
  return { body: toV1BillRun(run) };
}

export function getBillRunV1(ctx: RequestContext): Reply {
  return { body: toV1BillRun(getBillRun(ctx.services.store.view(ctx.tenant), ctx.params.billRunId ?? '')) };
}

export async function putBillRunCancel(ctx: RequestContext): Promise<Reply> {
  const run = await ctx.services.store.transact(ctx.tenant, (tx) => cancelBillRun(tx, ctx.params.billRunId ?? ''));
  return { body: toV1BillRun(run) };
}

export async function putBillRunPost(ctx: RequestContext): Promise<Reply> {
  const { invoiceDate } = ctx.body as { invoiceDate: string };
  const run = await ctx.services.store.transact(ctx.tenant, (tx) => postBillRun(tx, ctx.params.billRunId ?? '', invoiceDate));
  return { body: toV1BillRun(run) };
}
