import type { AnySchema } from 'ajv';
import { getCharge } from '../../domain/catalog/charges.js';
import type { CustomFields } from '../../domain/customFields.js';
import { invalidValue, missingField, referenced } from '../../domain/errors.js';
import type {
  ChargeOverrideInput,
  CreateSubscriptionInput,
  OrderActionInput,
  OrderInput,
  PricingMemberInput,
  RatePlanInput,
  TierInput,
  TriggerDateInput,
} from '../../domain/orders/model.js';
import { pricingKey } from '../../domain/orders/pricing.js';
import { SUBSCRIPTION_CHARGES, SUBSCRIPTIONS, type SubscriptionCharge } from '../../domain/subscriptions/model.js';
import type { ReadView } from '../../state/transaction.js';
import { own } from '../../state/paths.js';
import { customFieldsIn } from './contactBodies.js';

// The subscription API's bodies (POSTSubscriptionType, POSTSrpCreateType, PUTSubscriptionType and the
// cancel/renew/suspend/resume bodies) and their translation into one order: Zuora carries out each
// subscription call as an order, so the emulator does the same and versions, billing and callouts
// follow from the orders domain.

type Body = Record<string, unknown>;

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const num = { type: 'number' } as const;
const date = { type: 'string', format: 'date' } as const;
const integer = { type: 'integer' } as const;
const periodType = { enum: ['Month', 'Year', 'Day', 'Week'] } as const;

/**
 * Bodies are closed: a field the emulator does not act on is refused (Zuora's "unknown field")
 * rather than dropped unseen. Custom fields (`Name__c`, and the integrations' `__NS`/`__QT`) stay open.
 */
const CUSTOM = { patternProperties: { '__(c|NS|QT)$': {} }, additionalProperties: false } as const;

/** Options Zuora takes that the emulator has no behaviour for: accepted only when they ask for nothing. */
const offOnly = { enum: [false] } as const;

const tier = { type: 'object', required: ['tier', 'price'], properties: { tier: integer, price: num, startingUnit: num, endingUnit: num, priceFormat: str } } as const;

/** POSTScCreateType: the parts of a charge override the emulator prices with. */
const chargeOverride = {
  type: 'object',
  ...CUSTOM,
  required: ['productRatePlanChargeId'],
  properties: {
    productRatePlanChargeId: str,
    number: str,
    price: num,
    quantity: { type: 'number', minimum: 0 },
    tiers: { type: 'array', items: tier },
    discountPercentage: num,
    discountAmount: num,
    applyDiscountTo: str,
    discountLevel: str,
    billCycleDay: str,
    billCycleType: str,
    billingPeriod: str,
    billingTiming: str,
    triggerEvent: str,
    triggerDate: date,
    endDateCondition: str,
    upToPeriods: integer,
    upToPeriodsType: str,
    specificEndDate: date,
  },
} as const;

export const ratePlanSchema = {
  type: 'object',
  ...CUSTOM,
  properties: { productRatePlanId: str, productRatePlanNumber: str, chargeOverrides: { type: 'array', items: chargeOverride } },
} as const;

/** Billing and payment options every subscription call takes (`invoice` is the pre-211 name of `runBilling`). */
const billingProperties = {
  runBilling: bool,
  invoice: bool,
  collect: bool,
  targetDate: date,
  invoiceTargetDate: date,
  documentDate: date,
  creditMemoReasonCode: str,
  applyCredit: offOnly,
  applyCreditBalance: offOnly,
} as const;

/** The subscription of POSTAccountType (`subscription`) and the heart of POSTSubscriptionType. */
const subscribeProperties = {
  subscriptionNumber: str,
  termType: { enum: ['TERMED', 'EVERGREEN'] },
  initialTerm: { type: 'integer', minimum: 0 },
  initialTermPeriodType: periodType,
  renewalTerm: { type: 'integer', minimum: 0 },
  renewalTermPeriodType: periodType,
  autoRenew: bool,
  renewalSetting: { enum: ['RENEW_WITH_SPECIFIC_TERM', 'RENEW_TO_EVERGREEN'] },
  termStartDate: date,
  contractEffectiveDate: date,
  serviceActivationDate: date,
  customerAcceptanceDate: date,
  notes: { type: 'string', maxLength: 1000 },
  invoiceSeparately: bool,
  subscribeToRatePlans: { type: 'array', items: ratePlanSchema },
} as const;

export const accountSubscriptionSchema = { type: 'object', ...CUSTOM, required: ['contractEffectiveDate', 'termType'], properties: subscribeProperties } as const;

export const subscriptionCreateSchema: AnySchema = {
  type: 'object',
  ...CUSTOM,
  required: ['accountKey', 'contractEffectiveDate', 'subscribeToRatePlans', 'termType'],
  properties: { accountKey: str, ...subscribeProperties, ...billingProperties, paymentMethodId: str, prepayment: offOnly },
};

export const subscriptionPreviewCreateSchema: AnySchema = {
  type: 'object',
  ...CUSTOM,
  required: ['contractEffectiveDate', 'subscribeToRatePlans', 'termType'],
  properties: {
    accountKey: str,
    skipTax: bool,
    includeExistingDraftDocItems: offOnly,
    ...subscribeProperties,
    targetDate: date,
    documentDate: date,
    previewType: { enum: ['LegalDoc', 'ChargeMetrics', 'LegalDocChargeMetrics'] },
    previewAccountInfo: {
      type: 'object',
      required: ['billCycleDay', 'billToContact', 'currency'],
      properties: { billCycleDay: { type: 'integer', minimum: 1, maximum: 31 }, currency: { type: 'string', minLength: 3, maxLength: 3 }, billToContact: { type: 'object' } },
    },
  },
};

const triggerProperties = { contractEffectiveDate: date, serviceActivationDate: date, customerAcceptanceDate: date, bookingDate: date } as const;

export const subscriptionUpdateSchema: AnySchema = {
  type: 'object',
  ...CUSTOM,
  properties: {
    includeExistingDraftDocItems: offOnly,
    ...billingProperties,
    bookingDate: date,
    termType: { enum: ['TERMED', 'EVERGREEN'] },
    currentTerm: { type: 'integer', minimum: 1 },
    currentTermPeriodType: periodType,
    renewalTerm: { type: 'integer', minimum: 0 },
    renewalTermPeriodType: periodType,
    autoRenew: bool,
    renewalSetting: { enum: ['RENEW_WITH_SPECIFIC_TERM', 'RENEW_TO_EVERGREEN'] },
    termStartDate: date,
    notes: { type: 'string', maxLength: 1000 },
    preview: bool,
    add: { type: 'array', items: { type: 'object', ...CUSTOM, required: ['contractEffectiveDate'], properties: { ...ratePlanSchema.properties, ...triggerProperties } } },
    update: {
      type: 'array',
      items: {
        type: 'object',
        ...CUSTOM,
        required: ['contractEffectiveDate'],
        properties: {
          ...triggerProperties,
          ratePlanId: str,
          subscriptionRatePlanNumber: str,
          productRatePlanNumber: str,
          specificUpdateDate: date,
          chargeUpdateDetails: {
            type: 'array',
            items: { type: 'object', ...CUSTOM, required: ['ratePlanChargeId'], properties: { ratePlanChargeId: str, price: num, quantity: { type: 'number', minimum: 0 }, tiers: { type: 'array', items: tier } } },
          },
        },
      },
    },
    remove: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['contractEffectiveDate'], properties: { ...triggerProperties, ratePlanId: str, subscriptionRatePlanNumber: str, productRatePlanNumber: str } },
    },
    change: {
      type: 'array',
      items: {
        type: 'object',
        ...CUSTOM,
        properties: {
          ...triggerProperties,
          ratePlanId: str,
          subscriptionRatePlanNumber: str,
          productRatePlanId: str,
          productRatePlanNumber: str,
          newProductRatePlanId: str,
          newProductRatePlanNumber: str,
          chargeOverrides: { type: 'array', items: chargeOverride },
        },
      },
    },
  },
};

const lifecycleDates = { orderDate: date, bookingDate: date, contractEffectiveDate: date } as const;

export const subscriptionCancelSchema: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['cancellationPolicy'],
  properties: {
    ...billingProperties,
    ...lifecycleDates,
    cancellationPolicy: { enum: ['EndOfCurrentTerm', 'EndOfLastInvoicePeriod', 'SpecificDate'] },
    cancellationEffectiveDate: date,
  },
};

export const subscriptionRenewSchema: AnySchema = { type: ['object', 'null'], additionalProperties: false, properties: { ...billingProperties, orderDate: date } };

const resumeProperties = {
  resumePolicy: { enum: ['Today', 'SpecificDate', 'SuspendDate', 'FixedPeriodsFromSuspendDate'] },
  resumeSpecificDate: date,
  resumePeriods: { type: ['string', 'integer'], pattern: '^[0-9]+$' },
  resumePeriodsType: { enum: ['Day', 'Week', 'Month', 'Year'] },
  extendsTerm: bool,
} as const;

export const subscriptionSuspendSchema: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['suspendPolicy'],
  properties: {
    ...billingProperties,
    ...lifecycleDates,
    suspendPolicy: { enum: ['Today', 'EndOfLastInvoicePeriod', 'SpecificDate', 'FixedPeriodsFromToday'] },
    suspendSpecificDate: date,
    suspendPeriods: { type: ['string', 'integer'], pattern: '^[0-9]+$' },
    suspendPeriodsType: { enum: ['Day', 'Week', 'Month', 'Year'] },
    resume: bool,
    ...resumeProperties,
  },
};

export const subscriptionResumeSchema: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['resumePolicy'],
  properties: { ...billingProperties, ...lifecycleDates, ...resumeProperties },
};

const text = (body: Body, key: string): string | undefined => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
const compact = <T extends Record<string, unknown>>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The trigger dates a V1 body gives; the contract effective date falls back to the order date. */
function triggerDates(body: Body): TriggerDateInput[] {
  const dates: TriggerDateInput[] = [];
  const contract = text(body, 'contractEffectiveDate');
  if (contract) dates.push({ name: 'ContractEffective', triggerDate: contract });
  const activation = text(body, 'serviceActivationDate');
  if (activation) dates.push({ name: 'ServiceActivation', triggerDate: activation });
  const acceptance = text(body, 'customerAcceptanceDate');
  if (acceptance) dates.push({ name: 'CustomerAcceptance', triggerDate: acceptance });
  return dates;
}

/** A V1 price, quantity or tier table, put in the `pricing` member that fits the catalog charge. */
function pricingOf(key: string, source: Body): Record<string, PricingMemberInput> | undefined {
  const member: PricingMemberInput = compact({
    listPrice: source.price as number | undefined,
    quantity: source.quantity as number | undefined,
    tiers: source.tiers as TierInput[] | undefined,
    discountPercentage: source.discountPercentage as number | undefined,
    discountAmount: source.discountAmount as number | undefined,
    applyDiscountTo: text(source, 'applyDiscountTo'),
    discountLevel: text(source, 'discountLevel'),
  });
  return Object.keys(member).length > 0 ? { [key]: member } : undefined;
}

type ChargeEnd = NonNullable<ChargeOverrideInput['endDate']>;

/** The subscription API's short trigger codes, beside the Orders API's names it also takes. */
const TRIGGER_CODES: Readonly<Record<string, string>> = { UCE: 'ContractEffective', USA: 'ServiceActivation', UCA: 'CustomerAcceptance', USD: 'SpecificDate' };

function chargeOverrideOf(view: ReadView, source: Body, field: string): ChargeOverrideInput {
  const id = String(source.productRatePlanChargeId);
  const catalog = referenced(() => getCharge(view, id), SUBSCRIPTIONS, `${field}.productRatePlanChargeId`, `Charge '${id}'`);
  const pricing = pricingOf(pricingKey(catalog), source);
  const timing = text(source, 'billingTiming');
  const billing = compact({
    billingPeriod: text(source, 'billingPeriod'),
    billCycleType: text(source, 'billCycleType'),
    billCycleDay: source.billCycleDay === undefined ? undefined : Number(source.billCycleDay),
    billingTiming: timing === undefined ? undefined : timing === 'IN_ARREARS' || timing === 'In Arrears' ? ('IN_ARREARS' as const) : ('IN_ADVANCE' as const),
  });
  const trigger = text(source, 'triggerEvent');
  const endDate = compact({
    endDateCondition: text(source, 'endDateCondition') as ChargeEnd['endDateCondition'],
    upToPeriods: source.upToPeriods as number | undefined,
    upToPeriodsType: text(source, 'upToPeriodsType') as ChargeEnd['upToPeriodsType'],
    specificEndDate: text(source, 'specificEndDate'),
  });
  const customFields = customFieldsIn(source);
  return compact({
    productRatePlanChargeId: catalog.id,
    chargeNumber: text(source, 'number'),
    pricing,
    billing: Object.keys(billing).length > 0 ? billing : undefined,
    startDate: trigger ? compact({ triggerEvent: own(TRIGGER_CODES, trigger) ?? trigger, specificTriggerDate: text(source, 'triggerDate') }) : undefined,
    endDate: Object.keys(endDate).length > 0 ? endDate : undefined,
    customFields,
  });
}

/** POSTSrpCreateType as an order's rate plan: the plan by id or number, and its charge overrides. */
export function ratePlanOf(view: ReadView, source: Body, field: string): RatePlanInput {
  const overrides = (source.chargeOverrides as Body[] | undefined) ?? [];
  return compact({
    productRatePlanId: text(source, 'productRatePlanId'),
    productRatePlanNumber: text(source, 'productRatePlanNumber'),
    chargeOverrides: overrides.length > 0 ? overrides.map((override, index) => chargeOverrideOf(view, override, `${field}.chargeOverrides[${index}]`)) : undefined,
    customFields: customFieldsIn(source),
  });
}

/** The CreateSubscription action of a V1 subscribe body (account create or subscription create). */
export function createSubscriptionAction(view: ReadView, body: Body): OrderActionInput {
  const termType = body.termType as 'TERMED' | 'EVERGREEN';
  const initialType = (text(body, 'initialTermPeriodType') ?? 'Month') as 'Month';
  const create: CreateSubscriptionInput = compact({
    subscriptionNumber: text(body, 'subscriptionNumber'),
    terms: compact({
      autoRenew: body.autoRenew as boolean | undefined,
      initialTerm: compact({ termType, period: body.initialTerm as number | undefined, periodType: initialType, startDate: text(body, 'termStartDate') }),
      renewalSetting: body.renewalSetting as 'RENEW_WITH_SPECIFIC_TERM' | undefined,
      renewalTerms:
        body.renewalTerm === undefined && body.renewalTermPeriodType === undefined
          ? undefined
          : [compact({ period: body.renewalTerm as number | undefined, periodType: (text(body, 'renewalTermPeriodType') ?? initialType) as 'Month' })],
    }),
    subscribeToRatePlans: ((body.subscribeToRatePlans as Body[] | undefined) ?? []).map((plan, index) => ratePlanOf(view, plan, `subscribeToRatePlans[${index}]`)),
    notes: text(body, 'notes'),
    invoiceSeparately: body.invoiceSeparately as boolean | undefined,
  });
  return { type: 'CreateSubscription', triggerDates: triggerDates(body), createSubscription: create };
}

/** Custom fields of the subscription itself sit beside its standard fields, as `Name__c`. */
export function subscriptionCustomFields(body: Body): CustomFields | undefined {
  return customFieldsIn(body);
}

/** `runBilling`/`invoice`, `collect` and the billing dates as the order's processing options. */
export function processingOf(body: Body, paymentMethodId?: string): OrderInput['processingOptions'] {
  const runBilling = body.runBilling === true || body.invoice === true;
  if (!runBilling && body.collect === true) throw invalidValue(SUBSCRIPTIONS, 'collect', "'collect' needs 'runBilling': there is no invoice to collect");
  if (!runBilling) return undefined;
  const targetDate = text(body, 'targetDate') ?? text(body, 'invoiceTargetDate');
  const billingOptions = compact({ targetDate, documentDate: text(body, 'documentDate'), creditMemoReasonCode: text(body, 'creditMemoReasonCode') });
  return compact({
    runBilling: true,
    collectPayment: body.collect === true ? true : undefined,
    billingOptions: Object.keys(billingOptions).length > 0 ? billingOptions : undefined,
    electronicPaymentOptions: paymentMethodId ? { paymentMethodId } : undefined,
  });
}

/** The subscription charge a V1 update names by its id (of any version), as its charge number. */
function chargeNumberOf(view: ReadView, ratePlanChargeId: string, field: string): { chargeNumber: string; pricing: string } {
  const charge = view.get<SubscriptionCharge>(SUBSCRIPTION_CHARGES, ratePlanChargeId);
  if (!charge) throw invalidValue(SUBSCRIPTIONS, `${field}.ratePlanChargeId`, `Rate plan charge '${ratePlanChargeId}' does not exist`);
  return { chargeNumber: charge.chargeNumber, pricing: pricingKey(charge) };
}

const planReference = (source: Body) =>
  compact({ ratePlanId: text(source, 'ratePlanId'), subscriptionRatePlanNumber: text(source, 'subscriptionRatePlanNumber'), productRatePlanNumber: text(source, 'productRatePlanNumber') });

/** A change of plan is the old plan removed and the new one added on the same date. */
function changeActions(view: ReadView, source: Body, index: number): OrderActionInput[] {
  const field = `change[${index}]`;
  const newPlan = text(source, 'newProductRatePlanId') ?? text(source, 'newProductRatePlanNumber');
  if (!newPlan) throw missingField(SUBSCRIPTIONS, `${field}.newProductRatePlanId`);
  const reference = compact({ ...planReference(source), productRatePlanId: text(source, 'productRatePlanId') });
  if (Object.keys(reference).length === 0) throw missingField(SUBSCRIPTIONS, `${field}.ratePlanId`);
  const dates = triggerDates(source);
  const added = ratePlanOf(view, { ...source, productRatePlanId: text(source, 'newProductRatePlanId'), productRatePlanNumber: text(source, 'newProductRatePlanNumber') }, field);
  return [
    { type: 'RemoveProduct', triggerDates: dates, removeProduct: reference },
    { type: 'AddProduct', triggerDates: dates, addProduct: added },
  ];
}

/** The terms a V1 update changes, as one TermsAndConditions action; undefined when it changes none. */
function termsAction(body: Body): OrderActionInput | undefined {
  const lastTerm = compact({
    termType: body.termType as 'TERMED' | 'EVERGREEN' | undefined,
    period: body.currentTerm as number | undefined,
    periodType: text(body, 'currentTermPeriodType') as 'Month' | undefined,
    startDate: text(body, 'termStartDate'),
  });
  const renewal = compact({ period: body.renewalTerm as number | undefined, periodType: text(body, 'renewalTermPeriodType') as 'Month' | undefined });
  const terms = compact({
    autoRenew: body.autoRenew as boolean | undefined,
    renewalSetting: body.renewalSetting as 'RENEW_WITH_SPECIFIC_TERM' | undefined,
    renewalTerms: Object.keys(renewal).length > 0 ? [renewal] : undefined,
    lastTerm: Object.keys(lastTerm).length > 0 ? lastTerm : undefined,
  });
  return Object.keys(terms).length > 0 ? { type: 'TermsAndConditions', termsAndConditions: terms } : undefined;
}

/**
 * The order actions of PUTSubscriptionType: terms first, then removals, changes, updates and
 * additions. A body with only custom fields or notes still writes one version (a TermsAndConditions
 * action that changes nothing carries them).
 */
export function updateActions(view: ReadView, body: Body): OrderActionInput[] {
  const actions: OrderActionInput[] = [];
  const terms = termsAction(body);
  if (terms) actions.push(terms);
  ((body.remove as Body[] | undefined) ?? []).forEach((source, index) => {
    const reference = planReference(source);
    if (Object.keys(reference).length === 0) throw missingField(SUBSCRIPTIONS, `remove[${index}].ratePlanId`);
    actions.push({ type: 'RemoveProduct', triggerDates: triggerDates(source), removeProduct: reference });
  });
  ((body.change as Body[] | undefined) ?? []).forEach((source, index) => actions.push(...changeActions(view, source, index)));
  ((body.update as Body[] | undefined) ?? []).forEach((source, index) => {
    const reference = planReference(source);
    if (Object.keys(reference).length === 0) throw missingField(SUBSCRIPTIONS, `update[${index}].ratePlanId`);
    const details = (source.chargeUpdateDetails as Body[] | undefined) ?? [];
    const chargeUpdates = details.map((detail, detailIndex) => {
      const { chargeNumber, pricing } = chargeNumberOf(view, String(detail.ratePlanChargeId), `update[${index}].chargeUpdateDetails[${detailIndex}]`);
      return compact({ chargeNumber, pricing: pricingOf(pricing, detail), customFields: customFieldsIn(detail) });
    });
    actions.push({
      type: 'UpdateProduct',
      triggerDates: triggerDates(source),
      updateProduct: compact({ ...reference, specificUpdateDate: text(source, 'specificUpdateDate'), chargeUpdates, customFields: customFieldsIn(source) }),
    });
  });
  ((body.add as Body[] | undefined) ?? []).forEach((source, index) => {
    actions.push({ type: 'AddProduct', triggerDates: triggerDates(source), addProduct: ratePlanOf(view, source, `add[${index}]`) });
  });
  if (actions.length === 0) {
    if (customFieldsIn(body) === undefined && body.notes === undefined) throw missingField(SUBSCRIPTIONS, 'add');
    actions.push({ type: 'TermsAndConditions', termsAndConditions: {} });
  }
  return actions;
}
