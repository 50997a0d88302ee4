import type { Transaction } from '../../state/transaction.js';
import { ACCOUNTS, createAccount, type Account, type AccountFields, type NewAccountInput } from '../accounts.js';
import type { ContactInput } from '../contacts.js';
import type { CustomFields, CustomFieldValue } from '../customFields.js';
import { invalidValue, missingField, referenced } from '../errors.js';
import { BANK_DEBIT_TYPES, debitInstrument, PAYPAL_TYPES } from '../payments/debitMethods.js';
import { createPaymentMethod, getPaymentMethod, setDefaultPaymentMethod, updatePaymentMethod } from '../payments/paymentMethods.js';
import type { PaymentMethodType } from '../payments/model.js';
import { ORDERS } from './model.js';

// `newAccount` of an order (CreateOrderNewAccount): the account, its contacts, and the payment
// method it pays with (`paymentMethod`: a card, a card reference, a bank debit (ACH, SEPA, Bacs) or
// PayPal; or `hpmCreditCardPaymentMethodId` naming one a hosted page made), which becomes the
// account's default so `collectPayment` charges it.

type Input = Record<string, unknown>;

const text = (input: Input, key: string): string | undefined => (typeof input[key] === 'string' ? (input[key] as string) : undefined);

const CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'nickname',
  'workEmail',
  'personalEmail',
  'workPhone',
  'mobilePhone',
  'homePhone',
  'otherPhone',
  'otherPhoneType',
  'fax',
  'address1',
  'address2',
  'city',
  'state',
  'county',
  'country',
  'taxRegion',
] as const;

/** Custom fields sit beside the standard ones in V1 bodies (`SpecialDeliveryInstructions__c`), or under `customFields`. */
function customFieldsIn(input: Input): CustomFields {
  const fields: Record<string, CustomFieldValue> = { ...(input.customFields as CustomFields | undefined) };
  // No `__proto__` ends in `__c`, so assigning each is safe.
  for (const key of Object.keys(input)) if (key.endsWith('__c')) fields[key] = input[key] as CustomFieldValue;
  return fields;
}

/** A V1 contact; the postal code comes as `postalCode` (the Orders API's name) or `zipCode`. */
function contactFrom(input: Input): ContactInput {
  // Built member by member in a fixed order (one of every sign-up's hot spots when built from entries).
  const contact: Record<string, unknown> = {};
  for (const key of CONTACT_FIELDS) {
    const value = text(input, key);
    if (value !== undefined) contact[key] = value;
  }
  const postalCode = text(input, 'postalCode') ?? text(input, 'zipCode');
  if (postalCode !== undefined) contact.postalCode = postalCode;
  const description = text(input, 'contactDescription');
  if (description !== undefined) contact.description = description;
  const customFields = customFieldsIn(input);
  if (Object.keys(customFields).length > 0) contact.customFields = customFields;
  return contact as ContactInput;
}

const ACCOUNT_TEXT_FIELDS = [
  'accountNumber',
  'paymentTerm',
  'crmId',
  'batch',
  'notes',
  'salesRep',
  'parentId',
  'communicationProfileId',
  'invoiceTemplateId',
  'creditMemoTemplateId',
  'debitMemoTemplateId',
  'sequenceSetId',
  'purchaseOrderNumber',
  'customerServiceRepName',
  'paymentGateway',
] as const;
const ACCOUNT_FLAGS = ['autoPay', 'invoiceDeliveryPrefsEmail', 'invoiceDeliveryPrefsPrint'] as const;

function accountFrom(input: Input): NewAccountInput {
  const fields: AccountFields = {};
  for (const key of ACCOUNT_TEXT_FIELDS) {
    const value = text(input, key);
    if (value !== undefined) fields[key] = value;
  }
  for (const key of ACCOUNT_FLAGS) if (typeof input[key] === 'boolean') fields[key] = input[key] as boolean;
  if (typeof input.billCycleDay === 'number') fields.billCycleDay = input.billCycleDay;
  if (Array.isArray(input.additionalEmailAddresses)) fields.additionalEmailAddresses = input.additionalEmailAddresses.map(String);
  if (input.taxInfo && typeof input.taxInfo === 'object') fields.taxInfo = input.taxInfo as Record<string, unknown>;
  const billTo = input.billToContact as Input | undefined;
  const soldTo = input.soldToContact as Input | undefined;
  // Completed in place: `fields` is ours alone, and the account record copies it once more anyway.
  return Object.assign(fields, {
    name: text(input, 'name') ?? '',
    currency: text(input, 'currency') ?? '',
    billTo: billTo ? contactFrom(billTo) : {},
    ...(soldTo ? { soldTo: contactFrom(soldTo) } : {}),
    customFields: customFieldsIn(input),
  });
}

/** The payment method types a new account can bring: the ones the gateway simulator charges. */
const CARD_TYPES: readonly PaymentMethodType[] = ['CreditCard', 'CreditCardReferenceTransaction'];
const METHOD_TYPES: readonly PaymentMethodType[] = [...CARD_TYPES, ...BANK_DEBIT_TYPES, ...PAYPAL_TYPES];
const PREFIX = 'newAccount.paymentMethod.';

function addPaymentMethod(tx: Transaction, account: Account, input: Input): void {
  const type = text(input, 'type');
  if (!type) throw missingField(ORDERS, `${PREFIX}type`);
  if (!(METHOD_TYPES as readonly string[]).includes(type)) {
    throw invalidValue(ORDERS, `${PREFIX}type`, `Payment method type '${type}' is not supported here; use one of ${METHOD_TYPES.join(', ')}`);
  }
  if (!(CARD_TYPES as readonly string[]).includes(type)) {
    createPaymentMethod(tx, { accountId: account.id, type: type as PaymentMethodType, debit: debitInstrument(type, input, PREFIX), isDefault: true });
    return;
  }
  const holder = (input.cardHolderInfo as Input | undefined)?.cardHolderName;
  const brand = text(input, 'cardType') ?? text(input, 'creditCardType');
  createPaymentMethod(tx, {
    accountId: account.id,
    type: type as PaymentMethodType,
    ...(type === 'CreditCard'
      ? {
          card: {
            cardNumber: text(input, 'cardNumber') ?? '',
            expiryMonth: Number(input.expirationMonth),
            expiryYear: Number(input.expirationYear),
            ...(text(input, 'securityCode') !== undefined ? { securityCode: text(input, 'securityCode') } : {}),
            ...(brand !== undefined ? { brand } : {}),
          },
        }
      : { cardReference: { token: text(input, 'tokenId') ?? '', ...(text(input, 'secondTokenId') ? { secondToken: text(input, 'secondTokenId') } : {}) } }),
    ...(typeof holder === 'string' ? { holderName: holder } : {}),
    isDefault: true,
  });
}

/** Creates the order's new account with its contacts and payment method. */
export function createOrderAccount(tx: Transaction, input: Input): Account {
  const fields = accountFrom(input);
  if (!fields.name) throw missingField(ORDERS, 'newAccount.name');
  if (!fields.currency) throw missingField(ORDERS, 'newAccount.currency');
  if (!input.billToContact) throw missingField(ORDERS, 'newAccount.billToContact');
  const { account } = createAccount(tx, fields);
  if (input.paymentMethod && typeof input.paymentMethod === 'object') addPaymentMethod(tx, account, input.paymentMethod as Input);
  const hosted = text(input, 'hpmCreditCardPaymentMethodId');
  if (hosted) {
    const field = 'newAccount.hpmCreditCardPaymentMethodId';
    referenced(() => getPaymentMethod(tx, hosted), ORDERS, field, `Payment method '${hosted}'`);
    updatePaymentMethod(tx, hosted, { accountId: account.id });
    setDefaultPaymentMethod(tx, account.id, hosted);
  }
  return tx.get<Account>(ACCOUNTS, account.id) as Account;
}
