import { listIn } from './read.js';
import type { Suite } from './types.js';

const billTo = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  work_email: 'zemu-contract@example.com',
  address: { line1: '1 Main St', city: 'San Francisco', state: 'CA', country: 'United States', postal_code: '94105' },
};

/** A test card that every Zuora sandbox gateway and the emulator's simulator accept, valid for years after the target's today. */
const card = { brand: 'visa', card_number: '4111111111111111', expiry_month: 12, expiry_year: '${cardExpiryYear}', security_code: '123' };

/** Accounts in both dialects, payment terms, and a payment method moved between two accounts. */
export const accountsSuite: Suite = {
  name: 'accounts',
  description: 'payment terms, Quickstart account create/get/patch, V1 account get, payment method create/get/transfer',
  steps: [
    {
      name: 'list payment terms',
      method: 'GET',
      path: '/v1/settings/payment-terms',
      capture: (body) => {
        // No saved spec has this call: accept a plain array (the emulator) or a wrapped list.
        const terms = listIn<{ name?: string; active?: boolean }>(body, ['paymentTerms', 'data']);
        // The platform maps invoiceDaysUntilDue to a term name; take Net 30 when the tenant has it.
        const net30 = terms.find((term) => term.name === 'Net 30') ?? terms.find((term) => term.active !== false);
        return net30?.name ? { paymentTerm: net30.name } : {};
      },
    },
    {
      name: 'create account',
      method: 'POST',
      path: '/v2/accounts',
      body: { name: '${prefix} account', currency: 'USD', bill_cycle_day: 1, auto_pay: false, payment_terms: '${paymentTerm}', bill_to: billTo },
      status: 201,
      as: 'account',
    },
    { name: 'get account', method: 'GET', path: '/v2/accounts/:account_id', params: { account_id: '${account.id}' } },
    {
      name: 'patch account',
      method: 'PATCH',
      path: '/v2/accounts/:account_id',
      params: { account_id: '${account.id}' },
      body: { name: '${prefix} account (renamed)', bill_to: { first_name: 'Augusta' } },
    },
    { name: 'get account (V1)', method: 'GET', path: '/v1/accounts/:account_key', params: { account_key: '${account.account_number}' } },
    {
      name: 'create second account',
      method: 'POST',
      path: '/v2/accounts',
      body: { name: '${prefix} other account', currency: 'USD', bill_cycle_day: 1, auto_pay: false, bill_to: billTo },
      status: 201,
      as: 'other',
    },
    {
      name: 'create payment method',
      method: 'POST',
      path: '/v2/payment_methods',
      body: { type: 'card', account_id: '${other.id}', card, billing_details: { name: 'Ada Lovelace' } },
      status: 201,
      as: 'paymentMethod',
    },
    {
      name: 'get payment method',
      method: 'GET',
      path: '/v2/payment_methods/:payment_method_id',
      params: { payment_method_id: '${paymentMethod.id}' },
    },
    {
      name: 'transfer payment method to the account',
      method: 'PATCH',
      path: '/v2/payment_methods/:payment_method_id',
      params: { payment_method_id: '${paymentMethod.id}' },
      body: { account_id: '${account.id}' },
    },
  ],
};

export const v1Contact = { firstName: 'Ada', lastName: 'Lovelace', workEmail: 'ada@example.com', city: 'London', country: 'United Kingdom' };

/** Accounts and contacts through the V1 API: create, update, summary, contacts, delete. */
export const accountsV1Suite: Suite = {
  name: 'accounts-v1',
  description: 'V1 account create/update/summary/delete and V1 contacts create/get/update',
  steps: [
    {
      name: 'create account (V1)',
      method: 'POST',
      path: '/v1/accounts',
      body: { name: '${prefix} V1 account', currency: 'USD', billCycleDay: 1, billToContact: v1Contact, soldToContact: { ...v1Contact, firstName: 'Charles', lastName: 'Babbage' } },
      as: 'v1Account',
    },
    { name: 'update account (V1)', method: 'PUT', path: '/v1/accounts/:account_key', params: { account_key: '${v1Account.accountNumber}' }, body: { notes: 'Updated by contract run ${runId}', billToContact: { city: 'Cambridge' } } },
    { name: 'account summary (V1)', method: 'GET', path: '/v1/accounts/:account_key/summary', params: { account_key: '${v1Account.accountNumber}' } },
    {
      name: 'add a contact (V1)',
      method: 'POST',
      path: '/v1/contacts',
      body: { accountId: '${v1Account.accountId}', firstName: 'Mary', lastName: 'Somerville', workEmail: 'mary@example.com' },
      as: 'v1ContactCreated',
    },
    { name: 'get contact (V1)', method: 'GET', path: '/v1/contacts/:contactId', params: { contactId: '${v1ContactCreated.id}' } },
    { name: 'update contact (V1)', method: 'PUT', path: '/v1/contacts/:contactId', params: { contactId: '${v1ContactCreated.id}' }, body: { city: 'Edinburgh', asBillTo: true } },
    { name: 'delete account (V1)', method: 'DELETE', path: '/v1/accounts/:account_key', params: { account_key: '${v1Account.accountNumber}' } },
  ],
};
