import type { Suite } from './types.js';

// CRUD writes as a long-lived integration makes them: a catalog product with a plan, a Draft
// account whose contact is created after it and then named its bill-to and sold-to, a card, an
// external payment canceled and deleted, and the deletes that tidy up.

/** A flat monthly charge on the suite's plan at `price` dollars. */
const charge = (price: number) => ({
  ProductRatePlanId: '${crudPlan.Id}',
  Name: 'crud fee',
  ChargeType: 'Recurring',
  ChargeModel: 'Flat Fee Pricing',
  BillingPeriod: 'Month',
  BillCycleType: 'DefaultFromCustomer',
  TriggerEvent: 'ContractEffective',
  UseDiscountSpecificAccountingCode: false,
  ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: price }] },
});

export const crudSuite: Suite = {
  name: 'crud',
  description: 'CRUD creates, updates and deletes of accounts, contacts, payment methods, payments and the catalog',
  steps: [
    { name: 'create product', method: 'POST', path: '/v1/object/product', body: { Name: '${prefix} crud product', EffectiveStartDate: '2020-01-01', EffectiveEndDate: '2099-12-31' }, as: 'crudProduct' },
    { name: 'update product', method: 'PUT', path: '/v1/object/product/:id', params: { id: '${crudProduct.Id}' }, body: { Description: 'made through CRUD' } },
    { name: 'create plan', method: 'POST', path: '/v1/object/product-rate-plan', body: { Name: '${prefix} crud plan', ProductId: '${crudProduct.Id}' }, as: 'crudPlan' },
    { name: 'update plan', method: 'PUT', path: '/v1/object/product-rate-plan/:id', params: { id: '${crudPlan.Id}' }, body: { Description: 'monthly' } },
    { name: 'create charge', method: 'POST', path: '/v1/object/product-rate-plan-charge', body: charge(7), as: 'crudCharge' },
    // The V1 spec's update takes the whole charge, as its create does.
    { name: 'update charge', method: 'PUT', path: '/v1/object/product-rate-plan-charge/:id', params: { id: '${crudCharge.Id}' }, body: { ...charge(8), Description: 'eight a month' } },
    { name: 'create unit of measure', method: 'POST', path: '/v1/object/unit-of-measure', body: { UomName: '${uomPrefix}-crud' }, as: 'crudUnit' },
    { name: 'read unit of measure', method: 'GET', path: '/v1/object/unit-of-measure/:id', params: { id: '${crudUnit.Id}' } },
    { name: 'update unit of measure', method: 'PUT', path: '/v1/object/unit-of-measure/:id', params: { id: '${crudUnit.Id}' }, body: { DisplayedAs: 'crud unit' } },
    { name: 'create Draft account', method: 'POST', path: '/v1/object/account', body: { Name: '${prefix} crud account', Currency: 'USD', BillCycleDay: 1, Status: 'Draft' }, as: 'crudAccount' },
    { name: 'create contact', method: 'POST', path: '/v1/object/contact', body: { AccountId: '${crudAccount.Id}', FirstName: 'Crud', LastName: 'Contact' }, as: 'crudContact' },
    { name: 'create second contact', method: 'POST', path: '/v1/object/contact', body: { AccountId: '${crudAccount.Id}', FirstName: 'Other', LastName: 'Contact' }, as: 'crudOther' },
    { name: 'update contact', method: 'PUT', path: '/v1/object/contact/:id', params: { id: '${crudContact.Id}' }, body: { City: 'Leeds' } },
    {
      name: 'activate account with its contact',
      method: 'PUT',
      path: '/v1/object/account/:id',
      params: { id: '${crudAccount.Id}' },
      body: { BillToId: '${crudContact.Id}', SoldToId: '${crudContact.Id}', Status: 'Active' },
    },
    { name: 'delete second contact', method: 'DELETE', path: '/v1/object/contact/:id', params: { id: '${crudOther.Id}' } },
    {
      name: 'create card payment method',
      method: 'POST',
      path: '/v1/object/payment-method',
      body: { AccountId: '${crudAccount.Id}', Type: 'CreditCard', CreditCardNumber: '4111111111111111', CreditCardExpirationMonth: 12, CreditCardExpirationYear: '${cardExpiryYear}' },
      as: 'crudMethod',
    },
    { name: 'update card holder', method: 'PUT', path: '/v1/object/payment-method/:id', params: { id: '${crudMethod.Id}' }, body: { CreditCardHolderName: 'Crud Contact' } },
    {
      name: 'create external payment',
      method: 'POST',
      path: '/v1/object/payment',
      body: { AccountId: '${crudAccount.Id}', Amount: 5, EffectiveDate: '${today}', Type: 'External', Status: 'Processed' },
      as: 'crudPayment',
    },
    { name: 'cancel payment', method: 'PUT', path: '/v1/object/payment/:id', params: { id: '${crudPayment.Id}' }, body: { Status: 'Canceled' } },
    { name: 'delete payment', method: 'DELETE', path: '/v1/object/payment/:id', params: { id: '${crudPayment.Id}' } },
    { name: 'delete payment method', method: 'DELETE', path: '/v1/object/payment-method/:id', params: { id: '${crudMethod.Id}' } },
    { name: 'delete unit of measure', method: 'DELETE', path: '/v1/object/unit-of-measure/:id', params: { id: '${crudUnit.Id}' } },
    { name: 'delete charge', method: 'DELETE', path: '/v1/object/product-rate-plan-charge/:id', params: { id: '${crudCharge.Id}' } },
    { name: 'delete plan', method: 'DELETE', path: '/v1/object/product-rate-plan/:id', params: { id: '${crudPlan.Id}' } },
    { name: 'delete product', method: 'DELETE', path: '/v1/object/product/:id', params: { id: '${crudProduct.Id}' } },
    { name: 'delete account', method: 'DELETE', path: '/v1/object/account/:id', params: { id: '${crudAccount.Id}' } },
  ],
};
