import type { PaymentMethodInput, StoredPaymentMethod } from '../model/types.js';

/** The Luhn check every real card number (and every well-known test number) passes. */
export function passesLuhn(cardNumber: string): boolean {
  if (!/^\d{12,19}$/.test(cardNumber)) return false;
  let sum = 0;
  [...cardNumber].reverse().forEach((digit, index) => {
    const value = Number(digit) * (index % 2 === 1 ? 2 : 1);
    sum += value > 9 ? value - 9 : value;
  });
  return sum % 10 === 0;
}

/** Brand from the leading digits, spelt as Zuora's CreditCardType; undefined when unrecognised. */
export function cardBrand(cardNumber: string): string | undefined {
  if (/^4/.test(cardNumber)) return 'Visa';
  if (/^(5[1-5]|2[2-7])/.test(cardNumber)) return 'MasterCard';
  if (/^3[47]/.test(cardNumber)) return 'AmericanExpress';
  if (/^6(011|5)/.test(cardNumber)) return 'Discover';
  if (/^35/.test(cardNumber)) return 'JCB';
  if (/^3(0[0-5]|[68])/.test(cardNumber)) return 'Diners';
  return undefined;
}

/** What the platform keeps of a payment method until outbound has it in Zuora: never the card number or the token. */
export function storedPaymentMethod(input: PaymentMethodInput): StoredPaymentMethod {
  if (input.type === 'cc_ref') return { type: 'cc_ref' };
  return {
    type: 'card',
    ...(input.brand ? { brand: input.brand } : {}),
    last4: input.cardNumber.slice(-4),
    expMonth: input.expMonth,
    expYear: input.expYear,
  };
}
