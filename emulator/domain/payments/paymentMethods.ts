import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { ACCOUNTS, getAccount, updateAccount, type Account } from '../accounts.js';
import { checkCustomFields, type CustomFields } from '../customFields.js';
import { invalidValue, missingField, notFound, referenced } from '../errors.js';
import { PAYMENT_METHODS, type HolderDetails, type PaymentMethod, type PaymentMethodType, type RetryRule } from './model.js';
import { BANK_DEBIT_TYPES, PAYPAL_TYPES, type DebitInstrument } from './debitMethods.js';
import { behaviourOfCard, behaviourOfToken, cardBrand, passesLuhn } from './testCards.js';

/** The account a payment method belongs to; Quickstart lets a caller name it by id or by number. */
export interface AccountReference {
  accountId?: string;
  accountNumber?: string;
}

export interface CardInput {
  cardNumber: string;
  expiryMonth: number;
  expiryYear: number;
  securityCode?: string;
  /** Zuora's CreditCardType spelling (Visa, MasterCard...); read from the number when absent. */
  brand?: string;
}

export interface CardReferenceInput {
  token: string;
  secondToken?: string;
}

export interface NewPaymentMethodInput extends AccountReference {
  type: PaymentMethodType;
  /** Required for a CreditCard. */
  card?: CardInput;
  /** Required for a CreditCardReferenceTransaction. */
  cardReference?: CardReferenceInput;
  /** Required for a bank debit (ACH, SEPA, Bacs) or PayPal method: its body as debitInstrument() read it. */
  debit?: DebitInstrument;
  holderName?: string;
  holderDetails?: HolderDetails;
  isDefault?: boolean;
  customFields?: CustomFields;
}

export interface PaymentMethodPatch extends AccountReference {
  card?: { expiryMonth?: number; expiryYear?: number; securityCode?: string };
  cardReference?: { secondToken?: string };
  holderName?: string;
  holderDetails?: HolderDetails;
  retryRule?: Partial<RetryRule>;
  customFields?: CustomFields;
}

/** What a payment method keeps of its card or token: never the full number or the security code. */
type Instrument = Pick<
  PaymentMethod,
  | 'creditCardType'
  | 'creditCardLast4'
  | 'creditCardExpirationMonth'
  | 'creditCardExpirationYear'
  | 'tokenId'
  | 'secondTokenId'
  | 'bankAccount'
  | 'payPal'
  | 'gateway'
>;

export function createPaymentMethod(tx: Transaction, input: NewPaymentMethodInput): PaymentMethod {
  const account = owningAccount(tx, input);
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  const method = tx.insert<PaymentMethod>(PAYMENT_METHODS, {
    id: tx.newId(),
    accountId: account.id,
    type: input.type,
    ...instrumentOf(tx.now(), input),
    creditCardHolderName: input.holderName ?? null,
    ...(input.holderDetails && Object.keys(input.holderDetails).length > 0 ? { holderDetails: input.holderDetails } : {}),
    status: 'Active',
    numConsecutiveFailures: 0,
    lastTransactionDateTime: null,
    lastTransactionStatus: null,
    customFields: checkCustomFields(tx, PAYMENT_METHODS, input.customFields ?? {}, 'custom_fields.'),
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
  // Zuora makes a new method the default only when asked, even on an account that has none.
  if (input.isDefault) setDefaultPaymentMethod(tx, account.id, method.id);
  return method;
}

export function getPaymentMethod(view: ReadView, id: string): PaymentMethod {
  const method = view.get<PaymentMethod>(PAYMENT_METHODS, id);
  if (!method) throw notFound(PAYMENT_METHODS, id, 'payment_method_id');
  return method;
}

/** An account's payment methods, in creation order, through the index by account. */
export function paymentMethodsOfAccount(view: ReadView, accountId: string): PaymentMethod[] {
  return view.scanBy<PaymentMethod>(PAYMENT_METHODS, 'accountId', accountId);
}

/** Every payment method in creation order, read lazily. */
export function listPaymentMethods(view: ReadView): Generator<PaymentMethod> {
  return view.scan<PaymentMethod>(PAYMENT_METHODS);
}

/** Edits expiry, holder and custom fields; naming another account moves the method there. */
export function updatePaymentMethod(tx: Transaction, id: string, patch: PaymentMethodPatch): PaymentMethod {
  const current = getPaymentMethod(tx, id);
  const changes: Partial<PaymentMethod> = {};
  if (patch.card) {
    if (current.type !== 'CreditCard') throw invalidValue(PAYMENT_METHODS, 'card', "Only a card payment method has 'card' details");
    const { expiryMonth, expiryYear, securityCode } = patch.card;
    if (securityCode !== undefined) checkSecurityCode(securityCode);
    if (expiryMonth !== undefined || expiryYear !== undefined) {
      // A card method always has an expiry; the fallbacks only satisfy the nullable record type.
      const [month, year] = checkExpiry(
        tx.now(),
        expiryMonth ?? current.creditCardExpirationMonth ?? 0,
        expiryYear ?? current.creditCardExpirationYear ?? 0,
      );
      changes.creditCardExpirationMonth = month;
      changes.creditCardExpirationYear = year;
    }
  }
  if (patch.cardReference) {
    if (current.type !== 'CreditCardReferenceTransaction') {
      throw invalidValue(PAYMENT_METHODS, 'cc_ref', "Only a cc_ref payment method has 'cc_ref' details");
    }
    if (patch.cardReference.secondToken !== undefined) changes.secondTokenId = patch.cardReference.secondToken;
  }
  if (patch.holderName !== undefined) changes.creditCardHolderName = patch.holderName;
  if (patch.holderDetails) changes.holderDetails = { ...current.holderDetails, ...patch.holderDetails };
  if (patch.retryRule) changes.retryRule = retryRuleOf(current, patch.retryRule);
  if (patch.customFields) {
    changes.customFields = checkCustomFields(tx, PAYMENT_METHODS, { ...current.customFields, ...patch.customFields }, 'custom_fields.');
  }
  if (patch.accountId !== undefined || patch.accountNumber !== undefined) {
    const target = owningAccount(tx, patch);
    if (target.id !== current.accountId) {
      changes.accountId = target.id;
      // An account must not keep a default payment method that now belongs to someone else.
      const previous = tx.get<Account>(ACCOUNTS, current.accountId);
      if (previous?.defaultPaymentMethodId === current.id) updateAccount(tx, previous.id, { defaultPaymentMethodId: null });
    }
  }
  return tx.update<PaymentMethod>(PAYMENT_METHODS, current.id, {
    ...changes,
    updatedById: apiUserId(tx.tenant),
    updatedDate: tx.now().toISOString(),
  });
}

/**
 * Checks that a payment method can be the account's default: it exists, is active and belongs to
 * the account. Account updates that carry `default_payment_method_id` call this before writing it.
 */
export function checkDefaultPaymentMethod(view: ReadView, account: Account, paymentMethodId: string): PaymentMethod {
  const field = 'default_payment_method_id';
  const method = referenced(() => getPaymentMethod(view, paymentMethodId), ACCOUNTS, field, `Payment method '${paymentMethodId}'`);
  if (method.accountId !== account.id) {
    throw invalidValue(ACCOUNTS, field, `Payment method '${paymentMethodId}' does not belong to account '${account.accountNumber}'`);
  }
  if (method.status !== 'Active') throw invalidValue(ACCOUNTS, field, `Payment method '${paymentMethodId}' is closed`);
  return method;
}

/** Makes one of the account's payment methods its default. */
export function setDefaultPaymentMethod(tx: Transaction, accountKey: string, paymentMethodId: string): Account {
  const account = getAccount(tx, accountKey);
  checkDefaultPaymentMethod(tx, account, paymentMethodId);
  if (account.defaultPaymentMethodId === paymentMethodId) return account;
  return updateAccount(tx, account.id, { defaultPaymentMethodId: paymentMethodId }).account;
}

function owningAccount(view: ReadView, reference: AccountReference): Account {
  const field = reference.accountId !== undefined ? 'account_id' : 'account_number';
  const key = reference.accountId ?? reference.accountNumber;
  if (key === undefined) throw missingField(PAYMENT_METHODS, 'account_id');
  const account = referenced(() => getAccount(view, key), PAYMENT_METHODS, field, `Account '${key}'`);
  if (reference.accountNumber !== undefined && account.accountNumber !== reference.accountNumber) {
    throw invalidValue(PAYMENT_METHODS, 'account_number', `'account_number' names another account than 'account_id'`);
  }
  if (account.status === 'Canceled') throw invalidValue(PAYMENT_METHODS, field, `Account '${key}' is canceled`);
  return account;
}

/** A payment method's own retry rule; giving a limit turns the tenant's default rule off unless told otherwise. */
function retryRuleOf(current: PaymentMethod, patch: Partial<RetryRule>): RetryRule {
  const base = current.retryRule ?? { useDefaultRetryRule: true, maxConsecutivePaymentFailures: null, paymentRetryWindow: null };
  const ownLimits = patch.maxConsecutivePaymentFailures !== undefined || patch.paymentRetryWindow !== undefined;
  return {
    useDefaultRetryRule: patch.useDefaultRetryRule ?? (ownLimits ? false : base.useDefaultRetryRule),
    maxConsecutivePaymentFailures: patch.maxConsecutivePaymentFailures ?? base.maxConsecutivePaymentFailures,
    paymentRetryWindow: patch.paymentRetryWindow ?? base.paymentRetryWindow,
  };
}

const NO_CARD = { creditCardType: null, creditCardLast4: null, creditCardExpirationMonth: null, creditCardExpirationYear: null } as const;

function instrumentOf(now: Date, input: NewPaymentMethodInput): Instrument {
  if (input.debit) return { ...NO_CARD, tokenId: null, secondTokenId: null, ...input.debit };
  if ((BANK_DEBIT_TYPES as readonly string[]).includes(input.type) || (PAYPAL_TYPES as readonly string[]).includes(input.type)) {
    throw missingField(PAYMENT_METHODS, input.type);
  }
  if (input.type === 'CreditCard') {
    if (input.cardReference) throw invalidValue(PAYMENT_METHODS, 'cc_ref', "A card payment method takes 'card', not 'cc_ref'");
    if (!input.card) throw missingField(PAYMENT_METHODS, 'card');
    return cardInstrument(now, input.card);
  }
  if (input.card) throw invalidValue(PAYMENT_METHODS, 'card', "A cc_ref payment method takes 'cc_ref', not 'card'");
  if (!input.cardReference) throw missingField(PAYMENT_METHODS, 'cc_ref');
  const { token, secondToken } = input.cardReference;
  if (token.trim() === '') throw invalidValue(PAYMENT_METHODS, 'cc_ref.token', "'cc_ref.token' cannot be empty");
  return {
    ...NO_CARD,
    tokenId: token,
    secondTokenId: secondToken ?? null,
    gateway: behaviourOfToken(token),
  };
}

/** Reads what is kept of a card; the full number decides the gateway's behaviour and is then dropped. */
function cardInstrument(now: Date, card: CardInput): Instrument {
  // Messages never quote the number: it must not reach logs or answers.
  if (!passesLuhn(card.cardNumber)) throw invalidValue(PAYMENT_METHODS, 'card.card_number', 'The card number is not a valid card number');
  const brand = cardBrand(card.cardNumber);
  if (card.brand !== undefined && card.brand !== brand) {
    throw invalidValue(PAYMENT_METHODS, 'card.brand', `The card number is a ${brand} number, not ${card.brand}`);
  }
  if (card.securityCode !== undefined) checkSecurityCode(card.securityCode);
  const [month, year] = checkExpiry(now, card.expiryMonth, card.expiryYear);
  return {
    creditCardType: brand,
    creditCardLast4: card.cardNumber.slice(-4),
    creditCardExpirationMonth: month,
    creditCardExpirationYear: year,
    tokenId: null,
    secondTokenId: null,
    gateway: behaviourOfCard(card.cardNumber),
  };
}

/** A card is good through the last day of its expiry month. Two-digit years are this century's. */
function checkExpiry(now: Date, month: number, year: number): [month: number, year: number] {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw invalidValue(PAYMENT_METHODS, 'card.expiry_month', "'card.expiry_month' must be between 1 and 12");
  }
  const fullYear = Number.isInteger(year) && year >= 0 && year < 100 ? 2000 + year : year;
  if (!Number.isInteger(fullYear) || fullYear < 1000 || fullYear > 9999) {
    throw invalidValue(PAYMENT_METHODS, 'card.expiry_year', "'card.expiry_year' must be a two- or four-digit year");
  }
  const thisYear = now.getUTCFullYear();
  if (fullYear * 12 + month < thisYear * 12 + now.getUTCMonth() + 1) {
    const field = fullYear < thisYear ? 'card.expiry_year' : 'card.expiry_month';
    throw invalidValue(PAYMENT_METHODS, field, `The card expired at the end of ${String(month).padStart(2, '0')}/${fullYear}`);
  }
  return [month, fullYear];
}

function checkSecurityCode(code: string): void {
  if (!/^\d{3,4}$/.test(code)) throw invalidValue(PAYMENT_METHODS, 'card.security_code', "'card.security_code' must be 3 or 4 digits");
}
