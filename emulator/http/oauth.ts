import type { AnySchema } from 'ajv';
import { issueToken } from './auth.js';
import type { Reply, RequestContext, RouteTable } from './routeTable.js';

const tokenRequest: AnySchema = {
  type: 'object',
  required: ['client_id', 'client_secret', 'grant_type'],
  properties: {
    client_id: { type: 'string', minLength: 1 },
    client_secret: { type: 'string', minLength: 1 },
    grant_type: { enum: ['client_credentials'] },
  },
};

function postToken(ctx: RequestContext): Reply {
  const body = ctx.body as { client_id: string; client_secret: string };
  const token = issueToken(ctx.services.store, body.client_id, body.client_secret, ctx.services.wallNow());
  return { body: token, headers: { 'Cache-Control': 'no-store' } };
}

/** `POST /oauth/token`: the client-credentials grant, form-encoded, as Zuora takes it. */
export const oauthRoutes: RouteTable = {
  dialect: 'oauth',
  routes: [{ method: 'POST', path: '/oauth/token', auth: 'none', bodyFormat: 'form', body: tokenRequest, handler: postToken }],
};
