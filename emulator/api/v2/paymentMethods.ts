import type { AnySchema } from 'ajv';
import type { CustomFields } from '../../domain/customFields.js';
import { DomainError } from '../../domain/errors.js';
import { PAYMENT_METHODS, type PaymentMethod, type PaymentMethodType } from '../../domain/payments/model.js';
import {
  createPaymentMethod,
  getPaymentMethod,
  listPaymentMethods,
  updatePaymentMethod,
  type NewPaymentMethodInput,
  type PaymentMethodPatch,
} from '../../domain/payments/paymentMethods.js';
import type { Transaction } from '../../state/transaction.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { compact } from '../shape.js';
import { paginate } from './pagination.js';
import { bool, customFields, readOnly, str } from './schemaParts.js';
import { quickstartObject } from './shape.js';
import { own } from '../../state/paths.js';

// /v2/payment_methods, shaped as the Quickstart `paymentMethod` schema, for the two types the
// emulator keeps: `card` and `cc_ref`. The body schemas live here; schemas.ts borrows
// `accountPaymentMethod` for the payment method an account create may carry.

type Body = Record<string, unknown>;

const integer = { type: 'integer' } as const;

const TYPES: Record<string, PaymentMethodType> = { card: 'CreditCard', cc_ref: 'CreditCardReferenceTransaction' };
const TYPE_NAMES: Record<PaymentMethodType, string> = {
  CreditCard: 'card',
  CreditCardReferenceTransaction: 'cc_ref',
  ACH: 'ach_debit',
  SEPA: 'sepa_debit',
  Bacs: 'bacs_debit',
  PayPalEC: 'paypal_express',
  PayPalNativeEC: 'paypal_express_native',
  PayPalCP: 'paypal',
  PayPalAdaptive: 'paypal_adaptive',
};

/** Quickstart's card brands and Zuora's CreditCardType spelling of each. */
const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'MasterCard',
  american_express: 'AmericanExpress',
  discover: 'Discover',
  jcb: 'JCB',
  diners: 'Diners',
};
const BRAND_NAMES: Record<string, string> = Object.fromEntries(Object.entries(BRANDS).map(([name, brand]) => [brand, name]));

/** Only the holder's name is kept, so other billing details are refused rather than dropped unseen. */
const billingDetails = { type: 'object', additionalProperties: false, properties: { name: str } } as const;

/** The spec also requires `brand`; the emulator reads it from the number when it is left out. */
const card = {
  type: 'object',
  additionalProperties: false,
  required: ['card_number', 'expiry_month', 'expiry_year'],
  properties: {
    card_number: str,
    brand: { enum: Object.keys(BRANDS) },
    expiry_month: integer,
    expiry_year: integer,
    security_code: str,
    last_4: str,
  },
} as const;

const ccRef = {
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: { token: str, second_token: str },
} as const;

const createProperties = {
  ...readOnly,
  custom_fields: customFields,
  type: { enum: Object.keys(TYPES) },
  billing_details: billingDetails,
  card,
  cc_ref: ccRef,
} as const;

export const paymentMethodCreate: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: { ...createProperties, account_id: str, account_number: str, is_default: bool },
};

/** A payment method given inline on account create: it belongs to the new account and becomes its default. */
export const accountPaymentMethod: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: createProperties,
};

export const paymentMethodPatch: AnySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    account_id: str,
    account_number: str,
    billing_details: billingDetails,
    custom_fields: customFields,
    card: {
      type: 'object',
      additionalProperties: false,
      properties: { expiry_month: integer, expiry_year: integer, security_code: str },
    },
    cc_ref: { type: 'object', additionalProperties: false, properties: { second_token: str } },
  },
};

/** A bank debit's or PayPal method's hash, named after its type (`bacs_debit`, `paypal_express`...), the account number masked. */
function debitDetails(method: PaymentMethod): Record<string, unknown> {
  const { bankAccount: bank, payPal } = method;
  const mandate = bank?.mandateId ? { mandate: { id: bank.mandateId } } : {};
  if (bank && method.type === 'ACH') {
    return { ach_debit: compact({ bank_aba_code: bank.bankCode ?? undefined, bank_account_name: bank.holderName ?? undefined, bank_account_number: bank.accountMask, bank_account_type: bank.accountType?.toLowerCase() ?? undefined, bank_name: bank.bankName ?? undefined, ...mandate }) };
  }
  if (bank && method.type === 'SEPA') {
    return { sepa_debit: compact({ IBAN: bank.accountMask, business_identification_code: bank.businessIdentificationCode ?? undefined, account_holder_info: bank.holderName ? { account_holder_name: bank.holderName } : undefined, ...mandate }) };
  }
  if (bank && method.type === 'Bacs') return { bacs_debit: compact({ account_number: bank.accountMask, bank_code: bank.bankCode ?? undefined, ...mandate }) };
  if (payPal) {
    const details = compact({ baid: payPal.baid ?? undefined, preapproval_key: payPal.preapprovalKey ?? undefined, email: payPal.email ?? undefined });
    return { [TYPE_NAMES[method.type]]: details };
  }
  return {};
}

/** The answer never holds the card number or security code: they were never stored. */
export function toV2PaymentMethod(method: PaymentMethod): Record<string, unknown> {
  const isCard = method.type === 'CreditCard';
  return quickstartObject(method, {
    custom_fields: method.customFields,
    type: TYPE_NAMES[method.type],
    account_id: method.accountId,
    billing_details: method.creditCardHolderName === null ? undefined : { name: method.creditCardHolderName },
    card: isCard
      ? compact({
          brand: method.creditCardType === null ? undefined : BRAND_NAMES[method.creditCardType],
          last_4: method.creditCardLast4 ?? undefined,
          expiry_month: method.creditCardExpirationMonth ?? undefined,
          expiry_year: method.creditCardExpirationYear ?? undefined,
        })
      : undefined,
    cc_ref: method.type === 'CreditCardReferenceTransaction' ? compact({ token: method.tokenId ?? undefined, second_token: method.secondTokenId ?? undefined }) : undefined,
    ...debitDetails(method),
    state: method.status === 'Active' ? 'active' : 'closed',
    number_of_consecutive_failures: method.numConsecutiveFailures,
    last_transaction_time: method.lastTransactionDateTime ?? undefined,
    last_transaction_status: method.lastTransactionStatus ?? undefined,
  });
}

function newPaymentMethodInput(body: Body): NewPaymentMethodInput {
  const cardBody = body.card as Body | undefined;
  const ccRefBody = body.cc_ref as Body | undefined;
  const billing = (body.billing_details ?? {}) as Body;
  return compact({
    // The body schema has already required `type` and limited it to the keys of TYPES.
    type: own(TYPES, String(body.type)),
    accountId: body.account_id,
    accountNumber: body.account_number,
    isDefault: body.is_default,
    holderName: billing.name,
    customFields: body.custom_fields,
    card: cardBody
      ? compact({
          cardNumber: cardBody.card_number,
          expiryMonth: cardBody.expiry_month,
          expiryYear: cardBody.expiry_year,
          securityCode: cardBody.security_code,
          brand: cardBody.brand === undefined ? undefined : own(BRANDS, String(cardBody.brand)),
        })
      : undefined,
    cardReference: ccRefBody ? compact({ token: ccRefBody.token, secondToken: ccRefBody.second_token }) : undefined,
  }) as NewPaymentMethodInput;
}

function patchInput(body: Body): PaymentMethodPatch {
  const cardBody = body.card as Body | undefined;
  const ccRefBody = body.cc_ref as Body | undefined;
  const billing = body.billing_details as Body | undefined;
  return compact({
    accountId: body.account_id,
    accountNumber: body.account_number,
    holderName: billing?.name,
    customFields: body.custom_fields as CustomFields | undefined,
    card: cardBody
      ? compact({ expiryMonth: cardBody.expiry_month, expiryYear: cardBody.expiry_year, securityCode: cardBody.security_code })
      : undefined,
    cardReference: ccRefBody ? compact({ secondToken: ccRefBody.second_token }) : undefined,
  }) as PaymentMethodPatch;
}

/**
 * Creates the payment method an account create carries, for the new account and as its default.
 * Its errors name their fields under `payment_method.`, where the caller wrote them.
 */
export function createAccountPaymentMethod(tx: Transaction, accountId: string, body: Body): PaymentMethod {
  const input: NewPaymentMethodInput = { ...newPaymentMethodInput(body), accountId, isDefault: true };
  try {
    return createPaymentMethod(tx, input);
  } catch (error) {
    if (error instanceof DomainError && error.field !== undefined) {
      throw new DomainError(error.kind, error.message, error.object, `payment_method.${error.field}`);
    }
    throw error;
  }
}

export async function postPaymentMethod(ctx: RequestContext): Promise<Reply> {
  const input = newPaymentMethodInput(ctx.body as Body);
  const method = await ctx.services.store.transact(ctx.tenant, (tx) => createPaymentMethod(tx, input));
  return { status: 201, body: toV2PaymentMethod(method) };
}

export function getPaymentMethodV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: toV2PaymentMethod(getPaymentMethod(view, ctx.params.payment_method_id ?? '')) };
}

export function listPaymentMethodsV2(ctx: RequestContext): Reply {
  return { body: paginate(listPaymentMethods(ctx.services.store.view(ctx.tenant)), toV2PaymentMethod, ctx.query, PAYMENT_METHODS) };
}

export async function patchPaymentMethod(ctx: RequestContext): Promise<Reply> {
  const patch = patchInput((ctx.body ?? {}) as Body);
  const method = await ctx.services.store.transact(ctx.tenant, (tx) =>
    updatePaymentMethod(tx, ctx.params.payment_method_id ?? '', patch),
  );
  return { body: toV2PaymentMethod(method) };
}
