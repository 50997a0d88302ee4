import type { GatewayBehaviour } from './model.js';
import { own } from '../../state/paths.js';

/**
 * The gateway simulator's test cards and tokens, in the spirit of the well-known gateway test
 * numbers. Data, not code: add a row to script another outcome. Any other valid card number or
 * token is approved.
 */
export const TEST_CARDS: Readonly<Record<string, GatewayBehaviour>> = {
  '4111111111111111': { outcome: 'approve' },
  '4242424242424242': { outcome: 'approve' },
  '5555555555554444': { outcome: 'approve' },
  '378282246310005': { outcome: 'approve' },
  '4000000000000002': { outcome: 'decline', responseCode: 'card_declined', response: 'Your card was declined.' },
  '4000000000009995': { outcome: 'decline', responseCode: 'insufficient_funds', response: 'Your card has insufficient funds.' },
  '4000000000009987': { outcome: 'decline', responseCode: 'lost_card', response: 'Your card was declined.' },
  '4000000000009979': { outcome: 'decline', responseCode: 'stolen_card', response: 'Your card was declined.' },
  '4000000000000127': { outcome: 'decline', responseCode: 'incorrect_cvc', response: "Your card's security code is incorrect." },
  // Takes a card-on-file check, then declines every charge (renewal failures).
  '4000000000000341': { outcome: 'decline', responseCode: 'card_declined', response: 'Your card was declined.', passesVerification: true },
  '4000000000000069': { outcome: 'decline', responseCode: 'expired_card', response: 'Your card has expired.' },
  '4000000000000119': { outcome: 'decline', responseCode: 'processing_error', response: 'An error occurred while processing your card.' },
  // Pays, but every refund to it fails (a card closed since it was charged).
  '4000000000005126': { outcome: 'approve', refund: { outcome: 'decline', responseCode: 'expired_or_canceled_card', response: 'The refund failed: the card was canceled or has expired.' } },
};

/** Card-reference tokens (what a Stripe-tokenised card arrives as). */
export const TEST_TOKENS: Readonly<Record<string, GatewayBehaviour>> = {
  tok_visa: { outcome: 'approve' },
  tok_mastercard: { outcome: 'approve' },
  pm_card_visa: { outcome: 'approve' },
  tok_chargeDeclined: { outcome: 'decline', responseCode: 'card_declined', response: 'Your card was declined.' },
  pm_card_chargeDeclined: { outcome: 'decline', responseCode: 'card_declined', response: 'Your card was declined.' },
  tok_chargeDeclinedInsufficientFunds: { outcome: 'decline', responseCode: 'insufficient_funds', response: 'Your card has insufficient funds.' },
  pm_card_chargeDeclinedInsufficientFunds: { outcome: 'decline', responseCode: 'insufficient_funds', response: 'Your card has insufficient funds.' },
};

const APPROVE: GatewayBehaviour = { outcome: 'approve' };

export const behaviourOfCard = (cardNumber: string): GatewayBehaviour => own(TEST_CARDS, cardNumber) ?? APPROVE;
export const behaviourOfToken = (token: string): GatewayBehaviour => own(TEST_TOKENS, token) ?? APPROVE;

/** Brand from the card number's leading digits, spelt as Zuora's CreditCardType. */
export function cardBrand(cardNumber: string): string {
  if (/^4/.test(cardNumber)) return 'Visa';
  if (/^(5[1-5]|2[2-7])/.test(cardNumber)) return 'MasterCard';
  if (/^3[47]/.test(cardNumber)) return 'AmericanExpress';
  if (/^6(011|5)/.test(cardNumber)) return 'Discover';
  if (/^35/.test(cardNumber)) return 'JCB';
  if (/^3(0[0-5]|[68])/.test(cardNumber)) return 'Diners';
  return 'Visa';
}

/** The Luhn check every real card number passes. */
export function passesLuhn(cardNumber: string): boolean {
  if (!/^\d{12,19}$/.test(cardNumber)) return false;
  let sum = 0;
  [...cardNumber].reverse().forEach((digit, index) => {
    let value = Number(digit);
    if (index % 2 === 1) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
    sum += value;
  });
  return sum % 10 === 0;
}
