import type { AnySchema } from 'ajv';
import {
  createCharge,
  currenciesOf,
  getCharge,
  takesTierTable,
  type Charge,
  type ChargeFields,
  type ChargeTier,
} from '../../domain/catalog/charges.js';
import type { CustomFields } from '../../domain/customFields.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { billingTiming, discountSummary, MODEL_NAMES, priceSummary, tierTableSummary, underscored, v1EndDateCondition, v1Tier } from './chargeShapes.js';
import { crudFields, crudSaved } from './crud.js';
import { own } from '../../state/paths.js';

type Body = Record<string, unknown>;

const num = { type: 'number' } as const;
const str = { type: 'string' } as const;

/** A tier has a Price, or for a discount its DiscountPercentage or DiscountAmount. */
const tier = {
  type: 'object',
  required: ['Currency'],
  anyOf: [{ required: ['Price'] }, { required: ['DiscountPercentage'] }, { required: ['DiscountAmount'] }],
  properties: {
    Currency: str,
    Price: num,
    StartingUnit: num,
    EndingUnit: { type: ['number', 'null'] },
    PriceFormat: { enum: ['Flat Fee', 'Per Unit'] },
    IsOveragePrice: { type: 'boolean' },
    DiscountAmount: num,
    DiscountPercentage: num,
  },
} as const;

/** The CRUD charge body: the fields the emulator models. Zuora ignores others unless told to reject them. */
const chargeProperties = {
  ProductRatePlanId: str,
  Name: str,
  Description: str,
  ChargeType: str,
  ChargeModel: str,
  BillingPeriod: str,
  SpecificBillingPeriod: { type: 'integer' },
  BillCycleType: str,
  BillCycleDay: { type: 'integer' },
  BillingTiming: str,
  BillingPeriodAlignment: str,
  TriggerEvent: str,
  ListPriceBase: str,
  DefaultQuantity: num,
  MinQuantity: num,
  MaxQuantity: num,
  IncludedUnits: num,
  UOM: { type: ['string', 'null'] },
  AccountingCode: str,
  DeferredRevenueAccount: str,
  RecognizedRevenueAccount: str,
  EndDateCondition: str,
  UpToPeriods: { type: ['integer', 'null'] },
  UpToPeriodsType: { type: ['string', 'null'] },
  Taxable: { type: 'boolean' },
  TaxCode: str,
  TaxMode: { type: ['string', 'null'] },
  ProductRatePlanChargeNumber: str,
  ApplyDiscountTo: str,
  DiscountLevel: str,
  UseDiscountSpecificAccountingCode: { type: ['boolean', 'null'] },
  ProductRatePlanChargeTierData: {
    type: 'object',
    required: ['ProductRatePlanChargeTier'],
    properties: { ProductRatePlanChargeTier: { type: 'array', minItems: 1, items: tier } },
  },
} as const;

export const chargeCreateSchema: AnySchema = {
  type: 'object',
  required: ['ProductRatePlanId', 'Name', 'ChargeType', 'ChargeModel', 'ProductRatePlanChargeTierData'],
  properties: chargeProperties,
};

/** An update names what changes; a charge stays on its plan. */
export const chargeUpdateSchema: AnySchema = { type: 'object', properties: chargeProperties };

/** The emulator's name for a CRUD field: `BillingPeriod` -> `billingPeriod`, `UOM` -> `uom`. */
const FIELD_NAMES: Record<string, keyof ChargeFields | 'productRatePlanId'> = Object.fromEntries(
  Object.keys(chargeProperties)
    .filter((field) => field !== 'ProductRatePlanChargeTierData' && field !== 'UseDiscountSpecificAccountingCode')
    .map((field) => [field, field === 'UOM' ? 'uom' : field.charAt(0).toLowerCase() + field.slice(1)]),
) as Record<string, keyof ChargeFields | 'productRatePlanId'>;

function tiersFrom(body: Body): ChargeTier[] {
  const data = body.ProductRatePlanChargeTierData as { ProductRatePlanChargeTier: Body[] };
  const defaultFormat = body.ChargeModel === 'Flat Fee Pricing' ? 'Flat Fee' : 'Per Unit';
  return data.ProductRatePlanChargeTier.map((tier, index) => ({
    currency: String(tier.Currency),
    tier: index + 1,
    startingUnit: Number(tier.StartingUnit ?? 0),
    endingUnit: tier.EndingUnit === undefined || tier.EndingUnit === null ? null : Number(tier.EndingUnit),
    price: Number(tier.Price ?? tier.DiscountPercentage ?? tier.DiscountAmount),
    priceFormat: (tier.PriceFormat as ChargeTier['priceFormat'] | undefined) ?? defaultFormat,
  }));
}

/** A CRUD charge body in the domain's names; tiers only when the body carries a tier table. */
export function crudChargeInput(body: Body, query: Record<string, unknown>): ChargeFields & { productRatePlanId?: string } {
  const { known, customFields } = crudFields(body, Object.keys(chargeProperties), query, 'ProductRatePlanCharge');
  const input: Record<string, unknown> = { customFields: customFields as CustomFields };
  if (body.ProductRatePlanChargeTierData !== undefined) input.tiers = tiersFrom(body);
  for (const [field, value] of Object.entries(known)) {
    const name = own(FIELD_NAMES, field);
    if (name && value !== null) input[name] = value;
  }
  return input as ChargeFields & { productRatePlanId?: string };
}

export async function postCharge(ctx: RequestContext): Promise<Reply> {
  const input = crudChargeInput(ctx.body as Body, ctx.query);
  // The body schema has required ProductRatePlanId; the domain checks every value.
  const charge = await ctx.services.store.transact(ctx.tenant, (tx) => createCharge(tx, input as ChargeFields & { productRatePlanId: string }));
  return crudSaved(charge.id);
}

/** One summary per currency of the charge. */
function pricingSummary(charge: Charge): string[] {
  return currenciesOf(charge).map((currency) => {
    const tiers = charge.tiers.filter((tier) => tier.currency === currency);
    const single = takesTierTable(charge.chargeModel) ? undefined : tiers[0];
    if (single && charge.chargeModel.startsWith('Discount')) return discountSummary(charge.chargeModel, currency, single.price);
    return single ? priceSummary(currency, charge.uom, single.price, single.priceFormat === 'Per Unit') : tierTableSummary(currency, charge.uom, tiers);
  });
}

/** A charge as V1 catalog reads nest it (GETProductRatePlanChargeType). */
export function toV1Charge(charge: Charge): Record<string, unknown> {
  const tiered = takesTierTable(charge.chargeModel);
  return {
    id: charge.id,
    name: charge.name,
    type: charge.chargeType,
    model: MODEL_NAMES[charge.chargeModel],
    productRatePlanChargeNumber: charge.productRatePlanChargeNumber,
    billingPeriod: charge.billingPeriod ?? null,
    specificBillingPeriod: charge.specificBillingPeriod ?? null,
    billingDay: charge.billCycleType,
    billingTiming: billingTiming(charge.billingTiming),
    billingPeriodAlignment: charge.billingPeriodAlignment ?? 'AlignToCharge',
    triggerEvent: charge.triggerEvent,
    listPriceBase: underscored(charge.listPriceBase),
    endDateCondition: v1EndDateCondition(charge.endDateCondition),
    defaultQuantity: charge.defaultQuantity ?? null,
    uom: charge.uom ?? null,
    taxable: charge.taxable,
    taxCode: charge.taxCode ?? '',
    taxMode: charge.taxMode ?? null,
    upToPeriods: charge.upToPeriods ?? null,
    upToPeriodsType: charge.upToPeriodsType ?? null,
    applyDiscountTo: charge.applyDiscountTo ?? null,
    discountLevel: charge.discountLevel ?? null,
    pricing: currenciesOf(charge).map((currency) => {
      const tiers = charge.tiers.filter((tier) => tier.currency === currency);
      return {
        currency,
        price: tiered || charge.chargeModel.startsWith('Discount') ? 0 : (tiers[0]?.price ?? 0),
        tiers: tiered ? tiers.map(v1Tier) : null,
        includedUnits: charge.includedUnits ?? null,
        overagePrice: null,
        discountPercentage: charge.chargeModel === 'Discount-Percentage' ? (tiers[0]?.price ?? null) : null,
        discountAmount: charge.chargeModel === 'Discount-Fixed Amount' ? (tiers[0]?.price ?? null) : null,
      };
    }),
    pricingSummary: pricingSummary(charge),
    financeInformation: {
      deferredRevenueAccountingCode: charge.deferredRevenueAccount ?? null,
      recognizedRevenueAccountingCode: charge.recognizedRevenueAccount ?? charge.accountingCode ?? null,
    },
    customFields: charge.customFields,
  };
}

export function getChargeV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: { ...toV1Charge(getCharge(view, ctx.params.charge_key ?? '')), success: true } };
}
