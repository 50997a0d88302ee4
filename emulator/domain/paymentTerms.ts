/**
 * The payment terms every tenant starts with. Data, not code: add a row to offer another term.
 * An invoice's due date is its invoice date plus `dueDays`.
 */
export interface PaymentTerm {
  name: string;
  dueDays: number;
  active: boolean;
  isDefault: boolean;
}

export const PAYMENT_TERMS: readonly PaymentTerm[] = [
  { name: 'Due Upon Receipt', dueDays: 0, active: true, isDefault: true },
  { name: 'Net 7', dueDays: 7, active: true, isDefault: false },
  { name: 'Net 15', dueDays: 15, active: true, isDefault: false },
  { name: 'Net 30', dueDays: 30, active: true, isDefault: false },
  { name: 'Net 45', dueDays: 45, active: true, isDefault: false },
  { name: 'Net 60', dueDays: 60, active: true, isDefault: false },
  { name: 'Net 90', dueDays: 90, active: true, isDefault: false },
];

export const DEFAULT_PAYMENT_TERM = 'Due Upon Receipt';

export function findPaymentTerm(name: string): PaymentTerm | undefined {
  return PAYMENT_TERMS.find((term) => term.name.toLowerCase() === name.toLowerCase());
}
