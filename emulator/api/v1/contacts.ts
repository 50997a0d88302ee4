import { addContact, editContact, getContactWithAccount, type ContactRoles, type ContactWithAccount } from '../../domain/accountContacts.js';
import { missingField } from '../../domain/errors.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { contactInput, contactProperties } from './contactBodies.js';
import { toV1Contact } from './shapes/contact.js';

// POST /v1/contacts, GET and PUT /v1/contacts/{contactId}.

const roles = { asBillTo: { type: 'boolean' }, asSoldTo: { type: 'boolean' }, asShipTo: { type: 'boolean' } } as const;

export const contactCreateSchema = {
  type: 'object',
  required: ['firstName', 'lastName'],
  properties: { ...contactProperties, ...roles, accountId: { type: 'string' }, accountNumber: { type: 'string' } },
} as const;

export const contactUpdateSchema = { type: 'object', properties: { ...contactProperties, ...roles } } as const;

type Body = Record<string, unknown>;

const rolesOf = (body: Body): ContactRoles => ({
  ...(typeof body.asBillTo === 'boolean' ? { asBillTo: body.asBillTo } : {}),
  ...(typeof body.asSoldTo === 'boolean' ? { asSoldTo: body.asSoldTo } : {}),
});

function answer(view: ReadView, { contact, account }: ContactWithAccount): Reply {
  return { body: { ...toV1Contact(view, contact, account), success: true } };
}

export async function postContact(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as Body;
  const accountKey = body.accountId ?? body.accountNumber;
  if (typeof accountKey !== 'string') throw missingField('Contact', 'accountId');
  const created = await ctx.services.store.transact(ctx.tenant, (tx) => addContact(tx, accountKey, contactInput(body), rolesOf(body)));
  return answer(ctx.services.store.view(ctx.tenant), created);
}

export function getContactV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return answer(view, getContactWithAccount(view, ctx.params.contactId ?? ''));
}

export async function putContact(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as Body;
  const updated = await ctx.services.store.transact(ctx.tenant, (tx) => editContact(tx, ctx.params.contactId ?? '', contactInput(body), rolesOf(body)));
  return answer(ctx.services.store.view(ctx.tenant), updated);
}
