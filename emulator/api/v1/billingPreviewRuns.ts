import { invalidValue } from '../../domain/errors.js';
import { BILLING_PREVIEW_RUNS, createPreviewRun, getPreviewRun, type BillingPreviewRun } from '../../domain/billing/previewRuns.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { chargeTypesExcluded } from './billingPreview.js';

// POST /v1/billing-preview-runs, GET /v1/billing-preview-runs/{billingPreviewRunId}, and the run's
// result file at GET /v1/files/{file-id}.

/** BillingPreviewRunRequest: accounts by Account filters or by batches, CSV results. */
export const previewRunCreateSchema = {
  type: 'object',
  required: ['targetDate'],
  properties: {
    targetDate: { type: 'string', format: 'date' },
    assumeRenewal: { type: 'string' },
    batches: { type: 'string', pattern: '^(AllBatches|Batch([1-9]|[1-4][0-9]|50))(,\\s*Batch([1-9]|[1-4][0-9]|50))*$' },
    chargeTypeToExclude: { type: 'string', maxLength: 100 },
    includingDraftItems: { type: 'boolean' },
    includingEvergreenSubscription: { type: 'boolean' },
    storageOption: { enum: ['Csv'] },
    filters: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['filterType', 'accountId'], properties: { filterType: { enum: ['Account'] }, accountId: { type: 'string', minLength: 1 } } },
    },
  },
} as const;

interface PreviewRunBody {
  targetDate: string;
  batches?: string;
  chargeTypeToExclude?: string;
  includingEvergreenSubscription?: boolean;
  filters?: Array<{ accountId: string }>;
}

/** `AllBatches` (or no batches) previews every batch. */
function batchesOf(text: string | undefined): string[] | undefined {
  const names = (text ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  return names.length === 0 || names.includes('AllBatches') ? undefined : names;
}

/** Runs at once on the tenant's clock; the answer names the run to read. */
export async function postPreviewRun(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as PreviewRunBody;
  const batches = batchesOf(body.batches);
  if (body.filters && batches) throw invalidValue(BILLING_PREVIEW_RUNS, 'batches', 'A billing preview run selects accounts by filters or by batches, not both');
  const run = await ctx.services.store.transact(ctx.tenant, (tx) =>
    createPreviewRun(tx, {
      targetDate: body.targetDate,
      ...(batches ? { batches } : {}),
      ...(body.filters ? { accountKeys: body.filters.map((filter) => filter.accountId) } : {}),
      chargeTypesToExclude: chargeTypesExcluded(body.chargeTypeToExclude),
      includingEvergreenSubscription: body.includingEvergreenSubscription ?? false,
    }),
  );
  return { body: { success: true, billingPreviewRunId: run.id } };
}

/** GetBillingPreviewRunResponse; the result file's URL is this emulator's own /v1/files path. */
function toV1PreviewRun(run: BillingPreviewRun): Record<string, unknown> {
  return {
    success: true,
    runNumber: run.runNumber,
    status: run.status,
    targetDate: run.targetDate,
    batches: run.batches ?? 'AllBatches',
    chargeTypeToExclude: run.chargeTypeToExclude,
    includingEvergreenSubscription: run.includingEvergreenSubscription,
    includingDraftItems: false,
    assumeRenewal: null,
    storageOption: 'Csv',
    totalAccounts: run.totalAccounts,
    succeededAccounts: run.succeededAccounts,
    resultFileUrl: `/v1/files/${run.id}`,
    errorMessage: null,
    organizationLabels: null,
    startDate: run.startDate,
    endDate: run.endDate,
    createdById: run.createdById,
    createdDate: run.createdDate,
    updatedById: run.updatedById,
    updatedDate: run.updatedDate,
  };
}

export function getPreviewRunV1(ctx: RequestContext): Reply {
  return { body: toV1PreviewRun(getPreviewRun(ctx.services.store.view(ctx.tenant), ctx.params.billingPreviewRunId ?? '')) };
}

/** `GET /v1/files/{file-id}`: the files the emulator makes are billing preview run results, kept with their run. */
export function getFile(ctx: RequestContext): Reply {
  const run = getPreviewRun(ctx.services.store.view(ctx.tenant), ctx.params.fileId ?? '');
  return { raw: run.csv, headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${run.runNumber}.csv"` } };
}
