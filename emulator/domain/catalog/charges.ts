import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { checkCustomFields, type CustomFields } from '../customFields.js';
import { conflict, invalidValue, missingField, notFound, referenced } from '../errors.js';
import { activateCurrencies, getRatePlan } from './ratePlans.js';
import { findUnitOfMeasure } from './unitsOfMeasure.js';

export const CHARGES = 'ProductRatePlanCharge';

export const CHARGE_TYPES = ['OneTime', 'Recurring', 'Usage'] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];

export const CHARGE_MODELS = [
  'Flat Fee Pricing',
  'Per Unit Pricing',
  'Tiered Pricing',
  'Volume Pricing',
  'Overage Pricing',
  'Tiered with Overage Pricing',
  'Discount-Fixed Amount',
  'Discount-Percentage',
] as const;
export type ChargeModel = (typeof CHARGE_MODELS)[number];

export const BILLING_PERIODS = [
  'Month',
  'Quarter',
  'Annual',
  'Semi-Annual',
  'Specific Months',
  'Subscription Term',
  'Week',
  'Specific Weeks',
  'Specific Days',
] as const;
export type BillingPeriod = (typeof BILLING_PERIODS)[number];

export const BILL_CYCLE_TYPES = [
  'DefaultFromCustomer',
  'SpecificDayofMonth',
  'SubscriptionStartDay',
  'ChargeTriggerDay',
  'SpecificDayofWeek',
  'TermStartDay',
  'TermEndDay',
] as const;
export const TRIGGER_EVENTS = ['ContractEffective', 'ServiceActivation', 'CustomerAcceptance'] as const;
export const BILLING_TIMINGS = ['In Advance', 'In Arrears'] as const;
export const PRICE_FORMATS = ['Flat Fee', 'Per Unit'] as const;

export interface ChargeTier {
  currency: string;
  /** 1-based position within the currency. */
  tier: number;
  startingUnit: number;
  /** null on the last, open-ended tier. */
  endingUnit: number | null;
  price: number;
  priceFormat: (typeof PRICE_FORMATS)[number];
}

export interface ChargeFields {
  name?: string;
  description?: string;
  chargeType?: ChargeType;
  chargeModel?: ChargeModel;
  billingPeriod?: BillingPeriod;
  specificBillingPeriod?: number;
  billCycleType?: (typeof BILL_CYCLE_TYPES)[number];
  billCycleDay?: number;
  billingTiming?: (typeof BILLING_TIMINGS)[number];
  billingPeriodAlignment?: string;
  triggerEvent?: (typeof TRIGGER_EVENTS)[number];
  listPriceBase?: string;
  defaultQuantity?: number;
  minQuantity?: number;
  maxQuantity?: number;
  includedUnits?: number;
  uom?: string;
  accountingCode?: string;
  deferredRevenueAccount?: string;
  recognizedRevenueAccount?: string;
  endDateCondition?: string;
  upToPeriods?: number;
  upToPeriodsType?: string;
  taxable?: boolean;
  taxCode?: string;
  taxMode?: string;
  productRatePlanChargeNumber?: string;
  /** Discount charges: `ONETIME`, `RECURRING`, `USAGE` or combinations (`ONETIMERECURRINGUSAGE`). */
  applyDiscountTo?: string;
  /** Discount charges: `rateplan`, `subscription` or `account`. */
  discountLevel?: string;
  tiers?: ChargeTier[];
  customFields?: CustomFields;
}

export type Charge = ChargeFields & {
  id: string;
  productRatePlanId: string;
  productRatePlanChargeNumber: string;
  name: string;
  chargeType: ChargeType;
  chargeModel: ChargeModel;
  billCycleType: string;
  billingTiming: (typeof BILLING_TIMINGS)[number];
  triggerEvent: string;
  listPriceBase: string;
  endDateCondition: string;
  taxable: boolean;
  tiers: ChargeTier[];
  customFields: CustomFields;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};

/** Models priced from one tier per currency; the others take a tier table. */
const SINGLE_PRICE_MODELS: readonly ChargeModel[] = ['Flat Fee Pricing', 'Per Unit Pricing', 'Overage Pricing', 'Discount-Fixed Amount', 'Discount-Percentage'];
/** Models whose quantity is counted in a unit of measure. */
const UNIT_MODELS: readonly ChargeModel[] = ['Per Unit Pricing', 'Tiered Pricing', 'Volume Pricing', 'Overage Pricing', 'Tiered with Overage Pricing'];

export function createCharge(tx: Transaction, input: ChargeFields & { productRatePlanId: string }): Charge {
  const plan = referenced(
    () => getRatePlan(tx, input.productRatePlanId),
    CHARGES,
    'ProductRatePlanId',
    `Product rate plan '${input.productRatePlanId}'`,
  );
  for (const field of ['name', 'chargeType', 'chargeModel', 'tiers'] as const) {
    if (input[field] === undefined) throw missingField(CHARGES, pascal(field === 'tiers' ? 'productRatePlanChargeTierData' : field));
  }
  const number =
    input.productRatePlanChargeNumber ?? tx.nextFreeNumber('productRatePlanCharge', (n) => !!findByNumber(tx, n));
  if (findByNumber(tx, number)) {
    throw conflict(CHARGES, `A charge with number '${number}' already exists`, 'ProductRatePlanChargeNumber');
  }
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  const charge = normalise(tx, {
    ...input,
    id: tx.newId(),
    productRatePlanId: plan.id,
    productRatePlanChargeNumber: number,
    name: input.name as string,
    chargeType: input.chargeType as ChargeType,
    chargeModel: input.chargeModel as ChargeModel,
    billCycleType: input.billCycleType ?? 'DefaultFromCustomer',
    billingTiming: input.billingTiming ?? 'In Advance',
    triggerEvent: input.triggerEvent ?? 'ContractEffective',
    listPriceBase: input.listPriceBase ?? 'Per Billing Period',
    endDateCondition: input.endDateCondition ?? 'SubscriptionEnd',
    taxable: input.taxable ?? false,
    tiers: input.tiers as ChargeTier[],
    customFields: input.customFields ?? {},
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
  activateCurrencies(tx, plan, currenciesOf(charge));
  return tx.insert<Charge>(CHARGES, charge);
}

export function updateCharge(tx: Transaction, key: string, patch: ChargeFields): Charge {
  const current = getCharge(tx, key);
  const next = normalise(tx, {
    ...current,
    ...patch,
    customFields: { ...current.customFields, ...(patch.customFields ?? {}) },
    updatedById: apiUserId(tx.tenant),
    updatedDate: tx.now().toISOString(),
  });
  activateCurrencies(tx, getRatePlan(tx, current.productRatePlanId), currenciesOf(next));
  return tx.update<Charge>(CHARGES, current.id, next);
}

/** Charges are found by id or charge number. */
export function getCharge(view: ReadView, key: string): Charge {
  const charge = view.get<Charge>(CHARGES, key) ?? findByNumber(view, key);
  if (!charge) throw notFound(CHARGES, key, 'price_id');
  return charge;
}

export function chargesOfPlan(view: ReadView, planId: string): Charge[] {
  return view.filterBy<Charge>(CHARGES, 'productRatePlanId', planId);
}

/** Whether the charge is priced by a tier table (even one of a single tier) rather than one price per currency. */
export function takesTierTable(model: ChargeModel): boolean {
  return !SINGLE_PRICE_MODELS.includes(model);
}

export function currenciesOf(charge: Pick<Charge, 'tiers'>): string[] {
  return [...new Set(charge.tiers.map((tier) => tier.currency))];
}

/** Checks the whole charge against Zuora's catalog rules and fills in what follows from them. */
function normalise(tx: Transaction, charge: Charge): Charge {
  checkOneOf('ChargeType', charge.chargeType, CHARGE_TYPES);
  checkOneOf('ChargeModel', charge.chargeModel, CHARGE_MODELS);
  checkOneOf('BillCycleType', charge.billCycleType, BILL_CYCLE_TYPES);
  checkOneOf('BillingTiming', charge.billingTiming, BILLING_TIMINGS);
  checkOneOf('TriggerEvent', charge.triggerEvent, TRIGGER_EVENTS);
  if (charge.chargeType !== 'OneTime') {
    if (!charge.billingPeriod) throw missingField(CHARGES, 'BillingPeriod');
    checkOneOf('BillingPeriod', charge.billingPeriod, BILLING_PERIODS);
    if (charge.billingPeriod.startsWith('Specific') && !charge.specificBillingPeriod) {
      throw missingField(CHARGES, 'SpecificBillingPeriod');
    }
  }
  if (UNIT_MODELS.includes(charge.chargeModel) || charge.chargeType === 'Usage') {
    if (!charge.uom) throw missingField(CHARGES, 'UOM');
  }
  if (charge.uom && !findUnitOfMeasure(tx, charge.uom)) {
    throw invalidValue(CHARGES, 'UOM', `Unit of measure '${charge.uom}' does not exist`);
  }
  checkQuantities(charge);
  checkDiscount(charge);
  return {
    ...charge,
    // Usage is always rated after the fact.
    billingTiming: charge.chargeType === 'Usage' ? 'In Arrears' : charge.billingTiming,
    tiers: checkTiers(charge),
    customFields: checkCustomFields(tx, CHARGES, charge.customFields, ''),
  };
}

export const DISCOUNT_LEVELS = ['rateplan', 'subscription', 'account'] as const;

/**
 * A discount's price is its percentage (0 to 100) or its amount; it applies to a combination of
 * ONETIME, RECURRING and USAGE (`ONETIMERECURRING`...) at one of the discount levels.
 */
function checkDiscount(charge: Charge): void {
  if (!charge.chargeModel.startsWith('Discount')) return;
  if (charge.chargeModel === 'Discount-Percentage' && charge.tiers.some((tier) => tier.price > 100)) {
    throw invalidValue(CHARGES, 'DiscountPercentage', "'DiscountPercentage' must be between 0 and 100");
  }
  if (charge.applyDiscountTo !== undefined && !/^(ONETIME)?(RECURRING)?(USAGE)?$/.test(charge.applyDiscountTo)) {
    throw invalidValue(CHARGES, 'ApplyDiscountTo', "'ApplyDiscountTo' must combine ONETIME, RECURRING and USAGE, in that order");
  }
  if (charge.discountLevel !== undefined) checkOneOf('DiscountLevel', charge.discountLevel, DISCOUNT_LEVELS);
}

/** Zuora's picklist fields take only their listed values, spelt exactly. */
function checkOneOf(field: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) throw invalidValue(CHARGES, field, `'${field}' must be one of ${allowed.join(', ')}`);
}

function checkQuantities(charge: Charge): void {
  const { minQuantity: min, maxQuantity: max, defaultQuantity } = charge;
  for (const [field, value] of Object.entries({ MinQuantity: min, MaxQuantity: max, DefaultQuantity: defaultQuantity })) {
    if (value !== undefined && value < 0) throw invalidValue(CHARGES, field, `'${field}' must not be negative`);
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw invalidValue(CHARGES, 'MinQuantity', "'MinQuantity' must not exceed 'MaxQuantity'");
  }
  if (defaultQuantity !== undefined && ((min !== undefined && defaultQuantity < min) || (max !== undefined && defaultQuantity > max))) {
    throw invalidValue(CHARGES, 'DefaultQuantity', "'DefaultQuantity' must lie between 'MinQuantity' and 'MaxQuantity'");
  }
}

/** One price per currency for single-price models; contiguous, ascending tiers otherwise. */
function checkTiers(charge: Charge): ChargeTier[] {
  if (charge.tiers.length === 0) throw missingField(CHARGES, 'ProductRatePlanChargeTierData');
  const single = !takesTierTable(charge.chargeModel);
  const result: ChargeTier[] = [];
  for (const currency of currenciesOf(charge)) {
    if (!/^[A-Z]{3}$/.test(currency)) throw invalidValue(CHARGES, 'Currency', `'${currency}' is not a currency code`);
    const tiers = charge.tiers
      .filter((tier) => tier.currency === currency)
      .sort((a, b) => a.startingUnit - b.startingUnit);
    if (single && tiers.length !== 1) {
      throw invalidValue(CHARGES, 'ProductRatePlanChargeTier', `'${charge.chargeModel}' takes exactly one price per currency (${currency})`);
    }
    tiers.forEach((tier, index) => {
      if (!Number.isFinite(tier.price) || (tier.price < 0 && !charge.chargeModel.startsWith('Discount'))) {
        throw invalidValue(CHARGES, 'Price', `Tier ${index + 1} (${currency}) has an invalid price`);
      }
      const last = index === tiers.length - 1;
      if (!single && !last && tier.endingUnit === null) {
        throw invalidValue(CHARGES, 'EndingUnit', `Tier ${index + 1} (${currency}) needs an 'EndingUnit'; only the last tier is open-ended`);
      }
      const previous = tiers[index - 1];
      if (previous && previous.endingUnit !== null && tier.startingUnit < previous.endingUnit) {
        throw invalidValue(CHARGES, 'StartingUnit', `Tier ${index + 1} (${currency}) overlaps the tier before it`);
      }
      if (tier.endingUnit !== null && tier.endingUnit < tier.startingUnit) {
        throw invalidValue(CHARGES, 'EndingUnit', `Tier ${index + 1} (${currency}) ends before it starts`);
      }
      result.push({ ...tier, tier: index + 1 });
    });
  }
  return result;
}

function findByNumber(view: ReadView, number: string): Charge | undefined {
  return view.findBy<Charge>(CHARGES, 'productRatePlanChargeNumber', number);
}

const pascal = (field: string): string => field.charAt(0).toUpperCase() + field.slice(1);
