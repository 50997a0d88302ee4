import { own } from '../../state/paths.js';
import type { GatewayBehaviour } from './model.js';

/**
 * The gateway simulator's test bank accounts and PayPal payers, beside its test cards: what
 * decides a decline for a payment method that is not a card. A bank debit (ACH, SEPA, Bacs) is
 * judged by its account number (the IBAN for SEPA), a PayPal method by its payer's email. These
 * rows decline every charge with the code and message given; any other account or payer is
 * approved. Data, not code: add a row to script another outcome. The numbers follow the
 * well-known gateway test accounts.
 */
export const TEST_BANK_ACCOUNTS: Readonly<Record<string, GatewayBehaviour>> = {
  // ACH account numbers.
  '000111111113': { outcome: 'decline', responseCode: 'account_closed', response: 'The bank account is closed.' },
  '000222222227': { outcome: 'decline', responseCode: 'insufficient_funds', response: 'The bank account has insufficient funds.' },
  // SEPA IBANs.
  DE62370400440532013001: { outcome: 'decline', responseCode: 'insufficient_funds', response: 'The bank account has insufficient funds.' },
  AT861904300235473202: { outcome: 'decline', responseCode: 'debit_not_authorized', response: 'The account holder has not authorised the debit.' },
  // Bacs account numbers.
  '90012345': { outcome: 'decline', responseCode: 'insufficient_funds', response: 'The bank account has insufficient funds.' },
  '33333335': { outcome: 'decline', responseCode: 'debit_not_authorized', response: 'The account holder has not authorised the debit.' },
};

export const TEST_PAYPAL_PAYERS: Readonly<Record<string, GatewayBehaviour>> = {
  'declined@paypal.test': { outcome: 'decline', responseCode: 'INSTRUMENT_DECLINED', response: 'PayPal declined the payment.' },
  'no-funds@paypal.test': { outcome: 'decline', responseCode: 'INSUFFICIENT_FUNDS', response: "The PayPal payer's funding source has insufficient funds." },
};

const APPROVE: GatewayBehaviour = { outcome: 'approve' };

export const behaviourOfBankAccount = (accountNumber: string): GatewayBehaviour => own(TEST_BANK_ACCOUNTS, accountNumber) ?? APPROVE;
export const behaviourOfPayPalPayer = (email: string): GatewayBehaviour => own(TEST_PAYPAL_PAYERS, email.toLowerCase()) ?? APPROVE;
