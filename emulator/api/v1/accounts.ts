import { withContacts } from '../../domain/accounts.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { toV1Account } from './shapes/account.js';

export function getAccountV1(ctx: RequestContext): Reply {
  const { store } = ctx.services;
  const key = ctx.params.account_key ?? '';
  // The answer reads only the store, so it is worked out once until the next write: clients poll accounts.
  const body = store.memo(`${ctx.tenant}\0GET /v1/accounts/\0${key}`, () => {
    const view = store.view(ctx.tenant);
    return toV1Account(view, withContacts(view, key));
  });
  return { body };
}
