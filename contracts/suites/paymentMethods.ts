import { v1Contact } from './accounts.js';
import type { Suite } from './types.js';

/** Payment methods through the V1 API: a card and an ACH account on a new account, read, listed, updated, verified, deleted. */
export const paymentMethodsV1Suite: Suite = {
  name: 'payment-methods-v1',
  description: "V1 payment method create (card, ACH)/get/update/verify/delete and the account's grouped list",
  steps: [
    {
      name: 'create account for payment methods (V1)',
      method: 'POST',
      path: '/v1/accounts',
      body: { name: '${prefix} payment methods', currency: 'USD', billCycleDay: 1, billToContact: v1Contact },
      as: 'pmAccount',
    },
    {
      name: 'create card payment method (V1)',
      method: 'POST',
      path: '/v1/payment-methods',
      body: {
        type: 'CreditCard',
        accountKey: '${pmAccount.accountId}',
        cardType: 'Visa',
        cardNumber: '4111111111111111',
        expirationMonth: 12,
        expirationYear: '${cardExpiryYear}',
        securityCode: '123',
        cardHolderInfo: { cardHolderName: 'Ada Lovelace' },
        makeDefault: true,
      },
      as: 'v1Card',
    },
    {
      name: 'create ACH payment method (V1)',
      method: 'POST',
      path: '/v1/payment-methods',
      body: {
        type: 'ACH',
        accountKey: '${pmAccount.accountId}',
        bankABACode: '122000661',
        bankAccountNumber: '000123456789',
        bankAccountType: 'Checking',
        bankName: 'Contract Bank',
        bankAccountName: 'Ada Lovelace',
      },
      as: 'v1Ach',
    },
    { name: 'get payment method (V1)', method: 'GET', path: '/v1/payment-methods/:payment_method_id', params: { payment_method_id: '${v1Card.id}' } },
    { name: "list the account's payment methods (V1)", method: 'GET', path: '/v1/accounts/:account_key/payment-methods', params: { account_key: '${pmAccount.accountNumber}' } },
    { name: 'update payment method (V1)', method: 'PUT', path: '/v1/payment-methods/:payment_method_id', params: { payment_method_id: '${v1Card.id}' }, body: { expirationMonth: 11 } },
    { name: 'verify payment method (V1)', method: 'PUT', path: '/v1/payment-methods/:payment_method_id/verify', params: { payment_method_id: '${v1Card.id}' }, body: {} },
    { name: 'delete payment method (V1)', method: 'DELETE', path: '/v1/payment-methods/:payment_method_id', params: { payment_method_id: '${v1Ach.id}' } },
  ],
};
