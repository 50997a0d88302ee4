import { deleteAccount } from '../../domain/accountDeletion.js';
import { createAccount, updateAccount, type AccountFields, type AccountPatch, type NewAccountInput } from '../../domain/accounts.js';
import type { NewPaymentMethodInput } from '../../domain/payments/paymentMethods.js';
import { createPaymentMethod } from '../../domain/payments/paymentMethods.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { Transaction } from '../../state/transaction.js';
import { accountContactSchema, contactInput, contactProperties, customFieldsIn } from './contactBodies.js';

// POST /v1/accounts (with its contacts and a credit card in one call), PUT and DELETE
// /v1/accounts/{account-key}. Bodies follow POSTAccountType and PUTAccountType.

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;

/** The account fields both bodies take, as V1 names them (the domain uses the same names). */
const accountProperties = {
  name: { type: 'string', minLength: 1, maxLength: 255 },
  billCycleDay: { type: 'integer', minimum: 0, maximum: 31 },
  autoPay: bool,
  paymentTerm: str,
  batch: str,
  notes: { type: 'string', maxLength: 65535 },
  crmId: { type: 'string', maxLength: 100 },
  salesRep: { type: 'string', maxLength: 50 },
  parentId: str,
  communicationProfileId: str,
  invoiceTemplateId: str,
  creditMemoTemplateId: str,
  debitMemoTemplateId: str,
  sequenceSetId: str,
  paymentGateway: str,
  purchaseOrderNumber: { type: 'string', maxLength: 100 },
  customerServiceRepName: { type: 'string', maxLength: 50 },
  partnerAccount: bool,
  invoiceDeliveryPrefsEmail: bool,
  invoiceDeliveryPrefsPrint: bool,
  additionalEmailAddresses: { type: 'array', maxItems: 5, items: { type: 'string', maxLength: 80 } },
  taxInfo: { type: 'object' },
  billToContact: accountContactSchema,
  soldToContact: accountContactSchema,
} as const;

const cardHolderInfo = { type: 'object', properties: { cardHolderName: { type: 'string', maxLength: 50 } } } as const;

/** `creditCard` of POSTAccountType, and the card fields of its `paymentMethod`. */
const cardFields = {
  cardType: str,
  cardNumber: { type: 'string', minLength: 12, maxLength: 19 },
  expirationMonth: { type: 'integer', minimum: 1, maximum: 12 },
  expirationYear: { type: 'integer', minimum: 1900, maximum: 9999 },
  securityCode: { type: 'string', maxLength: 4 },
  cardHolderInfo,
} as const;

export const accountCreateSchema = {
  type: 'object',
  required: ['name', 'currency', 'billToContact'],
  properties: {
    ...accountProperties,
    accountNumber: { type: 'string', minLength: 1, maxLength: 70 },
    currency: { type: 'string', minLength: 3, maxLength: 3 },
    creditCard: { type: 'object', required: ['cardType', 'cardNumber', 'expirationMonth', 'expirationYear'], properties: cardFields },
    paymentMethod: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { enum: ['CreditCard', 'CreditCardReferenceTransaction'] },
        ...cardFields,
        tokenId: str,
        secondTokenId: str,
        makeDefault: bool,
      },
    },
  },
} as const;

/** An update changes only what it names, contacts included. */
const contactPatch = { type: 'object', properties: contactProperties } as const;
export const accountUpdateSchema = { type: 'object', properties: { ...accountProperties, billToContact: contactPatch, soldToContact: contactPatch } } as const;

type Body = Record<string, unknown>;

function accountFields(body: Body): AccountFields {
  const fields: Record<string, unknown> = {};
  for (const name of Object.keys(accountProperties)) {
    if (name !== 'billToContact' && name !== 'soldToContact' && body[name] !== undefined) fields[name] = body[name];
  }
  const customFields = customFieldsIn(body);
  return { ...(fields as AccountFields), ...(customFields ? { customFields } : {}) };
}

/** The card or card reference of a new account, made its default payment method (and used for auto-pay). */
function paymentMethodInput(body: Body, accountId: string): NewPaymentMethodInput | undefined {
  const source = (body.creditCard ?? body.paymentMethod) as Body | undefined;
  if (!source) return undefined;
  const holderName = (source.cardHolderInfo as Body | undefined)?.cardHolderName as string | undefined;
  const common = { accountId, isDefault: source.makeDefault !== false, ...(holderName ? { holderName } : {}) };
  if (source.type === 'CreditCardReferenceTransaction') {
    return { ...common, type: 'CreditCardReferenceTransaction', cardReference: { token: String(source.tokenId ?? ''), ...(source.secondTokenId ? { secondToken: String(source.secondTokenId) } : {}) } };
  }
  return {
    ...common,
    type: 'CreditCard',
    card: {
      cardNumber: String(source.cardNumber ?? ''),
      expiryMonth: Number(source.expirationMonth),
      expiryYear: Number(source.expirationYear),
      ...(source.securityCode ? { securityCode: String(source.securityCode) } : {}),
    },
  };
}

function create(tx: Transaction, body: Body) {
  const input: NewAccountInput = {
    ...accountFields(body),
    name: String(body.name),
    currency: String(body.currency),
    ...(typeof body.accountNumber === 'string' ? { accountNumber: body.accountNumber } : {}),
    billTo: contactInput(body.billToContact as Body),
    ...(body.soldToContact ? { soldTo: contactInput(body.soldToContact as Body) } : {}),
  };
  const created = createAccount(tx, input);
  const method = paymentMethodInput(body, created.account.id);
  return { ...created, paymentMethodId: method ? createPaymentMethod(tx, method).id : null };
}

export async function postAccountV1(ctx: RequestContext): Promise<Reply> {
  const created = await ctx.services.store.transact(ctx.tenant, (tx) => create(tx, ctx.body as Body));
  return {
    body: {
      success: true,
      accountId: created.account.id,
      accountNumber: created.account.accountNumber,
      billToContactId: created.account.billToId,
      soldToContactId: created.account.soldToId,
      paymentMethodId: created.paymentMethodId,
    },
  };
}

export async function putAccountV1(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as Body;
  const patch: AccountPatch = {
    ...accountFields(body),
    ...(body.billToContact ? { billTo: contactInput(body.billToContact as Body) } : {}),
    ...(body.soldToContact ? { soldTo: contactInput(body.soldToContact as Body) } : {}),
  };
  await ctx.services.store.transact(ctx.tenant, (tx) => updateAccount(tx, ctx.params.account_key ?? '', patch));
  return { body: { success: true } };
}

/** Zuora deletes an account in a job and answers at once with the job's id, still Pending. */
export async function deleteAccountV1(ctx: RequestContext): Promise<Reply> {
  const deleted = await ctx.services.store.transact(ctx.tenant, (tx) => ({ account: deleteAccount(tx, ctx.params.account_key ?? ''), jobId: tx.newId() }));
  return { body: { success: true, id: deleted.account.id, jobId: deleted.jobId, jobStatus: 'Pending' } };
}
