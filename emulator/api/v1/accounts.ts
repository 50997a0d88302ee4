import { withContacts } from '../../domain/accounts.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { toV1Account } from './shapes/account.js';

export function getAccountV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: toV1Account(view, withContacts(view, ctx.params.account_key ?? '')) };
}
