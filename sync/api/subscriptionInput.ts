import type {
  AddonSelection,
  BillingPeriod,
  Catalog,
  CreditEntitlement,
  EntitlementLimit,
  Package,
  PaymentCollectionMethod,
  ScheduleStrategy,
  Subscription,
} from '../model/types.js';
import type { ProvisionInput, SubscriptionChange } from '../outbound/index.js';
import { BILLING_PERIODS } from './catalogInput.js';
import { Field, isPlainObject, optional, Problems, reportDuplicates } from './input.js';

export const SCHEDULE_STRATEGIES: readonly ScheduleStrategy[] = ['IMMEDIATE', 'END_OF_BILLING_PERIOD'];
/** seeds/004 spells CHARGE as PAYMENT_METHOD_ON_FILE; both are taken, and the record says CHARGE. */
const COLLECTION_METHODS = ['PAYMENT_METHOD_ON_FILE', 'CHARGE', 'INVOICE', 'NONE'] as const;
const collectionOf = (method: (typeof COLLECTION_METHODS)[number]): PaymentCollectionMethod => (method === 'PAYMENT_METHOD_ON_FILE' ? 'CHARGE' : method);

/** `POST /api/subscriptions`, checked against the catalog: plan, period, add-ons, features, currencies. */
export function readProvision(body: unknown, catalog: Catalog): ProvisionInput {
  const problems = new Problems();
  const root = Field.body(body, problems);
  root.object([
    'id',
    'customerId',
    'planId',
    'billingPeriod',
    'addons',
    'units',
    'trial',
    'paymentCollectionMethod',
    'priceOverrides',
    'creditEntitlements',
    'entitlements',
    'metadata',
    'billingId',
    'startDate',
  ]);
  const customerId = root.at('customerId').id();
  const plan = readPlan(root.at('planId'), catalog);
  const billingPeriod = readPeriod(root.at('billingPeriod'), plan);
  const trial = root.at('trial').optional()?.map((field) => readTrial(field, plan));
  const request: ProvisionInput = {
    ...optional('id', root.at('id').optional()?.id()),
    customerId,
    planId: plan?.id ?? '',
    billingPeriod,
    addons: readAddons(root.at('addons'), catalog, billingPeriod),
    units: readUnits(root.at('units'), catalog, plan, billingPeriod),
    ...optional('trial', trial),
    ...optional('paymentCollectionMethod', root.at('paymentCollectionMethod').optional()?.map((field) => collectionOf(field.oneOf(COLLECTION_METHODS)))),
    ...optional('priceOverrides', root.at('priceOverrides').optional()?.map(readPriceOverrides)),
    ...optional('creditEntitlements', root.at('creditEntitlements').optional()?.map((field) => readCredits(field, catalog))),
    ...optional('entitlements', root.at('entitlements').optional()?.map((field) => readEntitlements(field, catalog))),
    metadata: root.at('metadata').optional()?.stringMap() ?? {},
    ...optional('billingId', root.at('billingId').optional()?.string()),
    ...optional('startDate', root.at('startDate').optional()?.date()),
  };
  problems.check();
  return request;
}

/**
 * `true` for the plan's own trial (it needs `trialDays`), `{days}` for a length of one's own,
 * `{endDate}` for a trial ending then (seeds/004's Trial End Date), `false` for none.
 */
function readTrial(field: Field, plan: Package | undefined): NonNullable<ProvisionInput['trial']> {
  if (typeof field.value === 'boolean') {
    if (field.value && plan && plan.trialDays === undefined) field.fail(`is not possible: plan '${plan.id}' has no trialDays (give {days} or {endDate} instead)`);
    return field.value;
  }
  if (!isPlainObject(field.value)) {
    field.fail('must be true, false, {days: N} or {endDate}');
    return false;
  }
  field.object(['days', 'endDate']);
  const days = field.at('days').optional()?.number({ min: 1, integer: true });
  const endDate = field.at('endDate').optional()?.date();
  if ((days === undefined) === (endDate === undefined)) field.fail('must give one of days or endDate');
  return endDate !== undefined ? { endDate } : { days: days ?? 1 };
}

/** `PATCH /api/subscriptions/:id`: what changes, checked against the catalog as the subscription will be after it. */
export function readUpdate(body: unknown, catalog: Catalog, current: Subscription): SubscriptionChange {
  const problems = new Problems();
  const root = Field.body(body, problems);
  const changes = ['planId', 'addons', 'units', 'billingPeriod'] as const;
  if (root.object([...changes, 'scheduleStrategy']) && !changes.some((key) => root.at(key).present)) {
    root.fail(`must change something: give at least one of ${changes.join(', ')}`);
  }
  const planField = root.at('planId').optional();
  const plan = planField ? readPlan(planField, catalog) : catalog.plans.find((pkg) => pkg.id === current.planId);
  const periodField = root.at('billingPeriod');
  const billingPeriod = periodField.present ? readPeriod(periodField, plan) : current.billingPeriod;
  if (!periodField.present && plan && !sells(plan, billingPeriod)) {
    periodField.fail(`is required: plan '${plan.id}' is not sold ${billingPeriod}, the subscription's current period`);
  }
  const addonsField = root.at('addons').optional();
  const unitsField = root.at('units').optional();
  const request: SubscriptionChange = {
    ...optional('planId', plan && planField ? plan.id : undefined),
    ...optional('addons', addonsField ? readAddons(addonsField, catalog, billingPeriod) : undefined),
    ...optional('units', unitsField ? readUnits(unitsField, catalog, plan, billingPeriod) : undefined),
    ...optional('billingPeriod', periodField.present ? billingPeriod : undefined),
    scheduleStrategy: root.at('scheduleStrategy').optional()?.oneOf(SCHEDULE_STRATEGIES) ?? 'IMMEDIATE',
  };
  problems.check();
  return request;
}

function readPlan(field: Field, catalog: Catalog): Package | undefined {
  const id = field.id();
  if (!id) return undefined;
  const plan = catalog.plans.find((pkg) => pkg.id === id);
  if (plan) return plan;
  const isAddon = catalog.addons.some((pkg) => pkg.id === id);
  field.fail(isAddon ? `names an add-on ('${id}'), not a plan` : `names no plan of the catalog ('${id}')`);
  return undefined;
}

/** Left out, a plan's period is MONTHLY when it is sold monthly, else the first it is sold in. */
function readPeriod(field: Field, plan: Package | undefined): BillingPeriod {
  const sold = plan ? periodsOf(plan) : [];
  if (!field.present) return sold.includes('MONTHLY') || sold.length === 0 ? 'MONTHLY' : (sold[0] as BillingPeriod);
  const period = field.oneOf(BILLING_PERIODS);
  if (plan && !sells(plan, period)) field.fail(`is not a period plan '${plan.id}' is sold in (${sold.join(', ')})`);
  return period;
}

function readAddons(field: Field, catalog: Catalog, period: BillingPeriod): AddonSelection[] {
  const items = (field.optional()?.array() ?? []).map((item) => {
    item.object(['addonId', 'quantity']);
    const addonId = item.at('addonId').id();
    const addon = catalog.addons.find((pkg) => pkg.id === addonId);
    if (addonId && !addon) item.at('addonId').fail(`names no add-on of the catalog ('${addonId}')`);
    if (addon && !sells(addon, period)) item.at('addonId').fail(`is not sold ${period} (add-on '${addonId}')`);
    const quantity = item.at('quantity').optional()?.number({ min: 1, integer: true }) ?? 1;
    return { field: item, selection: { addonId, quantity } };
  });
  reportDuplicates(items.map(({ field: item, selection }) => ({ field: item.at('addonId'), id: selection.addonId })), 'add-on');
  return items.map(({ selection }) => selection);
}

/** `{featureId: quantity}` for features counted per unit; quantities within the plan's min and max. */
function readUnits(field: Field, catalog: Catalog, plan: Package | undefined, period: BillingPeriod): Record<string, number> {
  const units: Record<string, number> = {};
  for (const [featureId, quantityField] of field.optional()?.entries() ?? []) {
    const feature = catalog.features.find((candidate) => candidate.id === featureId);
    if (!feature) quantityField.fail(`names no feature of the catalog ('${featureId}')`);
    else if (feature.metered) quantityField.fail(`is a metered feature: report its usage with POST /api/usage instead`);
    const quantity = quantityField.number({ min: 0, integer: true });
    const price = plan?.prices.find((candidate) => candidate.billingPeriod === period && candidate.feature === featureId);
    if (price?.minQuantity !== undefined && quantity < price.minQuantity) quantityField.fail(`must be at least ${price.minQuantity} on plan '${plan?.id}'`);
    if (price?.maxQuantity !== undefined && quantity > price.maxQuantity) quantityField.fail(`must be at most ${price.maxQuantity} on plan '${plan?.id}'`);
    units[featureId] = quantity;
  }
  return units;
}

function readPriceOverrides(field: Field): Record<string, number> {
  const overrides: Record<string, number> = {};
  for (const [key, value] of field.entries()) overrides[key] = value.number({ min: 0 });
  return overrides;
}

/** seeds/004 "Subscription Credit Entitlements": `{customCurrencyId, amount, cadence, price?}`. */
function readCredits(field: Field, catalog: Catalog): CreditEntitlement[] {
  return field.array().map((item) => {
    item.object(['customCurrencyId', 'amount', 'cadence', 'price']);
    const customCurrencyId = item.at('customCurrencyId').id();
    if (customCurrencyId && !catalog.currencies.some((candidate) => candidate.id === customCurrencyId)) {
      item.at('customCurrencyId').fail(`names no custom currency of the catalog ('${customCurrencyId}')`);
    }
    return {
      customCurrencyId,
      amount: item.at('amount').number({ above: 0 }),
      cadence: item.at('cadence').oneOf(['MONTH', 'YEAR'] as const),
      ...optional('price', item.at('price').optional()?.number({ min: 0 })),
    };
  });
}

/** `[{featureId, limit}]`: a limit per feature of the catalog, metered ones included (seeds/004 entitlement products). */
function readEntitlements(field: Field, catalog: Catalog): EntitlementLimit[] {
  const items = field.array().map((item) => {
    item.object(['featureId', 'limit']);
    const featureId = item.at('featureId').id();
    if (featureId && !catalog.features.some((feature) => feature.id === featureId)) item.at('featureId').fail(`names no feature of the catalog ('${featureId}')`);
    return { field: item, limit: { featureId, limit: item.at('limit').number({ min: 0 }) } };
  });
  reportDuplicates(items.map(({ field: item, limit }) => ({ field: item.at('featureId'), id: limit.featureId })), 'feature');
  return items.map(({ limit }) => limit);
}

const periodsOf = (pkg: Package): BillingPeriod[] => [...new Set(pkg.prices.map((price) => price.billingPeriod))];

/** A package without prices (free, custom) goes with any period. */
const sells = (pkg: Package, period: BillingPeriod): boolean => pkg.prices.length === 0 || periodsOf(pkg).includes(period);
