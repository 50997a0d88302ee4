import { always, array, bool, map, nullable, num, object, oneOf, str, type SchemaMap } from '../schema.js';

// V1 account writes, the account summary and contacts (POSTAccountResponseType, GETAccountSummaryType,
// the contact reads). Values the emulator does not have are null.

const ok = { success: always(true) };
const text = nullable(str());

const contact = object(
  {
    id: str(),
    accountId: str(),
    accountNumber: str(),
    firstName: str(),
    lastName: str(),
    nickname: text,
    workEmail: text,
    personalEmail: text,
    workPhone: text,
    homePhone: text,
    mobilePhone: text,
    otherPhone: text,
    otherPhoneType: nullable(oneOf('Work', 'Mobile', 'Home', 'Other')),
    fax: text,
    address1: text,
    address2: text,
    city: text,
    state: text,
    county: text,
    country: text,
    zipCode: text,
    taxRegion: text,
    contactDescription: text,
    asBillTo: bool(),
    asSoldTo: bool(),
    asShipTo: bool(),
  },
  ['id', 'accountId', 'firstName', 'lastName'],
);

const SUMMARY_CONTACT_FIELDS = ['id', 'firstName', 'lastName', 'workEmail', 'workPhone', 'address1', 'address2', 'city', 'state', 'county', 'country', 'zipCode', 'taxRegion', 'fax', 'asBillTo', 'asSoldTo', 'asShipTo'];
const summaryContact = object({
  ...Object.fromEntries(SUMMARY_CONTACT_FIELDS.map((field) => [field, contact.properties?.[field] ?? str()])),
  isSpecifiedInSubscription: bool(),
});

export const ACCOUNT_SCHEMAS: SchemaMap = {
  V1AccountCreated: object(
    { ...ok, accountId: str(), accountNumber: str(), billToContactId: str(), soldToContactId: str(), paymentMethodId: text },
    ['success', 'accountId', 'accountNumber'],
  ),
  V1Success: object(ok, ['success']),
  V1AccountDeleted: object({ ...ok, id: str(), jobId: str(), jobStatus: oneOf('Pending') }, ['success', 'id', 'jobId', 'jobStatus']),
  V1Contact: object({ ...ok, ...contact.properties }, ['success', 'id']),
  V1AccountSummary: object(
    {
      ...ok,
      basicInfo: object(
        {
          id: str(),
          accountNumber: str(),
          name: str(),
          status: str(),
          balance: str(),
          currency: str(),
          billCycleDay: str(),
          bcdSettingOption: oneOf('ManualSet', 'AutoSet'),
          batch: str(),
          autoPay: bool(),
          invoiceDeliveryPrefsEmail: bool(),
          invoiceDeliveryPrefsPrint: bool(),
          additionalEmailAddresses: array(str()),
          defaultPaymentMethod: nullable(
            object({ id: str(), paymentMethodType: str(), creditCardType: text, creditCardNumber: text, creditCardExpirationMonth: text, creditCardExpirationYear: text }),
          ),
          lastInvoiceDate: text,
          lastPaymentAmount: text,
          lastPaymentDate: text,
          lastMetricsUpdate: text,
          purchaseOrderNumber: text,
          partnerAccount: bool(),
          paymentMethodCascadingConsent: bool(),
          organizationLabel: text,
          tags: text,
        },
        ['id', 'accountNumber'],
      ),
      billToContact: summaryContact,
      soldToContact: summaryContact,
      shipToContact: nullable(summaryContact),
      taxInfo: map(),
      subscriptions: array(
        object({
          id: str(),
          subscriptionNumber: str(),
          status: str(),
          termType: str(),
          autoRenew: bool(),
          initialTerm: str(),
          renewalTerm: str(),
          subscriptionStartDate: str(),
          termStartDate: str(),
          termEndDate: text,
          ratePlans: array(object({ productId: str(), productName: str(), productSku: str(), productRatePlanId: str(), ratePlanName: str() })),
        }),
      ),
      invoices: array(object({ id: str(), invoiceNumber: str(), invoiceDate: str(), dueDate: str(), amount: num(), balance: str(), status: str() })),
      payments: array(
        object({
          id: str(),
          paymentNumber: str(),
          paymentType: str(),
          status: str(),
          effectiveDate: str(),
          paidInvoices: array(object({ invoiceId: str(), invoiceNumber: text, appliedPaymentAmount: str() })),
        }),
      ),
      usage: array(object({ startDate: str(), unitOfMeasure: str(), quantity: str() })),
    },
    ['success', 'basicInfo', 'billToContact', 'soldToContact'],
  ),
};

// Invoices and payments read through the V1 API.

const money = num();

export const INVOICE_SCHEMAS: SchemaMap = {
  V1Invoice: object(
    {
      ...ok,
      id: str(),
      invoiceNumber: str(),
      accountId: str(),
      status: oneOf('Draft', 'Posted', 'Canceled', 'Error', 'Split'),
      invoiceDate: str(),
      targetDate: str(),
      dueDate: str(),
      currency: str(),
      amount: money,
      amountWithoutTax: money,
      taxAmount: money,
      balance: money,
      paymentAmount: money,
      adjustmentAmount: money,
      creditBalanceAdjustmentAmount: money,
      creditMemoAmount: money,
      refundAmount: money,
      taxExemptAmount: money,
      discount: money,
      includesOneTime: bool(),
      includesRecurring: bool(),
      includesUsage: bool(),
      autoPay: bool(),
      paymentTerm: str(),
      billToContactId: str(),
      soldToContactId: str(),
      comments: text,
      postedBy: text,
      postedDate: text,
      transferredToAccounting: oneOf('Processing', 'Yes', 'Error', 'Ignore', 'No'),
      lastEmailSentDate: text,
    },
    ['success', 'id', 'invoiceNumber', 'accountId', 'status', 'amount', 'balance'],
  ),
  V1InvoiceUpdated: object(
    {
      ...ok,
      id: str(),
      number: str(),
      accountId: str(),
      status: oneOf('Draft', 'Posted', 'Canceled', 'Error', 'Split'),
      dueDate: str(),
      amount: money,
      balance: money,
      comment: text,
      transferredToAccounting: nullable(oneOf('Processing', 'Yes', 'Error', 'Ignore')),
    },
    ['success', 'id', 'number'],
  ),
  V1BillingPreview: object(
    {
      ...ok,
      accountId: str(),
      invoiceItems: array(
        object({
          id: str(),
          subscriptionId: str(),
          subscriptionName: str(),
          subscriptionNumber: str(),
          chargeId: str(),
          chargeName: str(),
          chargeNumber: str(),
          chargeType: nullable(oneOf('OneTime', 'Recurring', 'Usage')),
          chargeDate: str(),
          productName: str(),
          processingType: str(),
          serviceStartDate: str(),
          serviceEndDate: str(),
          quantity: num(),
          unitOfMeasure: text,
          chargeAmount: money,
          taxAmount: money,
        }),
      ),
      creditMemoItems: array(map()),
    },
    ['success', 'accountId', 'invoiceItems'],
  ),
  V1SubscriptionsOfAccount: object({ ...ok, subscriptions: array(map()), nextPage: str() }, ['success', 'subscriptions']),
  V1PaymentList: object({ ...ok, payments: array(map()), nextPage: text }, ['success', 'payments']),
};
