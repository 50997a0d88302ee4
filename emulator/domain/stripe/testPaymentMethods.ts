// Stripe's test payment methods, as data: each names the test card it stands for, and the shared
// gateway simulator's table (payments/testCards.ts) decides what charging that card does.

/** `pm_card_*` template ids and the card number each one is. */
export const TEST_PAYMENT_METHODS: Readonly<Record<string, string>> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_amex: '378282246310005',
  pm_card_visa_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_visa_chargeDeclinedLostCard: '4000000000009987',
  pm_card_visa_chargeDeclinedStolenCard: '4000000000009979',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedProcessingError: '4000000000000119',
  pm_card_chargeCustomerFail: '4000000000000341',
};

/** Declining cards refuse to be attached too, except this one, which fails only when charged. */
export const ATTACHES_THEN_DECLINES: ReadonlySet<string> = new Set(['4000000000000341']);

/** Gateway codes that are Stripe error codes of their own; every other decline is `card_declined` with it as the decline code. */
export const OWN_ERROR_CODES: ReadonlySet<string> = new Set(['expired_card', 'incorrect_cvc', 'processing_error', 'incorrect_number']);

export const BRANDS: Readonly<Record<string, string>> = {
  Visa: 'visa',
  MasterCard: 'mastercard',
  AmericanExpress: 'amex',
  Discover: 'discover',
  JCB: 'jcb',
  Diners: 'diners',
};
