import { pendingJobs } from '../clock/jobs.js';
import type { Reply, RequestContext } from '../http/routeTable.js';

/** The most recent Zuora API calls of the tenant, oldest first; `?limit=N` keeps the last N. */
export function listRequests(ctx: RequestContext): Reply {
  const all = ctx.services.requests.list(ctx.tenant);
  const limit = Number(ctx.query.limit ?? all.length);
  return { body: { data: Number.isInteger(limit) && limit >= 0 ? all.slice(all.length - limit) : all } };
}

/** Work the clock will run when it passes each job's due time. */
export function listJobs(ctx: RequestContext): Reply {
  const data = [...pendingJobs(ctx.services.store.view(ctx.tenant))].map(({ id, kind, dueAt, payload }) => ({ id, kind, dueAt, payload }));
  return { body: { data } };
}
