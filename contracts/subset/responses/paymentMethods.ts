import type { OpenAPIV3 } from 'openapi-types';
import { UNMODELLED_PAYMENT_METHOD_FIELDS } from '../../../emulator/api/v1/shapes/paymentMethod.js';
import { always, array, bool, dateTime, int, map, nullable, object, oneOf, str, type SchemaMap } from '../schema.js';

// V1 payment methods (GETPaymentMethodResponse, the account's grouped list, and the small write
// answers). Fields of other types than the method's own, and what the emulator has no feature for,
// are null.

const ok = { success: always(true) };
const text = nullable(str());

const holder = object({
  accountHolderName: text,
  addressLine1: text,
  addressLine2: text,
  city: text,
  state: text,
  zipCode: text,
  country: text,
  email: text,
  phone: text,
});


/** The text fields of every type: card, card reference, bank debit, PayPal, and the last transaction. */
const TEXT_FIELDS = [
  'creditCardMaskNumber',
  'creditCardType',
  'cardNumber',
  'tokenId',
  'secondTokenId',
  'bankABACode',
  'bankAccountName',
  'bankAccountNumber',
  'bankName',
  'accountNumber',
  'bankCode',
  'IBAN',
  'bankTransferType',
  'businessIdentificationCode',
  'BAID',
  'email',
  'preapprovalKey',
  'lastTransaction',
];

const paymentMethod = object(
  {
    ...Object.fromEntries(UNMODELLED_PAYMENT_METHOD_FIELDS.map((name) => [name, text])),
    mandateInfo: nullable(map()),
    cardBinInfo: nullable(map()),
    id: str(),
    type: oneOf('CreditCard', 'CreditCardReferenceTransaction', 'ACH', 'SEPA', 'Bacs', 'PayPalEC', 'PayPalNativeEC', 'PayPalCP', 'PayPalAdaptive'),
    status: oneOf('Active', 'Closed'),
    isDefault: bool(),
    accountHolderInfo: holder,
    ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, text])),
    expirationMonth: nullable(int()),
    expirationYear: nullable(int()),
    bankAccountType: nullable(oneOf('BusinessChecking', 'BusinessSaving', 'Checking', 'Saving')),
    lastTransactionTime: nullable(dateTime()),
    lastFailedSaleTransactionDate: nullable(dateTime()),
    numConsecutiveFailures: int(),
    totalNumberOfProcessedPayments: int(),
    totalNumberOfErrorPayments: int(),
    useDefaultRetryRule: bool(),
    maxConsecutivePaymentFailures: nullable(int()),
    paymentRetryWindow: nullable(int()),
    createdBy: str(),
    createdOn: dateTime(),
    updatedBy: str(),
    updatedOn: dateTime(),
  },
  ['id', 'type', 'status', 'isDefault'],
);

/** The account's list: its payment methods in arrays named after their type in lower case (`creditcard`, `ach`...). */
const accountList: OpenAPIV3.SchemaObject = {
  ...object({ ...ok, defaultPaymentMethodId: text, paymentGateway: text }, ['success', 'defaultPaymentMethodId']),
  additionalProperties: array(paymentMethod),
};

export const PAYMENT_METHOD_SCHEMAS: SchemaMap = {
  V1PaymentMethod: object({ ...ok, ...paymentMethod.properties }, ['success', 'id', 'type', 'status']),
  V1AccountPaymentMethods: accountList,
  V1PaymentMethodSaved: object({ ...ok, id: str() }, ['success', 'id']),
  V1PaymentMethodVerified: object({ ...ok, paymentMethodId: str() }, ['success', 'paymentMethodId']),
};
