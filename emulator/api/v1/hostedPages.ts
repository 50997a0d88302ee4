import type { AnySchema } from 'ajv';
import { hostedPagesOfVersion, signHostedPageRequest } from '../../domain/hostedPages.js';
import { tenantEntityId } from '../../http/auth.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';

export function listHostedPages(ctx: RequestContext): Reply {
  const version = ctx.query.versionNumber === undefined ? undefined : String(ctx.query.versionNumber);
  return { body: { success: true, hostedpages: hostedPagesOfVersion(ctx.tenant, version) } };
}

/**
 * Only the fields the emulator reads are described; Zuora accepts many more optional ones (gateway
 * options, passthroughs...), so others are let through rather than rejected. Zuora documents POST as
 * the only method.
 */
export const rsaSignatureSchema: AnySchema = {
  type: 'object',
  required: ['uri', 'method', 'pageId'],
  properties: {
    uri: { type: 'string' },
    method: { type: 'string', enum: ['POST'] },
    pageId: { type: 'string' },
    paymentGateway: { type: 'string' },
  },
};

export async function postRsaSignature(ctx: RequestContext): Promise<Reply> {
  const { uri, pageId } = ctx.body as { uri: string; pageId: string };
  const signed = await ctx.services.store.transact(ctx.tenant, (tx) =>
    signHostedPageRequest(tx, { uri, pageId, tenantId: tenantEntityId(ctx.tenant) }),
  );
  return { body: { success: true, ...signed } };
}
