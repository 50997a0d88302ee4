import { pendingJobs } from '../clock/jobs.js';
import type { Reply, RequestContext } from '../http/routeTable.js';

/**
 * The most recent Zuora API calls of the tenant, oldest first; `?after=<request id>` keeps those made
 * after that call (all of them when it has rolled out of the journal), `?limit=N` the last N.
 */
export function listRequests(ctx: RequestContext): Reply {
  const { after, limit } = ctx.query;
  const count = Number(limit);
  return {
    body: {
      data: ctx.services.requests.list(ctx.tenant, {
        ...(typeof after === 'string' && after ? { after } : {}),
        ...(limit !== undefined && Number.isInteger(count) && count >= 0 ? { limit: count } : {}),
      }),
    },
  };
}

/** Work the clock will run when it passes each job's due time. */
export function listJobs(ctx: RequestContext): Reply {
  const data = [...pendingJobs(ctx.services.store.view(ctx.tenant))].map(({ id, kind, dueAt, payload }) => ({ id, kind, dueAt, payload }));
  return { body: { data } };
}
