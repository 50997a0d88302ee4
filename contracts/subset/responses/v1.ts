import type { OpenAPIV3 } from 'openapi-types';
import { always, array, bool, date, dateTime, int, map, nullable, num, object, oneOf, ref, str, type SchemaMap } from '../schema.js';

// V1 REST answers (GET_Account, POST_Order, GET_SubscriptionsByKey...), with the field names,
// types and enums of the official V1 spec, limited to what the emulator answers. Where the emulator
// answers null for a value it does not have, the field is nullable here.

/** Every V1 success body says so. */
const ok = { success: always(true) };
const success = (properties: SchemaMap, required: readonly string[] = []): OpenAPIV3.SchemaObject =>
  object({ ...ok, ...properties }, ['success', ...required]);

/** V1 writes many amounts as decimal text, e.g. "49.00". */
const decimalText = str;

const CHARGE_TYPES = ['OneTime', 'Recurring', 'Usage'] as const;
const CHARGE_MODELS = ['DiscountFixedAmount', 'DiscountPercentage', 'FlatFee', 'PerUnit', 'Overage', 'Tiered', 'TieredwithOverage', 'Volume'] as const;
const TRIGGER_EVENTS = ['ContractEffective', 'ServiceActivation', 'CustomerAcceptance'] as const;
const SUBSCRIPTION_STATUSES = ['Active', 'Pending Activation', 'Pending Acceptance', 'Cancelled', 'Suspended'] as const;
const ORDER_ACTION_TYPES = [
  'CreateSubscription',
  'TermsAndConditions',
  'AddProduct',
  'UpdateProduct',
  'RemoveProduct',
  'RenewSubscription',
  'CancelSubscription',
  'OwnerTransfer',
  'Suspend',
  'Resume',
  'ChangePlan',
] as const;

const contact = object({
  id: str(),
  firstName: str(),
  lastName: str(),
  nickname: str(),
  workEmail: str(),
  personalEmail: str(),
  workPhone: str(),
  homePhone: str(),
  mobilePhone: str(),
  otherPhone: nullable(str()),
  otherPhoneType: nullable(str()),
  fax: str(),
  address1: str(),
  address2: str(),
  city: str(),
  state: str(),
  county: nullable(str()),
  country: nullable(str()),
  zipCode: str(),
  taxRegion: nullable(str()),
});

const account = success({
  basicInfo: object({
    id: str(),
    accountNumber: str(),
    name: str(),
    status: str(),
    batch: str(),
    notes: str(),
    crmId: str(),
    salesRep: str(),
    parentId: str(),
    communicationProfileId: str(),
    invoiceTemplateId: nullable(str()),
    creditMemoTemplateId: str(),
    debitMemoTemplateId: str(),
    sequenceSetId: nullable(str()),
  }),
  billingAndPayment: object({
    billCycleDay: int(),
    bcdSettingOption: oneOf('ManualSet', 'AutoSet'),
    currency: str(),
    paymentTerm: str(),
    paymentGateway: str(),
    autoPay: bool(),
    defaultPaymentMethodId: str(),
    invoiceDeliveryPrefsEmail: bool(),
    invoiceDeliveryPrefsPrint: bool(),
    additionalEmailAddresses: array(str()),
  }),
  metrics: object({
    balance: decimalText(),
    totalInvoiceBalance: decimalText(),
    creditBalance: decimalText(),
    totalDebitMemoBalance: decimalText(),
    unappliedCreditMemoAmount: decimalText(),
    unappliedPaymentAmount: decimalText(),
    contractedMrr: decimalText(),
    reservedPaymentAmount: num(),
  }),
  billToContact: contact,
  soldToContact: contact,
});

const tier = object({
  tier: int(),
  startingUnit: num(),
  endingUnit: nullable(num()),
  price: num(),
  priceFormat: oneOf('FlatFee', 'PerUnit'),
});

/** GETProductRatePlanChargeType: a charge as the catalog reads nest it. */
const catalogChargeFields: SchemaMap = {
  id: str(),
  name: str(),
  type: oneOf(...CHARGE_TYPES),
  model: oneOf(...CHARGE_MODELS),
  productRatePlanChargeNumber: nullable(str()),
  billingPeriod: nullable(str()),
  specificBillingPeriod: nullable(num()),
  billingDay: str(),
  billingTiming: oneOf('IN_ADVANCE', 'IN_ARREARS'),
  billingPeriodAlignment: oneOf('AlignToCharge', 'AlignToSubscriptionStart', 'AlignToTermStart', 'AlignToTermEnd'),
  triggerEvent: oneOf(...TRIGGER_EVENTS),
  listPriceBase: oneOf('Per_Billing_Period', 'Per_Month', 'Per_Week', 'Per_Year'),
  endDateCondition: oneOf('Subscription_End', 'One_Time', 'Fixed_Period', 'Specific_End_Date'),
  defaultQuantity: nullable(num()),
  uom: nullable(str()),
  taxable: bool(),
  taxCode: str(),
  taxMode: nullable(oneOf('TaxExclusive', 'TaxInclusive')),
  upToPeriods: nullable(num()),
  upToPeriodsType: nullable(oneOf('Billing_Periods', 'Days', 'Weeks', 'Months', 'Years')),
  pricing: array(
    object({
      currency: str(),
      price: num(),
      tiers: nullable(array(tier)),
      includedUnits: nullable(num()),
      overagePrice: nullable(num()),
      discountPercentage: nullable(num()),
      discountAmount: nullable(num()),
    }),
  ),
  pricingSummary: array(str()),
  financeInformation: object({
    deferredRevenueAccountingCode: nullable(str()),
    recognizedRevenueAccountingCode: nullable(str()),
  }),
  customFields: map(),
};
const catalogCharge = success(catalogChargeFields);

/** A charge segment of GET /v1/subscriptions/{key}; a value the charge does not have is left out. */
const segmentFields: SchemaMap = {
  id: str(),
  segment: int(),
  price: num(),
  quantity: num(),
  tiers: array(object({ tier: int(), startingUnit: num(), endingUnit: num(), price: num(), priceFormat: oneOf('FlatFee', 'PerUnit') })),
  currency: str(),
  pricingSummary: str(),
  triggerEvent: oneOf(...TRIGGER_EVENTS, 'SpecificDate'),
  effectiveStartDate: date(),
  effectiveEndDate: date(),
  chargedThroughDate: date(),
  processedThroughDate: date(),
  done: bool(),
  mrr: num(),
};

const subscriptionCharge = object({
  ...segmentFields,
  originalChargeId: str(),
  productRatePlanChargeId: str(),
  number: str(),
  name: str(),
  type: str(),
  model: str(),
  uom: str(),
  billingDay: str(),
  listPriceBase: str(),
  billingPeriod: str(),
  specificBillingPeriod: int(),
  billingTiming: str(),
  chargeSegments: array(object(segmentFields)),
});

const subscription = success({
  id: str(),
  subscriptionNumber: str(),
  accountId: str(),
  accountNumber: str(),
  accountName: str(),
  invoiceOwnerAccountId: str(),
  invoiceOwnerAccountNumber: str(),
  invoiceOwnerAccountName: str(),
  version: int(),
  revision: str(),
  isLatestVersion: bool(),
  status: str(),
  termType: str(),
  initialTerm: int(),
  initialTermPeriodType: str(),
  currentTerm: int(),
  currentTermPeriodType: str(),
  renewalTerm: int(),
  renewalTermPeriodType: str(),
  renewalSetting: str(),
  autoRenew: bool(),
  termStartDate: date(),
  termEndDate: date(),
  subscriptionStartDate: date(),
  subscriptionEndDate: date(),
  contractEffectiveDate: date(),
  serviceActivationDate: date(),
  customerAcceptanceDate: date(),
  cancelReason: str(),
  currency: str(),
  invoiceSeparately: bool(),
  paymentTerm: str(),
  notes: str(),
  orderNumber: str(),
  totalNumberOfChargeSegments: int(),
  ratePlans: array(
    object({
      id: str(),
      productId: str(),
      productName: str(),
      productSku: str(),
      productRatePlanId: str(),
      ratePlanName: str(),
      subscriptionRatePlanNumber: str(),
      lastChangeType: str(),
      ratePlanCharges: array(subscriptionCharge),
    }),
  ),
});

const order = object({
  orderNumber: str(),
  orderDate: date(),
  status: oneOf('Draft', 'Pending', 'Completed', 'Cancelled', 'Scheduled', 'Executing', 'Failed'),
  category: oneOf('NewSales', 'Return'),
  description: str(),
  reasonCode: str(),
  existingAccountNumber: str(),
  isScheduled: bool(),
  schedulingOptions: object({ scheduledDate: date(), scheduledDatePolicy: oneOf('SpecificDate') }),
  cancelReason: str(),
  errorMessage: str(),
  customFields: map(),
  createdBy: str(),
  createdDate: str(),
  updatedBy: str(),
  updatedDate: str(),
  subscriptions: array(
    object({
      sequence: int(),
      subscriptionNumber: str(),
      newVersion: int(),
      baseVersion: int(),
      customFields: map(),
      notes: str(),
      orderActions: array(
        object(
          {
            type: oneOf(...ORDER_ACTION_TYPES),
            sequence: int(),
            triggerDates: array(object({ name: oneOf(...TRIGGER_EVENTS), triggerDate: date() })),
            createSubscription: object({}),
            addProduct: object({}),
            updateProduct: object({}),
            removeProduct: object({}),
            cancelSubscription: object({}),
            renewSubscription: object({}),
            suspend: object({}),
            resume: object({}),
            customFields: map(),
          },
          ['type'],
        ),
      ),
    }),
  ),
});

/** What an order preview's items and a subscription preview's items both carry. */
const previewItemFields = {
  chargeName: str(),
  chargeDescription: str(),
  productName: str(),
  productRatePlanChargeId: str(),
  processingType: oneOf('Charge', 'Discount', 'Tax'),
  serviceStartDate: date(),
  serviceEndDate: date(),
  amountWithoutTax: num(),
  taxAmount: num(),
  unitPrice: num(),
};

/** An item of an order preview (InvoiceItemPreviewResult). */
const orderPreviewItem = object({
  subscriptionNumber: nullable(str()),
  chargeNumber: nullable(str()),
  ...previewItemFields,
  additionalInfo: object({ quantity: num(), unitOfMeasure: str() }),
});

const previewDocument = (itemsKey: string, items: OpenAPIV3.SchemaObject, extra: SchemaMap = {}): OpenAPIV3.SchemaObject =>
  object({ amount: num(), amountWithoutTax: num(), taxAmount: num(), targetDate: date(), ...extra, [itemsKey]: array(items) });

const subscriptionPreviewItem = object({
  chargeNumber: str(),
  ...previewItemFields,
  quantity: num(),
  unitOfMeasure: nullable(str()),
});

const invoiceItem = object({
  id: str(),
  subscriptionId: str(),
  subscriptionName: str(),
  chargeId: str(),
  chargeName: str(),
  chargeDescription: str(),
  chargeType: oneOf(...CHARGE_TYPES),
  processingType: oneOf('Charge', 'Discount', 'Prepayment', 'Tax', 'Rounding'),
  productName: str(),
  productRatePlanChargeId: str(),
  serviceStartDate: date(),
  serviceEndDate: date(),
  chargeDate: str(),
  chargeAmount: decimalText(),
  taxAmount: decimalText(),
  balance: decimalText(),
  quantity: decimalText(),
  unitPrice: num(),
  unitOfMeasure: str(),
  sourceItemType: oneOf('SubscriptionComponent', 'Rounding', 'ProductRatePlanCharge', 'None', 'OrderLineItem'),
});

const payment = success({
  id: str(),
  number: str(),
  accountId: str(),
  accountNumber: str(),
  type: oneOf('External', 'Electronic'),
  status: oneOf('Draft', 'Processing', 'Processed', 'Error', 'Canceled', 'Posted', 'Pending'),
  amount: num(),
  appliedAmount: num(),
  unappliedAmount: num(),
  refundAmount: num(),
  creditBalanceAmount: num(),
  currency: str(),
  effectiveDate: dateTime(),
  paymentMethodId: str(),
  gatewayState: oneOf('MarkedForSubmission', 'Submitted', 'Settled', 'NotSubmitted', 'FailedToSettle'),
  gatewayResponse: nullable(str()),
  gatewayResponseCode: str(),
  referenceId: nullable(str()),
  comment: nullable(str()),
  createdById: str(),
  createdDate: str(),
  updatedById: str(),
  updatedDate: str(),
});

export const V1_SCHEMAS: SchemaMap = {
  TokenResponse: object(
    { access_token: str(), token_type: str(), expires_in: num(), scope: str(), jti: str() },
    ['access_token', 'token_type', 'expires_in'],
  ),
  V1Account: account,
  V1ProductRatePlanCharge: catalogCharge,
  V1CatalogCharge: object(catalogChargeFields, ['id', 'name']),
  V1Subscription: subscription,
  PostOrderResponse: success({
    orderNumber: str(),
    accountNumber: str(),
    status: oneOf('Draft', 'Pending', 'Completed', 'Scheduled'),
    subscriptions: array(object({ subscriptionNumber: str(), subscriptionId: str(), status: oneOf(...SUBSCRIPTION_STATUSES) })),
    orderId: str(),
    accountId: str(),
    subscriptionIds: array(str()),
    invoiceNumbers: array(str()),
    invoiceIds: array(str()),
    paymentNumber: str(),
    paymentId: str(),
    paidAmount: str(),
  }),
  V1Order: order,
  GetOrderResponse: success({ order: ref('V1Order') }, ['order']),
  GetOrdersResponse: success({ orders: array(ref('V1Order')), nextPage: str() }, ['orders']),
  PutOrderCancelResponse: success({ orderNumber: str(), accountNumber: str(), status: oneOf('Cancelled'), cancelReason: str() }),
  PostOrderPreviewResponse: success({
    previewResult: object({
      invoices: array(previewDocument('invoiceItems', orderPreviewItem)),
      creditMemos: array(previewDocument('creditMemoItems', orderPreviewItem)),
    }),
  }),
  PreviewSubscriptionResponse: success({
    invoices: array(
      previewDocument('invoiceItems', subscriptionPreviewItem, { status: nullable(oneOf('Draft', 'Posted')), isFromExistingInvoice: bool() }),
    ),
    creditMemos: array(
      previewDocument('creditMemoItems', subscriptionPreviewItem, { status: nullable(str()), isFromExistingCreditMemo: bool() }),
    ),
  }),
  InvoiceItemsResponse: success({ invoiceItems: array(invoiceItem), nextPage: str() }, ['invoiceItems']),
  PaymentResponse: payment,
  HostedPagesResponse: success({
    hostedpages: array(object({ pageId: str(), pageName: str(), pageType: str(), pageVersion: str() })),
  }),
  RsaSignatureResponse: success({ signature: str(), token: str(), tenantId: str(), key: str() }),
  AccountInvoicesResponse: success({
    invoices: array(
      object({
        id: str(),
        accountId: str(),
        accountNumber: str(),
        accountName: str(),
        invoiceNumber: str(),
        invoiceDate: date(),
        invoiceTargetDate: date(),
        dueDate: date(),
        status: str(),
        amount: decimalText(),
        balance: decimalText(),
        creditBalanceAdjustmentAmount: decimalText(),
        createdBy: str(),
        invoiceItems: array(
          object({
            id: str(),
            subscriptionId: str(),
            subscriptionName: str(),
            chargeId: str(),
            chargeName: str(),
            chargeDescription: str(),
            productName: str(),
            serviceStartDate: date(),
            serviceEndDate: date(),
            chargeAmount: decimalText(),
            taxAmount: decimalText(),
            quantity: decimalText(),
            unitOfMeasure: str(),
          }),
        ),
        invoiceFiles: array(object({ id: str(), pdfFileUrl: str(), versionNumber: int() })),
      }),
    ),
    nextPage: str(),
  }),
  AccountPaymentsResponse: success({
    payments: array(
      object({
        id: str(),
        accountID: str(),
        accountNumber: str(),
        accountName: str(),
        paymentNumber: str(),
        type: str(),
        status: str(),
        amount: decimalText(),
        effectiveDate: date(),
        paymentMethodID: str(),
        gatewayTransactionNumber: str(),
        paidInvoices: array(object({ invoiceId: str(), invoiceNumber: str(), appliedPaymentAmount: decimalText() })),
      }),
    ),
    nextPage: str(),
  }),
  PaymentTerms: array(
    object(
      {
        id: str(),
        name: str(),
        active: bool(),
        default: bool(),
        type: oneOf('Days'),
        dueDays: int(),
        description: str(),
        createdBy: str(),
      },
      ['name', 'active', 'dueDays'],
    ),
  ),
};
