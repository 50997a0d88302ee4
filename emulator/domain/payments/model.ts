export const PAYMENT_METHODS = 'PaymentMethod';
export const PAYMENTS = 'Payment';

/** Zuora's payment method types the emulator keeps: cards, bank debits (ACH, SEPA, Bacs) and PayPal. */
export type PaymentMethodType =
  | 'CreditCard'
  | 'CreditCardReferenceTransaction'
  | 'ACH'
  | 'SEPA'
  | 'Bacs'
  | 'PayPalEC'
  | 'PayPalNativeEC'
  | 'PayPalCP'
  | 'PayPalAdaptive';

export type BankDebitType = Extract<PaymentMethodType, 'ACH' | 'SEPA' | 'Bacs'>;
export type PayPalType = Extract<PaymentMethodType, 'PayPalEC' | 'PayPalNativeEC' | 'PayPalCP' | 'PayPalAdaptive'>;

/**
 * What a bank debit method keeps of the account: the number (or IBAN) masked to its last four
 * characters, as Zuora keeps it, and the bank's codes and the holder.
 */
export interface BankAccount {
  /** `*` for every character but the last four. */
  accountMask: string;
  /** ACH: the ABA routing number; Bacs: the sort code. */
  bankCode: string | null;
  /** SEPA: the BIC. */
  businessIdentificationCode: string | null;
  /** ACH: Checking, Saving or BusinessChecking. */
  accountType: string | null;
  bankName: string | null;
  holderName: string | null;
  mandateId: string | null;
}

/** A PayPal method: the billing agreement (or preapproval key) and the payer's email. */
export interface PayPalAccount {
  baid: string | null;
  preapprovalKey: string | null;
  email: string | null;
}

/** The holder's address and contact details (`cardHolderInfo` / `accountHolderInfo` of V1 bodies). */
export interface HolderDetails {
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  state?: string;
  zipCode?: string;
  country?: string;
  email?: string;
  phone?: string;
}

/** The payment method's own retry rule, when it does not use the tenant's default one. */
export interface RetryRule {
  useDefaultRetryRule: boolean;
  maxConsecutivePaymentFailures: number | null;
  paymentRetryWindow: number | null;
}

/** How the gateway simulator treats charges to a payment method, decided when it is created. */
export interface GatewayBehaviour {
  outcome: 'approve' | 'decline';
  /** Gateway's code and message for a decline. */
  responseCode?: string;
  response?: string;
  /** A card that passes a card-on-file check (a verification) although its charges decline. */
  passesVerification?: boolean;
  /** How it treats refunds to the card, when not as its charges (a card that pays but cannot be refunded). */
  refund?: Omit<GatewayBehaviour, 'refund'>;
}

/**
 * A payment method. Of a card only brand, last four digits and expiry are kept (as Zuora keeps them);
 * a card reference keeps the gateway token.
 */
export type PaymentMethod = {
  id: string;
  accountId: string;
  type: PaymentMethodType;
  /** Visa, MasterCard, AmericanExpress, Discover, JCB, Diners (Zuora's CreditCardType values). */
  creditCardType: string | null;
  /** The last four digits. */
  creditCardLast4: string | null;
  creditCardExpirationMonth: number | null;
  creditCardExpirationYear: number | null;
  creditCardHolderName: string | null;
  /** cc_ref: the gateway's token for the card, and an optional second token (customer id). */
  tokenId: string | null;
  secondTokenId: string | null;
  /** ACH, SEPA and Bacs methods (absent on the others). */
  bankAccount?: BankAccount;
  /** PayPal methods (absent on the others). */
  payPal?: PayPalAccount;
  /** The holder's address, when given (V1 `cardHolderInfo` / `accountHolderInfo`). */
  holderDetails?: HolderDetails;
  /** Set once a V1 update gives the method its own retry rule. */
  retryRule?: RetryRule;
  status: 'Active' | 'Closed';
  gateway: GatewayBehaviour;
  numConsecutiveFailures: number;
  lastTransactionDateTime: string | null;
  lastTransactionStatus: string | null;
  customFields: Readonly<Record<string, string | number | boolean | null>>;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};

export type PaymentStatus = 'Processed' | 'Error' | 'Canceled' | 'Voided';

/** The invoices a payment paid, and how much of it went to each (Zuora's payment parts). */
export interface PaymentPart {
  invoiceId: string;
  amount: number;
}

export type Payment = {
  id: string;
  paymentNumber: string;
  accountId: string;
  type: 'External' | 'Electronic';
  status: PaymentStatus;
  amount: number;
  appliedAmount: number;
  unappliedAmount: number;
  /** What was refunded of it; unset is 0. */
  refundAmount?: number;
  currency: string;
  effectiveDate: string;
  paymentMethodId: string | null;
  paymentParts: PaymentPart[];
  gatewayResponse: string | null;
  gatewayResponseCode: string | null;
  gatewayState: 'Submitted' | 'FailedToSettle' | 'NotSubmitted' | 'MarkedForSubmission';
  referenceId: string | null;
  comment?: string;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};

export const REFUNDS = 'Refund';

/** Zuora's refund method types. */
export const REFUND_METHOD_TYPES = ['ACH', 'Cash', 'Check', 'CreditCard', 'PayPal', 'WireTransfer', 'DebitCard', 'CreditCardReferenceTransaction', 'BankTransfer', 'Other'] as const;

/**
 * Money given back from a payment's unapplied amount. An electronic refund goes to the payment's
 * payment method through the gateway simulator; an external one records money returned elsewhere.
 * `number` (not `refundNumber`) so triggers and callouts read it as `Refund.Number`, as Zuora names it.
 */
export type Refund = {
  id: string;
  number: string;
  accountId: string;
  paymentId: string;
  paymentMethodId: string | null;
  type: 'External' | 'Electronic';
  methodType: (typeof REFUND_METHOD_TYPES)[number];
  amount: number;
  status: 'Processed' | 'Error' | 'Canceled';
  refundDate: string;
  reasonCode: string;
  comment: string | null;
  referenceId: string | null;
  gatewayResponse: string | null;
  gatewayResponseCode: string | null;
  gatewayState: 'Submitted' | 'FailedToSettle' | 'NotSubmitted';
  submittedOn: string | null;
  cancelledOn: string | null;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};
