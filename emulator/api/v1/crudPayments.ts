import type { AnySchema } from 'ajv';
import { getAccount } from '../../domain/accounts.js';
import { conflict, invalidValue, missingField } from '../../domain/errors.js';
import { PAYMENT_METHODS, PAYMENTS } from '../../domain/payments/model.js';
import { createPaymentMethod, updatePaymentMethod, type NewPaymentMethodInput, type PaymentMethodPatch } from '../../domain/payments/paymentMethods.js';
import { createPayment, getPayment } from '../../domain/payments/payments.js';
import { cancelPayment, editPayment } from '../../domain/payments/paymentEdits.js';
import { closePaymentMethod, deletePayment } from '../../domain/payments/removal.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { Transaction } from '../../state/transaction.js';
import { crudDeleted, crudFields, crudInput, crudSaved } from './crud.js';

// CRUD writes of payment methods and payments (/v1/object/payment-method, /v1/object/payment),
// through the same domain calls as the REST and Quickstart APIs: the gateway simulator decides
// card payments, and each change raises the same events.

type Body = Record<string, unknown>;
const str = { type: 'string' } as const;
const month = { type: 'integer', minimum: 1, maximum: 12 } as const;
const year = { type: 'integer', minimum: 1900, maximum: 9999 } as const;

/** ProxyCreatePaymentMethod's card fields (the card number and security code Zuora takes but never returns). */
const methodProperties = {
  AccountId: str,
  Type: { enum: ['ACH', 'ApplePay', 'BankTransfer', 'Cash', 'Check', 'CreditCard', 'CreditCardReferenceTransaction', 'DebitCard', 'Other', 'PayPal', 'WireTransfer'] },
  CreditCardNumber: { type: 'string', minLength: 12, maxLength: 19 },
  CreditCardExpirationMonth: month,
  CreditCardExpirationYear: year,
  CreditCardSecurityCode: { type: 'string', maxLength: 4 },
  CreditCardHolderName: { type: 'string', maxLength: 50 },
  CreditCardType: str,
  TokenId: str,
  SecondTokenId: str,
  UseDefaultRetryRule: { type: 'boolean' },
  TotalNumberOfErrorPayments: { type: 'integer' },
  TotalNumberOfProcessedPayments: { type: 'integer' },
} as const;

export const crudPaymentMethodCreateSchema: AnySchema = { type: 'object', required: ['Type', 'AccountId'], properties: methodProperties };
export const crudPaymentMethodUpdateSchema: AnySchema = { type: 'object', properties: methodProperties };

/** The payment method types the gateway simulator charges; the others belong to other integrations. */
function methodInput(ctx: RequestContext): NewPaymentMethodInput {
  const { known, customFields } = crudFields(ctx.body as Body, Object.keys(methodProperties), ctx.query, PAYMENT_METHODS);
  const common = {
    accountId: String(known.AccountId),
    ...(typeof known.CreditCardHolderName === 'string' ? { holderName: known.CreditCardHolderName } : {}),
    ...(Object.keys(customFields).length > 0 ? { customFields: customFields as NewPaymentMethodInput['customFields'] } : {}),
  };
  if (known.Type === 'CreditCardReferenceTransaction') {
    if (typeof known.TokenId !== 'string') throw missingField(PAYMENT_METHODS, 'TokenId');
    return { ...common, type: 'CreditCardReferenceTransaction', cardReference: { token: known.TokenId, ...(typeof known.SecondTokenId === 'string' ? { secondToken: known.SecondTokenId } : {}) } };
  }
  if (known.Type !== 'CreditCard') throw invalidValue(PAYMENT_METHODS, 'Type', `The emulator's gateway takes CreditCard and CreditCardReferenceTransaction payment methods, not ${String(known.Type)}`);
  for (const field of ['CreditCardNumber', 'CreditCardExpirationMonth', 'CreditCardExpirationYear']) {
    if (known[field] === undefined) throw missingField(PAYMENT_METHODS, field);
  }
  return {
    ...common,
    type: 'CreditCard',
    card: {
      cardNumber: String(known.CreditCardNumber),
      expiryMonth: Number(known.CreditCardExpirationMonth),
      expiryYear: Number(known.CreditCardExpirationYear),
      ...(typeof known.CreditCardSecurityCode === 'string' ? { securityCode: known.CreditCardSecurityCode } : {}),
      ...(typeof known.CreditCardType === 'string' ? { brand: known.CreditCardType } : {}),
    },
  };
}

export async function postCrudPaymentMethod(ctx: RequestContext): Promise<Reply> {
  const input = methodInput(ctx);
  const method = await ctx.services.store.transact(ctx.tenant, (tx) => createPaymentMethod(tx, input));
  return crudSaved(method.id);
}

/** An update edits expiry, holder, second token and custom fields, or moves the method to another account. */
export async function putCrudPaymentMethod(ctx: RequestContext): Promise<Reply> {
  const { known, customFields } = crudFields(ctx.body as Body, Object.keys(methodProperties), ctx.query, PAYMENT_METHODS);
  const card = {
    ...(known.CreditCardExpirationMonth !== undefined ? { expiryMonth: Number(known.CreditCardExpirationMonth) } : {}),
    ...(known.CreditCardExpirationYear !== undefined ? { expiryYear: Number(known.CreditCardExpirationYear) } : {}),
    ...(typeof known.CreditCardSecurityCode === 'string' ? { securityCode: known.CreditCardSecurityCode } : {}),
  };
  const patch: PaymentMethodPatch = {
    ...(typeof known.AccountId === 'string' ? { accountId: known.AccountId } : {}),
    ...(Object.keys(card).length > 0 ? { card } : {}),
    ...(typeof known.SecondTokenId === 'string' ? { cardReference: { secondToken: known.SecondTokenId } } : {}),
    ...(typeof known.CreditCardHolderName === 'string' ? { holderName: known.CreditCardHolderName } : {}),
    ...(Object.keys(customFields).length > 0 ? { customFields: customFields as PaymentMethodPatch['customFields'] } : {}),
  };
  const method = await ctx.services.store.transact(ctx.tenant, (tx) => updatePaymentMethod(tx, ctx.params.id ?? '', patch));
  return crudSaved(method.id);
}

export async function deleteCrudPaymentMethod(ctx: RequestContext): Promise<Reply> {
  const method = await ctx.services.store.transact(ctx.tenant, (tx) => closePaymentMethod(tx, ctx.params.id ?? ''));
  return crudDeleted(method.id);
}

/** ProxyCreatePayment's fields, and the invoice a CRUD payment is applied to. */
const paymentProperties = {
  AccountId: str,
  Amount: { type: 'number' },
  AppliedCreditBalanceAmount: { type: 'number' },
  AppliedInvoiceAmount: { type: 'number' },
  InvoiceId: str,
  Comment: { type: 'string', maxLength: 255 },
  EffectiveDate: { type: 'string', format: 'date' },
  PaymentMethodId: str,
  ReferenceId: { type: 'string', maxLength: 60 },
  Status: { enum: ['Processed', 'Canceled', 'Draft'] },
  Type: { enum: ['External', 'Electronic'] },
  AccountingCode: str,
  GatewayResponse: str,
  GatewayResponseCode: str,
  GatewayState: str,
  PaymentNumber: str,
} as const;

/** Zuora requires the account, amount, date, type and status in practice; the gateway fields are its own. */
export const crudPaymentCreateSchema: AnySchema = {
  type: 'object',
  required: ['AccountId', 'Amount', 'EffectiveDate', 'Type', 'Status'],
  properties: paymentProperties,
};
export const crudPaymentUpdateSchema: AnySchema = { type: 'object', properties: paymentProperties };

function paymentOf(tx: Transaction, body: Body, query: Record<string, unknown>) {
  const input = crudInput(body, paymentProperties, query, PAYMENTS);
  if (input.status !== 'Processed') throw invalidValue(PAYMENTS, 'Status', "A payment is created with Status 'Processed'");
  const account = getAccount(tx, String(input.accountId));
  const invoiceId = input.invoiceId as string | undefined;
  if (invoiceId === undefined && input.appliedInvoiceAmount !== undefined) throw missingField(PAYMENTS, 'InvoiceId');
  const applied = Number(input.appliedInvoiceAmount ?? input.amount);
  return createPayment(tx, {
    account: account.id,
    type: input.type as 'External' | 'Electronic',
    amount: Number(input.amount),
    currency: account.currency,
    effectiveDate: String(input.effectiveDate),
    ...(typeof input.paymentMethodId === 'string' ? { paymentMethodId: input.paymentMethodId } : {}),
    ...(invoiceId ? { invoices: [{ invoiceId, amount: applied }] } : {}),
    ...(typeof input.comment === 'string' ? { comment: input.comment } : {}),
    ...(typeof input.referenceId === 'string' ? { referenceId: input.referenceId } : {}),
  });
}

export async function postCrudPayment(ctx: RequestContext): Promise<Reply> {
  const payment = await ctx.services.store.transact(ctx.tenant, (tx) => paymentOf(tx, ctx.body as Body, ctx.query));
  return crudSaved(payment.id);
}

/** A CRUD update cancels an external payment (`Status: Canceled`) or edits its comment and reference. */
export async function putCrudPayment(ctx: RequestContext): Promise<Reply> {
  const input = crudInput(ctx.body as Body, paymentProperties, ctx.query, PAYMENTS);
  const payment = await ctx.services.store.transact(ctx.tenant, (tx) => {
    const current = getPayment(tx, ctx.params.id ?? '');
    for (const field of ['amount', 'accountId', 'type', 'paymentMethodId', 'effectiveDate', 'invoiceId']) {
      if (input[field] !== undefined) throw conflict(PAYMENTS, `'${field.charAt(0).toUpperCase()}${field.slice(1)}' of a payment cannot change`, field);
    }
    const edits = {
      ...(typeof input.comment === 'string' ? { comment: input.comment } : {}),
      ...(typeof input.referenceId === 'string' ? { referenceId: input.referenceId } : {}),
    };
    if (Object.keys(edits).length > 0) editPayment(tx, current.id, edits);
    if (input.status === 'Canceled') return cancelPayment(tx, current.id);
    if (input.status !== undefined && input.status !== current.status) throw invalidValue(PAYMENTS, 'Status', `A payment's status changes only to Canceled`);
    return current;
  });
  return crudSaved(payment.id);
}

export async function deleteCrudPayment(ctx: RequestContext): Promise<Reply> {
  const payment = await ctx.services.store.transact(ctx.tenant, (tx) => deletePayment(tx, ctx.params.id ?? ''));
  return crudDeleted(payment.id);
}
