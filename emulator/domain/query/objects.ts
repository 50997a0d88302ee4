import type { ReadView } from '../../state/transaction.js';
import { addDays } from '../billing/dates.js';
import { creditMemoAmountOf } from '../invoices/creditMemos.js';
import type { Invoice } from '../invoices/model.js';

// Zuora's generic view of its objects: every field an object has, named as Object Query names it
// (camelCase; ZOQL and CRUD write the same names with a capital first letter). The tables list each
// object's fields from the official spec's Expanded<Object> schemas; a field the domain keeps under
// another name, or derives, has a reader; every other field is read from the record as it is named,
// and is null when the domain has no value for it.

type Row = Readonly<Record<string, unknown>>;
/** Reads one field of a stored record; the view lets a field look at a related record. */
export type FieldReader = (record: Row, view: ReadView) => unknown;

/** A related object Object Query can embed with `expand[]`. */
export interface Relation {
  /** The related object's name in the store (and Zuora's object name). */
  object: string;
  /** `one` follows a foreign key on this record; `many` finds records whose `foreignKey` is this record's id. */
  kind: 'one' | 'many';
  foreignKey: string;
  /** The member the embedded record or list is answered under, e.g. `billTo`, `ratePlans`. */
  as: string;
}

export interface QueryableObject {
  /** Zuora's object name, also the store's collection. */
  name: string;
  /** The Object Query path segment, e.g. `rate-plan-charges`. */
  path: string;
  fields: readonly string[];
  readers: Readonly<Record<string, FieldReader>>;
  /** Readers where the CRUD API writes a value differently from Object Query. */
  crudReaders?: Readonly<Record<string, FieldReader>>;
  /** Fields besides `id` that identify a record in `/object-query/{path}/{key}` and CRUD reads. */
  keys: readonly string[];
  /** Relations by their `expand[]` name (lower case). */
  relations: Readonly<Record<string, Relation>>;
  /** Only the newest version of a versioned record answers a key lookup by number. */
  latestOnly?: boolean;
}

const AUDIT = 'id createdById createdDate updatedById updatedDate';
const fields = (list: string): readonly string[] => `${AUDIT} ${list}`.split(/\s+/).filter(Boolean);

const from = (field: string): FieldReader => (record) => record[field];
const related = (object: string, foreignKey: string, field: string): FieldReader => (record, view) => {
  const id = record[foreignKey];
  return typeof id === 'string' ? (view.get<Row>(object, id)?.[field] ?? null) : null;
};
/** The billing model keeps a period's exclusive end; Zuora shows its last day. */
const lastDayOf = (field: string): FieldReader => (record) =>
  typeof record[field] === 'string' ? addDays(record[field] as string, -1) : null;

const one = (object: string, foreignKey: string, as: string): Relation => ({ object, kind: 'one', foreignKey, as });
const many = (object: string, foreignKey: string, as: string): Relation => ({ object, kind: 'many', foreignKey, as });

const ACCOUNT: QueryableObject = {
  name: 'Account',
  path: 'accounts',
  fields: fields(
    'accountNumber additionalEmailAddresses allowInvoiceEdit autoPay balance batch bcdSettingOption billCycleDay billToId ' +
      'communicationProfileId creditBalance crmId currency customerServiceRepName defaultPaymentMethodId eInvoiceProfileId ' +
      'invoiceDeliveryPrefsEmail invoiceDeliveryPrefsPrint invoiceTemplateId lastInvoiceDate lastMetricsUpdate name notes ' +
      'organizationId parentId partnerAccount paymentMethodCascadingConsent purchaseOrderNumber salesRepName sequenceSetId ' +
      'shipToId soldToId status taxCompanyCode taxExemptCertificateID taxExemptCertificateType taxExemptDescription ' +
      'taxExemptEffectiveDate taxExemptEntityUseCode taxExemptExpirationDate taxExemptIssuingJurisdiction taxExemptStatus ' +
      'totalInvoiceBalance unappliedBalance vATId mrr totalDebitMemoBalance unappliedCreditMemoAmount creditMemoTemplateId ' +
      'debitMemoTemplateId paymentGateway paymentTerm',
  ),
  readers: {
    additionalEmailAddresses: (record) => (Array.isArray(record.additionalEmailAddresses) ? record.additionalEmailAddresses.join(',') : null),
    allowInvoiceEdit: () => false,
    partnerAccount: () => false,
    salesRepName: from('salesRep'),
    totalInvoiceBalance: from('balance'),
    unappliedBalance: () => 0,
    totalDebitMemoBalance: () => 0,
    unappliedCreditMemoAmount: () => 0,
    taxExemptStatus: () => 'No',
  },
  keys: ['accountNumber'],
  relations: {
    billto: one('Contact', 'billToId', 'billTo'),
    soldto: one('Contact', 'soldToId', 'soldTo'),
    defaultpaymentmethod: one('PaymentMethod', 'defaultPaymentMethodId', 'defaultPaymentMethod'),
    subscriptions: many('Subscription', 'accountId', 'subscriptions'),
    invoices: many('Invoice', 'accountId', 'invoices'),
    payments: many('Payment', 'accountId', 'payments'),
    paymentmethods: many('PaymentMethod', 'accountId', 'paymentMethods'),
    usages: many('Usage', 'accountId', 'usages'),
  },
};

const asContactOf = (role: 'billToId' | 'soldToId'): FieldReader => (record, view) =>
  view.get<Row>('Account', String(record.accountId))?.[role] === record.id;

const CONTACT: QueryableObject = {
  name: 'Contact',
  path: 'contacts',
  fields: fields(
    'accountId address1 address2 asBillTo asShipTo asSoldTo city country county fax firstName homePhone lastName mobilePhone ' +
      'nickname otherPhone otherPhoneType personalEmail state postalCode taxRegion workEmail workPhone',
  ),
  readers: { asBillTo: asContactOf('billToId'), asSoldTo: asContactOf('soldToId'), asShipTo: () => false },
  keys: [],
  relations: { account: one('Account', 'accountId', 'account') },
};

const SUBSCRIPTION: QueryableObject = {
  name: 'Subscription',
  path: 'subscriptions',
  fields: fields(
    'accountId autoRenew cancelledDate contractAcceptanceDate contractEffectiveDate creatorAccountId creatorInvoiceOwnerId ' +
      'currentTerm currentTermPeriodType initialTerm initialTermPeriodType invoiceOwnerId isInvoiceSeparate name notes ' +
      'originalCreatedDate originalId previousSubscriptionId renewalSetting renewalTerm renewalTermPeriodType revision ' +
      'serviceActivationDate status isLatestVersion subscriptionEndDate subscriptionStartDate subscriptionVersionAmendmentId ' +
      'termEndDate termStartDate termType version cMRR billToContactId invoiceTemplateId sequenceSetId shipToContactId ' +
      'soldToContactId externallyManagedBy lastBookingDate invoiceScheduleId cancelReason prepayment currency orderId rampId ' +
      'paymentTerm',
  ),
  readers: {
    name: from('subscriptionNumber'),
    isInvoiceSeparate: from('invoiceSeparately'),
    contractAcceptanceDate: from('customerAcceptanceDate'),
    creatorAccountId: from('accountId'),
    creatorInvoiceOwnerId: from('invoiceOwnerId'),
    revision: (record) => `${String(record.version)}.0`,
    originalCreatedDate: related('Subscription', 'originalId', 'createdDate'),
    billToContactId: related('Account', 'accountId', 'billToId'),
    soldToContactId: related('Account', 'accountId', 'soldToId'),
    prepayment: () => false,
  },
  keys: ['subscriptionNumber'],
  latestOnly: true,
  relations: {
    account: one('Account', 'accountId', 'account'),
    invoiceowner: one('Account', 'invoiceOwnerId', 'invoiceOwner'),
    rateplans: many('RatePlan', 'subscriptionId', 'ratePlans'),
    invoiceitems: many('InvoiceItem', 'subscriptionId', 'invoiceItems'),
  },
};

const RATE_PLAN: QueryableObject = {
  name: 'RatePlan',
  path: 'rate-plans',
  fields: fields(
    'productId amendmentId amendmentType name productRatePlanId subscriptionId subscriptionOwnerId invoiceOwnerId reverted ' +
      'externallyManagedPlanId originalRatePlanId subscriptionOfferId subscriptionRatePlanNumber',
  ),
  readers: {
    amendmentType: (record) => (record.lastChangeType === 'Add' ? 'NewProduct' : record.lastChangeType === 'Remove' ? 'RemoveProduct' : record.lastChangeType === 'Update' ? 'UpdateProduct' : null),
    subscriptionOwnerId: related('Subscription', 'subscriptionId', 'accountId'),
    invoiceOwnerId: related('Subscription', 'subscriptionId', 'invoiceOwnerId'),
    reverted: () => false,
  },
  keys: [],
  relations: {
    subscription: one('Subscription', 'subscriptionId', 'subscription'),
    productrateplan: one('ProductRatePlan', 'productRatePlanId', 'productRatePlan'),
    rateplancharges: many('RatePlanCharge', 'ratePlanId', 'ratePlanCharges'),
  },
};

const RATE_PLAN_CHARGE: QueryableObject = {
  name: 'RatePlanCharge',
  path: 'rate-plan-charges',
  fields: fields(
    'ratePlanId productRatePlanChargeId accountingCode billCycleDay billCycleType billingPeriod billingPeriodAlignment ' +
      'billingTiming chargedThroughDate chargeModel chargeNumber chargeType effectiveEndDate effectiveStartDate isLastSegment ' +
      'isPrepaid isProcessed listPriceBase mRR name originalId processedThroughDate quantity segment specificBillingPeriod ' +
      'triggerDate triggerEvent uOM version subscriptionId subscriptionOwnerId invoiceOwnerId salesPrice taxable reverted',
  ),
  readers: {
    originalId: from('originalChargeId'),
    uOM: from('uom'),
    salesPrice: from('price'),
    isPrepaid: () => false,
    isProcessed: () => false,
    taxable: () => false,
    reverted: () => false,
    processedThroughDate: from('chargedThroughDate'),
    version: related('Subscription', 'subscriptionId', 'version'),
    subscriptionOwnerId: related('Subscription', 'subscriptionId', 'accountId'),
    invoiceOwnerId: related('Subscription', 'subscriptionId', 'invoiceOwnerId'),
  },
  keys: [],
  relations: {
    rateplan: one('RatePlan', 'ratePlanId', 'ratePlan'),
    productrateplancharge: one('ProductRatePlanCharge', 'productRatePlanChargeId', 'productRatePlanCharge'),
  },
};

const INVOICE: QueryableObject = {
  name: 'Invoice',
  path: 'invoices',
  fields: fields(
    'accountId adjustmentAmount amount amountWithoutTax autoPay balance billToContactId comments creditBalanceAdjustmentAmount ' +
      'creditMemoAmount currency dueDate includesOneTime includesRecurring includesUsage invoiceDate invoiceNumber ' +
      'lastEmailSentDate organizationId paymentAmount postedBy postedDate refundAmount sequenceSetId communicationProfileId ' +
      'shipToContactId soldToContactId source sourceId reversed sourceType status targetDate taxAmount taxExemptAmount ' +
      'taxMessage taxStatus templateId transferredToAccounting paymentTerm',
  ),
  readers: {
    adjustmentAmount: () => 0,
    creditBalanceAdjustmentAmount: () => 0,
    creditMemoAmount: (record, view) => creditMemoAmountOf(view, record as unknown as Invoice),
    refundAmount: () => 0,
    taxExemptAmount: () => 0,
    reversed: () => false,
    transferredToAccounting: (record) => record.transferredToAccounting ?? 'No',
    autoPay: related('Account', 'accountId', 'autoPay'),
    billToContactId: related('Account', 'accountId', 'billToId'),
    soldToContactId: related('Account', 'accountId', 'soldToId'),
    paymentTerm: related('Account', 'accountId', 'paymentTerm'),
    sourceType: () => 'Subscription',
  },
  keys: ['invoiceNumber'],
  relations: {
    account: one('Account', 'accountId', 'account'),
    billtocontact: one('Contact', 'billToContactId', 'billToContact'),
    invoiceitems: many('InvoiceItem', 'invoiceId', 'invoiceItems'),
  },
};

const INVOICE_ITEM: QueryableObject = {
  name: 'InvoiceItem',
  path: 'invoice-items',
  fields: fields(
    'invoiceId ratePlanChargeId accountingCode chargeAmount chargeDate chargeName chargeNumber processingType quantity ' +
      'serviceEndDate serviceStartDate sKU sourceItemType subscriptionId subscriptionNumber taxAmount taxExemptAmount taxMode ' +
      'unitPrice uOM balance accountId productRatePlanChargeId productRatePlanId productId ratePlanId itemType subscriptionOwnerId',
  ),
  readers: {
    ratePlanChargeId: from('chargeId'),
    chargeDate: from('createdDate'),
    serviceEndDate: lastDayOf('serviceEndDate'),
    uOM: from('unitOfMeasure'),
    balance: from('chargeAmount'),
    taxExemptAmount: () => 0,
    processingType: () => '0', // 0 is a charge (1 discount, 2 prepayment, 3 tax)
    sourceItemType: () => 'SubscriptionComponent',
    ratePlanId: related('RatePlanCharge', 'chargeId', 'ratePlanId'),
    productRatePlanId: related('ProductRatePlanCharge', 'productRatePlanChargeId', 'productRatePlanId'),
    subscriptionOwnerId: related('Subscription', 'subscriptionId', 'accountId'),
  },
  keys: [],
  relations: {
    invoice: one('Invoice', 'invoiceId', 'invoice'),
    subscription: one('Subscription', 'subscriptionId', 'subscription'),
    rateplancharge: one('RatePlanCharge', 'chargeId', 'ratePlanCharge'),
  },
};

const PAYMENT: QueryableObject = {
  name: 'Payment',
  path: 'payments',
  fields: fields(
    'accountId accountingCode amount appliedAmount authTransactionId appliedCreditBalanceAmount bankIdentificationNumber ' +
      'cancelledOn comment currency effectiveDate gatewayOrderId gatewayResponse gatewayResponseCode gatewayState ' +
      'isStandalone markedForSubmissionOn paymentMethodId paymentNumber referenceId refundAmount secondPaymentReferenceId ' +
      'settledOn source sourceName status submittedOn type transferredToAccounting unappliedAmount gateway',
  ),
  readers: {
    refundAmount: (record) => record.refundAmount ?? 0,
    appliedCreditBalanceAmount: () => 0,
    isStandalone: () => false,
    source: () => 'API',
    transferredToAccounting: () => 'No',
  },
  keys: ['paymentNumber'],
  relations: { account: one('Account', 'accountId', 'account'), paymentmethod: one('PaymentMethod', 'paymentMethodId', 'paymentMethod') },
};

/** A member of a nested part of a payment method record (its bank account, holder details, retry rule), or null. */
const part =
  (name: string, field: string, fallback: unknown = null): FieldReader =>
  (record) =>
    (record[name] as Record<string, unknown> | undefined)?.[field] ?? fallback;

const PAYMENT_METHOD_PARTS: Readonly<Record<string, FieldReader>> = {
  achAbaCode: (record, view) => (record.type === 'ACH' ? part('bankAccount', 'bankCode')(record, view) : null),
  achAccountName: (record, view) => (record.type === 'ACH' ? part('bankAccount', 'holderName')(record, view) : null),
  achAccountNumberMask: (record, view) => (record.type === 'ACH' ? part('bankAccount', 'accountMask')(record, view) : null),
  achAccountType: (record, view) => (record.type === 'ACH' ? part('bankAccount', 'accountType')(record, view) : null),
  achBankName: (record, view) => (record.type === 'ACH' ? part('bankAccount', 'bankName')(record, view) : null),
  creditCardAddress1: part('holderDetails', 'addressLine1'),
  creditCardCity: part('holderDetails', 'city'),
  creditCardCountry: part('holderDetails', 'country'),
  creditCardPostalCode: part('holderDetails', 'zipCode'),
  creditCardState: part('holderDetails', 'state'),
  email: (record, view) => part('payPal', 'email')(record, view) ?? part('holderDetails', 'email')(record, view),
  useDefaultRetryRule: part('retryRule', 'useDefaultRetryRule', true),
  maxConsecutivePaymentFailures: part('retryRule', 'maxConsecutivePaymentFailures'),
  paymentRetryWindow: part('retryRule', 'paymentRetryWindow'),
};

const PAYMENT_METHOD: QueryableObject = {
  name: 'PaymentMethod',
  path: 'payment-methods',
  fields: fields(
    'accountId achAbaCode achAccountName achAccountNumberMask achAccountType achBankName active isSystem bankIdentificationNumber ' +
      'creditCardAddress1 creditCardCity creditCardCountry creditCardExpirationMonth creditCardExpirationYear ' +
      'creditCardHolderName creditCardMaskNumber creditCardPostalCode creditCardState creditCardType email lastTransactionDateTime ' +
      'lastTransactionStatus maxConsecutivePaymentFailures name numConsecutiveFailures paymentMethodStatus paymentRetryWindow ' +
      'secondTokenId tokenId totalNumberOfErrorPayments totalNumberOfProcessedPayments type useDefaultRetryRule',
  ),
  readers: {
    active: (record) => record.status === 'Active',
    isSystem: () => false,
    creditCardMaskNumber: (record) => (typeof record.creditCardLast4 === 'string' ? `************${record.creditCardLast4}` : null),
    paymentMethodStatus: from('status'),
    ...PAYMENT_METHOD_PARTS,
  },
  keys: [],
  relations: { account: one('Account', 'accountId', 'account') },
};

const PRODUCT: QueryableObject = {
  name: 'Product',
  path: 'products',
  fields: fields('allowFeatureChanges name effectiveEndDate effectiveStartDate sKU productNumber category'),
  readers: { sKU: from('sku'), productNumber: from('sku'), allowFeatureChanges: () => false },
  keys: ['sku'],
  relations: { productrateplans: many('ProductRatePlan', 'productId', 'productRatePlans') },
};

const PRODUCT_RATE_PLAN: QueryableObject = {
  name: 'ProductRatePlan',
  path: 'product-rate-plans',
  fields: fields('productId name effectiveStartDate effectiveEndDate grade productRatePlanNumber'),
  readers: {},
  keys: ['productRatePlanNumber'],
  relations: { product: one('Product', 'productId', 'product'), productrateplancharges: many('ProductRatePlanCharge', 'productRatePlanId', 'productRatePlanCharges') },
};

const PRODUCT_RATE_PLAN_CHARGE: QueryableObject = {
  name: 'ProductRatePlanCharge',
  path: 'product-rate-plan-charges',
  fields: fields(
    'accountingCode billCycleDay billCycleType billingPeriod billingPeriodAlignment billingTiming chargeModel chargeType ' +
      'defaultQuantity deferredRevenueAccount endDateCondition includedUnits listPriceBase maxQuantity minQuantity ' +
      'name productRatePlanChargeNumber recognizedRevenueAccount specificBillingPeriod taxable taxCode taxMode triggerEvent ' +
      'upToPeriods upToPeriodsType productRatePlanId uOM',
  ),
  readers: {
    uOM: from('uom'),
    // Object Query writes the timing as an enum constant.
    billingTiming: (record) => (record.billingTiming === 'In Arrears' ? 'IN_ARREARS' : 'IN_ADVANCE'),
  },
  crudReaders: { billingTiming: from('billingTiming') },
  keys: ['productRatePlanChargeNumber'],
  relations: { productrateplan: one('ProductRatePlan', 'productRatePlanId', 'productRatePlan') },
};

const ORDER: QueryableObject = {
  name: 'Order',
  path: 'orders',
  fields: fields('orderDate orderNumber accountId status state createdByMigration category scheduledDate scheduledDatePolicy errorMessage'),
  readers: { createdByMigration: () => false },
  keys: ['orderNumber'],
  relations: { account: one('Account', 'accountId', 'account') },
};

const USAGE: QueryableObject = {
  name: 'Usage',
  path: 'usages',
  fields: fields(
    'accountId accountNumber ratePlanChargeId endDateTime productRatePlanChargeId quantity rbeStatus sourceType startDateTime ' +
      'subscriptionId submissionDateTime uOM',
  ),
  readers: {
    ratePlanChargeId: from('chargeId'),
    productRatePlanChargeId: related('RatePlanCharge', 'chargeId', 'productRatePlanChargeId'),
    rbeStatus: from('status'),
    sourceType: () => 'API',
    submissionDateTime: from('createdDate'),
    uOM: from('unitOfMeasure'),
  },
  keys: [],
  relations: { account: one('Account', 'accountId', 'account') },
};

export const QUERYABLE_OBJECTS: readonly QueryableObject[] = [
  ACCOUNT,
  CONTACT,
  SUBSCRIPTION,
  RATE_PLAN,
  RATE_PLAN_CHARGE,
  INVOICE,
  INVOICE_ITEM,
  PAYMENT,
  PAYMENT_METHOD,
  PRODUCT,
  PRODUCT_RATE_PLAN,
  PRODUCT_RATE_PLAN_CHARGE,
  ORDER,
  USAGE,
];

/** The object with this Zuora name, in any letter case (ZOQL and CRUD are case-insensitive). */
export function queryableByName(name: string): QueryableObject | undefined {
  const lower = name.toLowerCase();
  return QUERYABLE_OBJECTS.find((object) => object.name.toLowerCase() === lower);
}

export function queryableByPath(path: string): QueryableObject | undefined {
  return QUERYABLE_OBJECTS.find((object) => object.path === path);
}

const ID_FIELDS = new Map<string, ReadonlySet<string>>();

/**
 * The fields of `object` that hold a record's id as stored: its own id, the foreign keys of its
 * relations, and those by which other objects' relations find its records (read as stored, with no
 * reader). An equality on one of them can go through an index.
 */
export function idFields(object: QueryableObject): ReadonlySet<string> {
  let ids = ID_FIELDS.get(object.name);
  if (!ids) {
    const keys = ['id', ...Object.values(object.relations).filter((relation) => relation.kind === 'one').map((relation) => relation.foreignKey)];
    for (const other of QUERYABLE_OBJECTS) {
      for (const relation of Object.values(other.relations)) if (relation.kind === 'many' && relation.object === object.name) keys.push(relation.foreignKey);
    }
    ids = new Set(keys.filter((field) => object.fields.includes(field) && !Object.hasOwn(object.readers, field)));
    ID_FIELDS.set(object.name, ids);
  }
  return ids;
}
