import type { AnySchema } from 'ajv';
import { getAccount, type Account } from '../../domain/accounts.js';
import { missingField, referenced } from '../../domain/errors.js';
import type { HolderDetails, PaymentMethod, PaymentMethodType } from '../../domain/payments/model.js';
import { PAYMENT_METHODS } from '../../domain/payments/model.js';
import { BANK_DEBIT_TYPES, debitInstrument, PAYPAL_TYPES } from '../../domain/payments/debitMethods.js';
import { deletePaymentMethod, verifyPaymentMethod } from '../../domain/payments/paymentMethodLifecycle.js';
import { createPaymentMethod, getPaymentMethod, paymentMethodsOfAccount, updatePaymentMethod, type NewPaymentMethodInput, type PaymentMethodPatch } from '../../domain/payments/paymentMethods.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { Transaction } from '../../state/transaction.js';
import { customFieldsIn } from './contactBodies.js';
import { toV1PaymentMethod } from './shapes/paymentMethod.js';

// /v1/payment-methods (POSTPaymentMethodRequest for cards, card references, bank debits (ACH, SEPA,
// Bacs) and PayPal; PUTPaymentMethodRequest; delete; verify) and GET /v1/accounts/{key}/payment-methods.
// A card is verified with the gateway simulator when created unless `skipValidation`; a bank
// account is created without a gateway call and kept masked.

type Body = Record<string, unknown>;

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const maxText = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/** Custom fields (`Name__c`) sit beside the standard fields; anything else unknown is refused. */
const CUSTOM = { patternProperties: { '__c$': {} }, additionalProperties: false } as const;

const address = { addressLine1: str, addressLine2: str, city: str, state: str, zipCode: str, country: str, phone: str } as const;
const holderInfo = (nameField: string, maxLength: number) =>
  ({ type: 'object', additionalProperties: false, properties: { [nameField]: maxText(maxLength), ...address, email: str } }) as const;

const TYPES: readonly PaymentMethodType[] = ['CreditCard', 'CreditCardReferenceTransaction', ...BANK_DEBIT_TYPES, ...PAYPAL_TYPES];

/** One body for every type; what each type requires is checked as it is read. */
export const paymentMethodCreateSchema: AnySchema = {
  type: 'object',
  ...CUSTOM,
  required: ['type'],
  properties: {
    type: { enum: TYPES },
    accountKey: str,
    makeDefault: bool,
    skipValidation: bool,
    // CreditCard
    cardNumber: { type: 'string', pattern: '^[0-9]{12,19}$' },
    cardType: { enum: ['Visa', 'MasterCard', 'AmericanExpress', 'Discover', 'JCB', 'Diners'] },
    expirationMonth: { type: 'integer', minimum: 1, maximum: 12 },
    expirationYear: { type: 'integer', minimum: 0, maximum: 9999 },
    securityCode: str,
    cardHolderInfo: holderInfo('cardHolderName', 50),
    // CreditCardReferenceTransaction
    tokenId: { type: 'string', minLength: 1 },
    secondTokenId: str,
    // ACH
    bankABACode: str,
    bankAccountName: maxText(70),
    bankAccountNumber: maxText(30),
    bankAccountType: { enum: ['BusinessChecking', 'BusinessSaving', 'Checking', 'Saving'] },
    bankName: maxText(70),
    ...address,
    // SEPA and Bacs
    IBAN: str,
    businessIdentificationCode: str,
    accountNumber: str,
    bankCode: str,
    accountHolderInfo: holderInfo('accountHolderName', 60),
    mandateInfo: { type: 'object', additionalProperties: false, properties: { mandateId: maxText(36), mandateReason: maxText(64), mandateStatus: maxText(64) } },
    // PayPal
    BAID: str,
    email: str,
    preapprovalKey: str,
  },
};

export const paymentMethodUpdateSchema: AnySchema = {
  type: 'object',
  ...CUSTOM,
  properties: {
    accountKey: str,
    expirationMonth: { type: 'integer', minimum: 1, maximum: 12 },
    expirationYear: { type: 'integer', minimum: 0, maximum: 9999 },
    securityCode: str,
    accountHolderInfo: { type: 'object', additionalProperties: false, properties: { ...address, email: str } },
    maxConsecutivePaymentFailures: { type: 'integer', minimum: 1, maximum: 100 },
    paymentRetryWindow: { type: 'integer', minimum: 1, maximum: 1000 },
    useDefaultRetryRule: bool,
  },
};

export const paymentMethodVerifySchema: AnySchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { currencyCode: str, paymentGatewayName: str, securityCode: str, gatewayOptions: { type: 'object' } },
};

const text = (body: Body, key: string): string | undefined => (typeof body[key] === 'string' ? (body[key] as string) : undefined);

const ADDRESS_FIELDS = ['addressLine1', 'addressLine2', 'city', 'state', 'zipCode', 'country', 'email', 'phone'] as const;

function holderDetailsOf(source: Body | undefined): HolderDetails | undefined {
  if (!source) return undefined;
  const details = Object.fromEntries(ADDRESS_FIELDS.flatMap((field) => (text(source, field) !== undefined ? [[field, text(source, field)]] : [])));
  return Object.keys(details).length > 0 ? details : undefined;
}

/** The type's own details: card, card reference or bank account, and the holder. */
function instrumentOf(body: Body): Partial<NewPaymentMethodInput> {
  const cardHolder = body.cardHolderInfo as Body | undefined;
  const accountHolder = body.accountHolderInfo as Body | undefined;
  switch (body.type) {
    case 'CreditCard': {
      if (!cardHolder || text(cardHolder, 'cardHolderName') === undefined) throw missingField(PAYMENT_METHODS, 'cardHolderInfo.cardHolderName');
      for (const field of ['cardNumber', 'cardType', 'expirationMonth', 'expirationYear']) if (body[field] === undefined) throw missingField(PAYMENT_METHODS, field);
      const securityCode = text(body, 'securityCode');
      return {
        card: { cardNumber: String(body.cardNumber), expiryMonth: Number(body.expirationMonth), expiryYear: Number(body.expirationYear), brand: String(body.cardType), ...(securityCode !== undefined ? { securityCode } : {}) },
        holderName: text(cardHolder, 'cardHolderName'),
        holderDetails: holderDetailsOf(cardHolder),
      };
    }
    case 'CreditCardReferenceTransaction': {
      const tokenId = text(body, 'tokenId');
      if (tokenId === undefined) throw missingField(PAYMENT_METHODS, 'tokenId');
      const secondToken = text(body, 'secondTokenId');
      return { cardReference: { token: tokenId, ...(secondToken !== undefined ? { secondToken } : {}) } };
    }
    default:
      // Bank debits and PayPal: read under their V1 names, masked, by the domain's reader.
      return { debit: debitInstrument(String(body.type), body, ''), holderDetails: holderDetailsOf(accountHolder ?? body) };
  }
}

function accountOf(tx: Transaction, body: Body): Account {
  const key = text(body, 'accountKey');
  // The emulator keeps no orphan payment methods: every one belongs to an account.
  if (key === undefined) throw missingField(PAYMENT_METHODS, 'accountKey');
  return referenced(() => getAccount(tx, key), PAYMENT_METHODS, 'accountKey', `Account '${key}'`);
}

function create(tx: Transaction, body: Body): PaymentMethod {
  const account = accountOf(tx, body);
  const instrument = Object.fromEntries(Object.entries(instrumentOf(body)).filter(([, value]) => value !== undefined));
  const customFields = customFieldsIn(body);
  const method = createPaymentMethod(tx, {
    ...instrument,
    type: body.type as PaymentMethodType,
    accountId: account.id,
    isDefault: body.makeDefault === true,
    ...(customFields ? { customFields } : {}),
  });
  // Zuora checks a card with its gateway before keeping it, unless told to skip the check.
  if (body.skipValidation !== true) verifyPaymentMethod(tx, method.id);
  return method;
}

export async function postPaymentMethodV1(ctx: RequestContext): Promise<Reply> {
  const method = await ctx.services.store.transact(ctx.tenant, (tx) => create(tx, ctx.body as Body));
  return { body: { success: true, id: method.id } };
}

/** Zuora's grouped answer: the account's active payment methods under their type in lower case (`creditcard`, `ach`...). */
export function listAccountPaymentMethodsV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const account = getAccount(view, ctx.params.account_key ?? '');
  const groups: Record<string, Array<Record<string, unknown>>> = {};
  for (const method of paymentMethodsOfAccount(view, account.id).filter((candidate) => candidate.status === 'Active')) {
    (groups[method.type.toLowerCase()] ??= []).push(toV1PaymentMethod(view, method));
  }
  return {
    body: { success: true, defaultPaymentMethodId: account.defaultPaymentMethodId ?? null, paymentGateway: account.paymentGateway ?? null, ...groups },
  };
}

export function getPaymentMethodV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: { success: true, ...toV1PaymentMethod(view, getPaymentMethod(view, ctx.params.payment_method_id ?? '')) } };
}

function patchOf(tx: Transaction, body: Body): PaymentMethodPatch {
  const card = Object.fromEntries(
    [
      ['expiryMonth', body.expirationMonth],
      ['expiryYear', body.expirationYear],
      ['securityCode', body.securityCode],
    ].filter(([, value]) => value !== undefined),
  );
  const retryRule = Object.fromEntries(
    (['maxConsecutivePaymentFailures', 'paymentRetryWindow', 'useDefaultRetryRule'] as const).flatMap((field) => (body[field] !== undefined ? [[field, body[field]]] : [])),
  );
  const holderDetails = holderDetailsOf(body.accountHolderInfo as Body | undefined);
  const customFields = customFieldsIn(body);
  return {
    ...(Object.keys(card).length > 0 ? { card } : {}),
    ...(Object.keys(retryRule).length > 0 ? { retryRule } : {}),
    ...(holderDetails ? { holderDetails } : {}),
    ...(customFields ? { customFields } : {}),
    ...(body.accountKey !== undefined ? { accountId: accountOf(tx, body).id } : {}),
  };
}

export async function putPaymentMethodV1(ctx: RequestContext): Promise<Reply> {
  const id = ctx.params.payment_method_id ?? '';
  const method = await ctx.services.store.transact(ctx.tenant, (tx) => updatePaymentMethod(tx, id, patchOf(tx, (ctx.body ?? {}) as Body)));
  return { body: { success: true, id: method.id } };
}

export async function deletePaymentMethodV1(ctx: RequestContext): Promise<Reply> {
  await ctx.services.store.transact(ctx.tenant, (tx) => deletePaymentMethod(tx, ctx.params.payment_method_id ?? ''));
  return { body: { success: true } };
}

export async function putPaymentMethodVerify(ctx: RequestContext): Promise<Reply> {
  const method = await ctx.services.store.transact(ctx.tenant, (tx) => verifyPaymentMethod(tx, ctx.params.payment_method_id ?? ''));
  return { body: { success: true, paymentMethodId: method.id } };
}
