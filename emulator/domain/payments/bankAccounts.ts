import { invalidValue, missingField } from '../errors.js';
import { PAYMENT_METHODS, type BankAccount } from './model.js';

// Bank accounts of ACH and SEPA payment methods. Zuora creates them without a call to the gateway
// (no verification), so the checks are the ones the numbers themselves allow: the ABA routing
// checksum, the IBAN's mod-97 check digits. Only the last four characters of the account number
// or IBAN are kept.

export interface BankAccountInput {
  type: 'ACH' | 'SEPA';
  /** ACH */
  accountNumber?: string;
  abaCode?: string;
  accountType?: string;
  bankName?: string;
  /** SEPA */
  iban?: string;
  businessIdentificationCode?: string;
  /** The holder: `bankAccountName` (ACH) or `accountHolderInfo.accountHolderName` (SEPA). */
  accountName?: string;
}

const ACCOUNT_TYPES = ['BusinessChecking', 'Checking', 'Saving'] as const;

function required(value: string | undefined, field: string): string {
  if (value === undefined || value.trim() === '') throw missingField(PAYMENT_METHODS, field);
  return value.trim();
}

function limited(value: string, field: string, max: number): string {
  if (value.length > max) throw invalidValue(PAYMENT_METHODS, field, `'${field}' must be at most ${max} characters`);
  return value;
}

/** The ABA routing number checksum: 3, 7, 1 weights over the nine digits, a multiple of ten. */
export function validRoutingNumber(code: string): boolean {
  if (!/^\d{9}$/.test(code)) return false;
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  return [...code].reduce((sum, digit, index) => sum + Number(digit) * (weights[index] as number), 0) % 10 === 0;
}

/** An IBAN's check digits: the number read with the country and check digits moved to the end, mod 97, is 1. */
export function validIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = [...(iban.slice(4) + iban.slice(0, 4))].map((char) => (/\d/.test(char) ? char : String(char.charCodeAt(0) - 55))).join('');
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

function achAccount(input: BankAccountInput): BankAccount {
  const abaCode = required(input.abaCode, 'bankABACode');
  if (!validRoutingNumber(abaCode)) throw invalidValue(PAYMENT_METHODS, 'bankABACode', "'bankABACode' is not a valid ABA routing number");
  const number = required(input.accountNumber, 'bankAccountNumber');
  if (!/^\d{4,17}$/.test(number)) throw invalidValue(PAYMENT_METHODS, 'bankAccountNumber', "'bankAccountNumber' must be 4 to 17 digits");
  const accountType = required(input.accountType, 'bankAccountType');
  if (!(ACCOUNT_TYPES as readonly string[]).includes(accountType)) {
    throw invalidValue(PAYMENT_METHODS, 'bankAccountType', `'bankAccountType' must be one of ${ACCOUNT_TYPES.join(', ')}`);
  }
  return {
    accountNumberLast4: number.slice(-4),
    accountName: limited(required(input.accountName, 'bankAccountName'), 'bankAccountName', 70),
    bankName: limited(required(input.bankName, 'bankName'), 'bankName', 70),
    abaCode,
    accountType: accountType as BankAccount['accountType'],
    businessIdentificationCode: null,
  };
}

function sepaAccount(input: BankAccountInput): BankAccount {
  const iban = required(input.iban, 'IBAN').replace(/\s+/g, '').toUpperCase();
  if (!validIban(iban)) throw invalidValue(PAYMENT_METHODS, 'IBAN', "'IBAN' is not a valid IBAN");
  const bic = input.businessIdentificationCode?.trim().toUpperCase();
  if (bic !== undefined && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) {
    throw invalidValue(PAYMENT_METHODS, 'businessIdentificationCode', "'businessIdentificationCode' is not a valid BIC");
  }
  return {
    accountNumberLast4: iban.slice(-4),
    accountName: limited(required(input.accountName, 'accountHolderInfo.accountHolderName'), 'accountHolderInfo.accountHolderName', 60),
    bankName: input.bankName?.trim() || null,
    abaCode: null,
    accountType: null,
    businessIdentificationCode: bic ?? null,
  };
}

/** Checks a new bank account and keeps what may be kept of it. */
export function bankAccountOf(input: BankAccountInput): BankAccount {
  return input.type === 'ACH' ? achAccount(input) : sepaAccount(input);
}
