import { ACCOUNTS, type Account } from '../../../domain/accounts.js';
import { PAYMENT_METHODS, PAYMENTS, type Payment, type PaymentMethod } from '../../../domain/payments/model.js';
import type { ReadView } from '../../../state/transaction.js';
import { customFieldsOf } from './customFields.js';
import { orNull, unmodelled } from './nulls.js';

// A payment method as GET /v1/payment-methods/{id} reads it (GETPaymentMethodResponse), and as
// each member of an account's list (GETPaymentMethodResponseForAccount). Every field of the
// schema is there; those of other payment method types, and what the emulator has no feature
// for (mandates, digital wallets, device data), are null.

const masked = (last4: string | null): string | null => (last4 ? `************${last4}` : null);

/** Fields of the official schema the emulator has no feature behind; the subset's schema lists them too. */
export const UNMODELLED_PAYMENT_METHOD_FIELDS = [
  'accountVerificationService',
  'accountVerificationStatus',
  'bankIdentificationNumber',
  'deviceSessionId',
  'existingMandate',
  'ipAddress',
  'cardBinInfo',
  'securityCode',
  'branchCode',
  'identityNumber',
  'googleBIN',
  'googleCardNumber',
  'googleCardType',
  'googleExpiryDate',
  'googleGatewayToken',
  'appleBIN',
  'appleCardNumber',
  'appleCardType',
  'appleExpiryDate',
  'appleGatewayToken',
] as const;

/** The null fields, worked out once rather than on every answer. */
const PAYMENT_METHOD_NULLS = unmodelled(UNMODELLED_PAYMENT_METHOD_FIELDS);

function holderInfo(method: PaymentMethod): Record<string, unknown> {
  const details = method.holderDetails ?? {};
  return {
    accountHolderName: method.bankAccount?.holderName ?? method.creditCardHolderName,
    addressLine1: orNull(details.addressLine1),
    addressLine2: orNull(details.addressLine2),
    city: orNull(details.city),
    state: orNull(details.state),
    zipCode: orNull(details.zipCode),
    country: orNull(details.country),
    email: orNull(details.email),
    phone: orNull(details.phone),
  };
}

/** How many of the method's payments went through, and how many failed. */
function paymentCounts(view: ReadView, method: PaymentMethod): { processed: number; failed: number; lastFailed: string | null } {
  const payments = view.filterBy<Payment>(PAYMENTS, 'paymentMethodId', method.id);
  const failed = payments.filter((payment) => payment.status === 'Error');
  return {
    processed: payments.filter((payment) => payment.status === 'Processed').length,
    failed: failed.length,
    lastFailed: failed.map((payment) => payment.createdDate).sort().at(-1) ?? null,
  };
}

/** The bank debit's fields under their V1 names; numbers masked as stored. */
function bankFields(method: PaymentMethod): Record<string, unknown> {
  const bank = method.bankAccount;
  const ach = method.type === 'ACH' ? bank : undefined;
  const transfer = method.type === 'SEPA' || method.type === 'Bacs' ? bank : undefined;
  return {
    bankABACode: ach ? ach.bankCode : null,
    bankAccountName: ach ? ach.holderName : null,
    bankAccountNumber: ach ? ach.accountMask : null,
    bankAccountType: ach ? ach.accountType : null,
    bankName: bank ? bank.bankName : null,
    IBAN: method.type === 'SEPA' && bank ? bank.accountMask : null,
    accountNumber: method.type === 'Bacs' && bank ? bank.accountMask : null,
    bankCode: method.type === 'Bacs' && bank ? bank.bankCode : null,
    bankTransferType: transfer ? (method.type === 'SEPA' ? 'SEPA' : 'UKDirectDebit') : null,
    businessIdentificationCode: transfer ? transfer.businessIdentificationCode : null,
    mandateInfo: bank?.mandateId ? { mandateId: bank.mandateId } : null,
    BAID: method.payPal?.baid ?? null,
    email: method.payPal?.email ?? null,
    preapprovalKey: method.payPal?.preapprovalKey ?? null,
  };
}

export function toV1PaymentMethod(view: ReadView, method: PaymentMethod): Record<string, unknown> {
  const account = view.get<Account>(ACCOUNTS, method.accountId);
  const counts = paymentCounts(view, method);
  const rule = method.retryRule;
  const cardMask = masked(method.creditCardLast4);
  return {
    ...PAYMENT_METHOD_NULLS,
    id: method.id,
    type: method.type,
    status: method.status,
    isDefault: account?.defaultPaymentMethodId === method.id,
    accountHolderInfo: holderInfo(method),
    creditCardMaskNumber: cardMask,
    creditCardType: method.creditCardType,
    cardNumber: cardMask,
    expirationMonth: method.creditCardExpirationMonth,
    expirationYear: method.creditCardExpirationYear,
    tokenId: method.tokenId,
    secondTokenId: method.secondTokenId,
    ...bankFields(method),
    lastTransaction: method.lastTransactionStatus,
    lastTransactionTime: method.lastTransactionDateTime,
    lastFailedSaleTransactionDate: counts.lastFailed,
    numConsecutiveFailures: method.numConsecutiveFailures,
    totalNumberOfProcessedPayments: counts.processed,
    totalNumberOfErrorPayments: counts.failed,
    useDefaultRetryRule: rule?.useDefaultRetryRule ?? true,
    maxConsecutivePaymentFailures: rule?.maxConsecutivePaymentFailures ?? null,
    paymentRetryWindow: rule?.paymentRetryWindow ?? null,
    createdBy: method.createdById,
    createdOn: method.createdDate,
    updatedBy: method.updatedById,
    updatedOn: method.updatedDate,
    ...customFieldsOf(view, PAYMENT_METHODS, method.customFields),
  };
}
