import {
  getCharge,
  updateCharge,
  type BillingPeriod,
  type Charge,
  type ChargeFields,
  type ChargeTier,
} from '../../domain/catalog/charges.js';
import { getRatePlan } from '../../domain/catalog/ratePlans.js';
import { DomainError, invalidValue } from '../../domain/errors.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { compact } from '../shape.js';
import { CHARGE_MODEL_NAMES, PERIOD_INTERVALS, recurring, snake, TIERS_MODES } from './chargeShapes.js';
import { quickstartObject } from './shape.js';
import { own } from '../../state/paths.js';

type Body = Record<string, unknown>;
type Money = Record<string, number>;

function priceMap(charge: Charge, format: ChargeTier['priceFormat']): Money | undefined {
  if (TIERS_MODES[charge.chargeModel]) return undefined;
  const entries = charge.tiers.filter((tier) => tier.priceFormat === format).map((tier) => [tier.currency, tier.price]);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Tier n of every currency becomes one Quickstart tier with a price per currency. */
function v2Tiers(charge: Charge): Array<Record<string, unknown>> | undefined {
  if (!TIERS_MODES[charge.chargeModel]) return undefined;
  const byPosition = new Map<number, ChargeTier[]>();
  for (const tier of charge.tiers) byPosition.set(tier.tier, [...(byPosition.get(tier.tier) ?? []), tier]);
  return [...byPosition.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, tiers]) => {
      const first = tiers[0] as ChargeTier;
      const prices = Object.fromEntries(tiers.map((tier) => [tier.currency, tier.price]));
      return compact({
        up_to: first.endingUnit ?? undefined,
        ...(first.priceFormat === 'Per Unit' ? { unit_amounts: prices } : { amounts: prices }),
      });
    });
}

/** A discount's terms as Quickstart prices show them: percent or amounts, what it applies to and at which level. */
function discountTerms(charge: Charge): Record<string, unknown> {
  const appliesTo = charge.applyDiscountTo ?? 'ONETIMERECURRINGUSAGE';
  const percent = charge.chargeModel === 'Discount-Percentage';
  return {
    ...(percent ? { discount_percent: charge.tiers[0]?.price } : { discount_amounts: Object.fromEntries(charge.tiers.map((tier) => [tier.currency, tier.price])) }),
    apply_discount_to: (['ONETIME', 'RECURRING', 'USAGE'] as const).filter((token) => appliesTo.includes(token)).map((token) => (token === 'ONETIME' ? 'one_time' : token.toLowerCase())),
    discount_level: (charge.discountLevel ?? 'rateplan') === 'rateplan' ? 'plan' : charge.discountLevel,
  };
}

export function toV2Price(view: ReadView, charge: Charge): Record<string, unknown> {
  const plan = getRatePlan(view, charge.productRatePlanId);
  const discount = charge.chargeModel.startsWith('Discount');
  return quickstartObject(charge, {
    name: charge.name,
    description: charge.description,
    plan_id: plan.id,
    plan_number: plan.productRatePlanNumber,
    charge_type: snake(charge.chargeType),
    charge_model: CHARGE_MODEL_NAMES[charge.chargeModel],
    recurring: recurring(charge),
    start_event: snake(charge.triggerEvent),
    tiers_mode: TIERS_MODES[charge.chargeModel],
    tiers: v2Tiers(charge),
    amounts: discount ? undefined : priceMap(charge, 'Flat Fee'),
    unit_amounts: discount ? undefined : priceMap(charge, 'Per Unit'),
    ...(discount ? discountTerms(charge) : {}),
    unit_of_measure: charge.uom,
    quantity: charge.defaultQuantity,
    min_quantity: charge.minQuantity,
    max_quantity: charge.maxQuantity,
    accounting_code: charge.accountingCode,
    recognized_revenue_accounting_code: charge.recognizedRevenueAccount,
    deferred_revenue_accounting_code: charge.deferredRevenueAccount,
    taxable: charge.taxable,
    tax_code: charge.taxCode,
    active: true,
    custom_fields: charge.customFields,
  });
}

function billingPeriodOf(recurring: Body, charge: Charge): Pick<ChargeFields, 'billingPeriod' | 'specificBillingPeriod'> {
  const interval = String(recurring.interval ?? PERIOD_INTERVALS[charge.billingPeriod ?? 'Month'].interval);
  const count = Number(recurring.interval_count ?? 1);
  const exact = (Object.entries(PERIOD_INTERVALS) as Array<[BillingPeriod, { interval: string; count?: number }]>).find(
    ([, period]) => period.interval === interval && period.count === count,
  );
  // A named period has no count of its own; a count left from a 'Specific ...' period must go.
  if (exact) return { billingPeriod: exact[0], specificBillingPeriod: undefined };
  if (interval === 'year') return { billingPeriod: 'Specific Months', specificBillingPeriod: count * 12 };
  const specific = { month: 'Specific Months', week: 'Specific Weeks', day: 'Specific Days' }[interval] as BillingPeriod | undefined;
  if (!specific) throw invalidValue('ProductRatePlanCharge', 'recurring.interval', `Interval '${interval}' cannot repeat ${count} times`);
  return { billingPeriod: specific, specificBillingPeriod: count };
}

/** Replaces the price of each currency named in `prices` on a single-price charge. */
function withPrices(charge: Charge, prices: Money, format: ChargeTier['priceFormat']): ChargeTier[] {
  const kept = charge.tiers.filter((tier) => !(tier.currency in prices));
  const added = Object.entries(prices).map(([currency, price]) => ({
    currency,
    tier: 1,
    startingUnit: 0,
    endingUnit: null,
    price,
    priceFormat: format,
  }));
  return [...kept, ...added];
}

function tiersFromV2(tiers: Body[]): ChargeTier[] {
  const currencies = new Set(tiers.flatMap((tier) => Object.keys((tier.unit_amounts ?? tier.amounts ?? {}) as Money)));
  return [...currencies].flatMap((currency) =>
    tiers.map((tier, index) => {
      const perUnit = tier.unit_amounts !== undefined;
      const prices = (tier.unit_amounts ?? tier.amounts ?? {}) as Money;
      const previous = tiers[index - 1]?.up_to;
      return {
        currency,
        tier: index + 1,
        startingUnit: typeof previous === 'number' ? previous : 0,
        endingUnit: typeof tier.up_to === 'number' ? tier.up_to : null,
        price: prices[currency] ?? Number.NaN,
        priceFormat: perUnit ? ('Per Unit' as const) : ('Flat Fee' as const),
      };
    }),
  );
}

function chargePatch(body: Body, charge: Charge): ChargeFields {
  const patch: ChargeFields = compact({
    name: body.name,
    description: body.description,
    accountingCode: body.accounting_code,
    recognizedRevenueAccount: body.recognized_revenue_accounting_code,
    deferredRevenueAccount: body.deferred_revenue_accounting_code,
    taxCode: body.tax_code,
    taxable: body.taxable,
    uom: body.unit_of_measure,
    defaultQuantity: body.quantity,
    minQuantity: body.min_quantity,
    maxQuantity: body.max_quantity,
    customFields: body.custom_fields,
  }) as ChargeFields;
  if (typeof body.start_event === 'string' && body.start_event !== 'specific_date') {
    patch.triggerEvent = body.start_event.replace(/(^|_)(\w)/g, (_m, _sep: string, letter: string) => letter.toUpperCase()) as ChargeFields['triggerEvent'];
  }
  const recurring = body.recurring as Body | undefined;
  if (recurring) {
    // A patch of the timing alone must leave the period (say, a quarter) as it is.
    if (recurring.interval !== undefined || recurring.interval_count !== undefined) {
      Object.assign(patch, billingPeriodOf(recurring, charge));
    }
    if (recurring.timing) patch.billingTiming = recurring.timing === 'in_advance' ? 'In Advance' : 'In Arrears';
  }
  if (body.tiers_mode === 'graduated') patch.chargeModel = 'Tiered Pricing';
  if (body.tiers_mode === 'volume') patch.chargeModel = 'Volume Pricing';
  if (Array.isArray(body.tiers)) patch.tiers = tiersFromV2(body.tiers as Body[]);
  else if (body.amounts) patch.tiers = withPrices(charge, body.amounts as Money, 'Flat Fee');
  else if (body.unit_amounts) patch.tiers = withPrices(charge, body.unit_amounts as Money, 'Per Unit');
  return patch;
}

export function getPriceV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: toV2Price(view, getCharge(view, ctx.params.price_id ?? '')) };
}

/** The charge rules name fields as the CRUD API spells them; a Quickstart caller is told its own names. */
const QUICKSTART_FIELDS: Record<string, string> = {
  Name: 'name',
  UOM: 'unit_of_measure',
  DefaultQuantity: 'quantity',
  MinQuantity: 'min_quantity',
  MaxQuantity: 'max_quantity',
  BillingPeriod: 'recurring.interval',
  SpecificBillingPeriod: 'recurring.interval_count',
  BillingTiming: 'recurring.timing',
  TriggerEvent: 'start_event',
  ChargeModel: 'tiers_mode',
};
const TIER_FIELDS = new Set(['Currency', 'Price', 'StartingUnit', 'EndingUnit', 'ProductRatePlanChargeTier', 'ProductRatePlanChargeTierData']);

function quickstartField(field: string, body: Body): string {
  if (field.endsWith('__c')) return `custom_fields.${field}`;
  // Prices arrive in whichever of these the patch used.
  if (TIER_FIELDS.has(field)) return ['tiers', 'amounts', 'unit_amounts'].find((name) => body[name] !== undefined) ?? field;
  return own(QUICKSTART_FIELDS, field) ?? field;
}

export async function patchPrice(ctx: RequestContext): Promise<Reply> {
  const store = ctx.services.store;
  const body = (ctx.body ?? {}) as Body;
  try {
    const charge = await store.transact(ctx.tenant, (tx) => {
      const current = getCharge(tx, ctx.params.price_id ?? '');
      return updateCharge(tx, current.id, chargePatch(body, current));
    });
    return { body: toV2Price(store.view(ctx.tenant), charge) };
  } catch (error) {
    if (error instanceof DomainError && error.field) {
      throw new DomainError(error.kind, error.message, error.object, quickstartField(error.field, body));
    }
    throw error;
  }
}
