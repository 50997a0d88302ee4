import { invalidValue, missingField } from '../errors.js';
import { PAYMENT_METHODS, type BankAccount, type BankDebitType, type GatewayBehaviour, type PayPalAccount, type PayPalType } from './model.js';
import { behaviourOfBankAccount, behaviourOfPayPalPayer } from './testAccounts.js';

// Payment methods that are not cards: bank debits (ACH, SEPA, Bacs) and PayPal. Each is checked as
// Zuora checks its create body (POSTPaymentMethodRequest's per-type parts), keeps the account
// number only masked, and takes its gateway behaviour from the test accounts (testAccounts.ts).
// Field names in errors are Zuora's V1 ones, under `prefix` (e.g. `newAccount.paymentMethod.`).

export const BANK_DEBIT_TYPES: readonly BankDebitType[] = ['ACH', 'SEPA', 'Bacs'];
export const PAYPAL_TYPES: readonly PayPalType[] = ['PayPalEC', 'PayPalNativeEC', 'PayPalCP', 'PayPalAdaptive'];
const ACH_ACCOUNT_TYPES = ['Checking', 'Saving', 'BusinessChecking', 'BusinessSaving'];

type Input = Readonly<Record<string, unknown>>;

const text = (input: Input, key: string): string | undefined => (typeof input[key] === 'string' && input[key] !== '' ? (input[key] as string) : undefined);

function required(input: Input, key: string, prefix: string): string {
  const value = text(input, key);
  if (value === undefined) throw missingField(PAYMENT_METHODS, `${prefix}${key}`);
  return value;
}

function matching(value: string, pattern: RegExp, field: string, what: string): string {
  if (!pattern.test(value)) throw invalidValue(PAYMENT_METHODS, field, `'${field}' must be ${what}`);
  return value;
}

/** `*` for every character but the last four, as Zuora shows a stored account number. */
export const masked = (number: string): string => `${'*'.repeat(Math.max(0, number.length - 4))}${number.slice(-4)}`;

export interface DebitInstrument {
  bankAccount?: BankAccount;
  payPal?: PayPalAccount;
  gateway: GatewayBehaviour;
}

function bankAccount(fields: Partial<BankAccount> & { accountMask: string }): BankAccount {
  return { bankCode: null, businessIdentificationCode: null, accountType: null, bankName: null, holderName: null, mandateId: null, ...fields };
}

function bankDebit(type: BankDebitType, input: Input, prefix: string): DebitInstrument {
  const holder = (input.accountHolderInfo ?? {}) as Input;
  const mandateId = text((input.mandateInfo ?? {}) as Input, 'mandateId') ?? null;
  if (type === 'ACH') {
    const number = matching(required(input, 'bankAccountNumber', prefix), /^\d{4,17}$/, `${prefix}bankAccountNumber`, '4 to 17 digits');
    const accountType = text(input, 'bankAccountType') ?? 'Checking';
    if (!ACH_ACCOUNT_TYPES.includes(accountType)) throw invalidValue(PAYMENT_METHODS, `${prefix}bankAccountType`, `'bankAccountType' must be one of ${ACH_ACCOUNT_TYPES.join(', ')}`);
    return {
      bankAccount: bankAccount({
        accountMask: masked(number),
        bankCode: matching(required(input, 'bankABACode', prefix), /^\d{9}$/, `${prefix}bankABACode`, 'the 9-digit routing number'),
        accountType,
        bankName: text(input, 'bankName') ?? null,
        holderName: required(input, 'bankAccountName', prefix),
        mandateId,
      }),
      gateway: behaviourOfBankAccount(number),
    };
  }
  if (type === 'SEPA') {
    const iban = matching(required(input, 'IBAN', prefix).replaceAll(' ', '').toUpperCase(), /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, `${prefix}IBAN`, 'an IBAN');
    return {
      bankAccount: bankAccount({
        accountMask: masked(iban),
        businessIdentificationCode: text(input, 'businessIdentificationCode') ?? null,
        holderName: required(holder, 'accountHolderName', `${prefix}accountHolderInfo.`),
        mandateId,
      }),
      gateway: behaviourOfBankAccount(iban),
    };
  }
  const number = matching(required(input, 'accountNumber', prefix), /^\d{8}$/, `${prefix}accountNumber`, 'the 8-digit account number');
  return {
    bankAccount: bankAccount({
      accountMask: masked(number),
      bankCode: matching(required(input, 'bankCode', prefix), /^\d{6}$/, `${prefix}bankCode`, 'the 6-digit sort code'),
      holderName: text(holder, 'accountHolderName') ?? null,
      mandateId,
    }),
    gateway: behaviourOfBankAccount(number),
  };
}

function payPal(type: PayPalType, input: Input, prefix: string): DebitInstrument {
  const email = type === 'PayPalNativeEC' ? text(input, 'email') : required(input, 'email', prefix);
  if (email !== undefined) matching(email, /^[^@\s]+@[^@\s]+$/, `${prefix}email`, 'an email address');
  const adaptive = type === 'PayPalAdaptive';
  return {
    payPal: {
      baid: adaptive ? null : required(input, 'BAID', prefix),
      preapprovalKey: adaptive ? required(input, 'preapprovalKey', prefix) : null,
      email: email ?? null,
    },
    gateway: behaviourOfPayPalPayer(email ?? ''),
  };
}

/** Reads a bank debit or PayPal method's body (V1 names); throws for a type that is neither. */
export function debitInstrument(type: string, input: Input, prefix: string): DebitInstrument {
  if ((BANK_DEBIT_TYPES as readonly string[]).includes(type)) return bankDebit(type as BankDebitType, input, prefix);
  if ((PAYPAL_TYPES as readonly string[]).includes(type)) return payPal(type as PayPalType, input, prefix);
  throw invalidValue(PAYMENT_METHODS, `${prefix}type`, `'${type}' is not a bank debit or PayPal payment method type`);
}
