import type { BillingPeriod, Catalog, Entitlement, Feature, Package, Price, PriceModel, PricingType, Tier } from '../model/types.js';
import { Field, optional, Problems, reportDuplicates } from './input.js';

export const BILLING_PERIODS: readonly BillingPeriod[] = ['MONTHLY', 'ANNUALLY'];
const PRICE_MODELS: readonly PriceModel[] = ['FLAT_FEE', 'PER_UNIT', 'USAGE_BASED', 'TIERED', 'VOLUME'];
const PRICING_TYPES: readonly PricingType[] = ['PAID', 'FREE', 'CUSTOM'];
/** The models that count a feature; a flat fee counts nothing. */
const COUNTING_MODELS: readonly PriceModel[] = ['PER_UNIT', 'USAGE_BASED', 'TIERED', 'VOLUME'];

/**
 * Reads a catalog in the format of issue 6 and checks it whole: shapes, the rules of each price
 * model, and that every reference (product, feature) names something in the same catalog.
 * Throws a 400 `INVALID_CATALOG` listing every problem.
 */
export function readCatalog(body: unknown): Catalog {
  const problems = new Problems();
  const root = Field.body(body, problems);
  root.object(['features', 'currencies', 'products', 'plans', 'addons']);

  const features = list(root.at('features'), (field): Feature => {
    field.object(['id', 'name', 'unit', 'metered']);
    return {
      id: field.at('id').id(),
      name: field.at('name').string(),
      ...optional('unit', field.at('unit').optional()?.string()),
      ...optional('metered', field.at('metered').optional()?.boolean()),
    };
  });
  const currencies = list(root.at('currencies'), (field) => {
    field.object(['id', 'name']);
    return { id: field.at('id').id(), name: field.at('name').string() };
  });
  const products = list(root.at('products'), (field) => {
    field.object(['id', 'name', 'description']);
    return { id: field.at('id').id(), name: field.at('name').string(), ...optional('description', field.at('description').optional()?.string()) };
  });
  const plans = list(root.at('plans'), (field) => readPackage(field, 'PLAN'));
  const addons = list(root.at('addons'), (field) => readPackage(field, 'ADDON'));
  const catalog: Catalog = {
    features: features.map(({ value }) => value),
    currencies: currencies.map(({ value }) => value),
    products: products.map(({ value }) => value),
    plans: plans.map(({ value }) => value),
    addons: addons.map(({ value }) => value),
  };

  reportDuplicates(features.map(({ field, value }) => ({ field, id: value.id })), 'feature');
  reportDuplicates(currencies.map(({ field, value }) => ({ field, id: value.id })), 'currency');
  reportDuplicates(products.map(({ field, value }) => ({ field, id: value.id })), 'product');
  // Plans and add-ons share one id space: both are looked up by id alone.
  reportDuplicates([...plans, ...addons].map(({ field, value }) => ({ field, id: value.id })), 'plan or add-on');
  const productIds = new Set(catalog.products.map((product) => product.id));
  const featuresById = new Map(catalog.features.map((feature) => [feature.id, feature]));
  for (const { field, value } of [...plans, ...addons]) {
    if (value.product && !productIds.has(value.product)) field.at('product').fail(`names no product of the catalog ('${value.product}')`);
    checkReferences(field, value, featuresById);
  }
  problems.check('INVALID_CATALOG');
  return catalog;
}

function readPackage(field: Field, kind: Package['kind']): Package {
  field.object(['id', 'product', 'name', 'description', 'pricingType', 'trialDays', 'entitlements', 'prices']);
  const pricingType = field.at('pricingType').optional()?.oneOf(PRICING_TYPES) ?? 'PAID';
  const prices = (field.at('prices').optional()?.array() ?? []).map(readPrice);
  const pricesField = field.at('prices');
  if (pricingType === 'PAID' && prices.length === 0) pricesField.fail('needs at least one price for a PAID plan or add-on');
  // FREE costs nothing and CUSTOM is priced per deal, so neither has list prices to sync.
  if (pricingType !== 'PAID' && prices.length > 0) pricesField.fail(`must be empty for a ${pricingType} plan or add-on`);
  const trialDays = field.at('trialDays').optional()?.number({ min: 1, integer: true });
  return {
    id: field.at('id').id(),
    kind,
    product: field.at('product').id(),
    name: field.at('name').string(),
    ...optional('description', field.at('description').optional()?.string()),
    pricingType,
    ...optional('trialDays', trialDays),
    entitlements: (field.at('entitlements').optional()?.array() ?? []).map(readEntitlement),
    prices,
  };
}

function readEntitlement(field: Field): Entitlement {
  field.object(['feature', 'limit']);
  return { feature: field.at('feature').id(), ...optional('limit', field.at('limit').optional()?.number({ min: 0 })) };
}

function readPrice(field: Field): Price {
  field.object(['billingPeriod', 'model', 'feature', 'amount', 'unitPrice', 'tiers', 'currency', 'minQuantity', 'maxQuantity']);
  const model = field.at('model').oneOf(PRICE_MODELS);
  const price: Price = {
    billingPeriod: field.at('billingPeriod').oneOf(BILLING_PERIODS),
    model,
    ...optional('feature', field.at('feature').optional()?.id()),
    ...optional('amount', field.at('amount').optional()?.number({ min: 0 })),
    ...optional('unitPrice', field.at('unitPrice').optional()?.number({ min: 0 })),
    ...optional('tiers', field.at('tiers').optional()?.array().map(readTier)),
    ...optional('currency', field.at('currency').optional()?.string()),
    ...optional('minQuantity', field.at('minQuantity').optional()?.number({ min: 0, integer: true })),
    ...optional('maxQuantity', field.at('maxQuantity').optional()?.number({ min: 0, integer: true })),
  };
  const needs = (key: keyof Price, why: string) => {
    if (price[key] === undefined) field.at(key).fail(`is required ${why}`);
  };
  const forbids = (key: keyof Price, why: string) => {
    if (price[key] !== undefined) field.at(key).fail(`is not allowed ${why}`);
  };
  const modelWhy = `for a ${model} price`;
  if (model === 'FLAT_FEE') {
    needs('amount', modelWhy);
    for (const key of ['feature', 'unitPrice', 'tiers', 'minQuantity', 'maxQuantity'] as const) forbids(key, modelWhy);
  } else {
    needs('feature', modelWhy);
    forbids('amount', modelWhy);
  }
  if (model === 'PER_UNIT' || model === 'USAGE_BASED') {
    needs('unitPrice', modelWhy);
    forbids('tiers', modelWhy);
  }
  if (model === 'TIERED' || model === 'VOLUME') {
    needs('tiers', modelWhy);
    forbids('unitPrice', `${modelWhy} (prices go in its tiers)`);
    if (price.tiers) checkTiers(field.at('tiers'), price.tiers);
  }
  if (price.currency !== undefined && !/^[A-Z]{3}$/.test(price.currency)) field.at('currency').fail('must be a 3-letter ISO currency code such as USD');
  if (price.minQuantity !== undefined && price.maxQuantity !== undefined && price.minQuantity > price.maxQuantity) {
    field.at('maxQuantity').fail('must not be less than minQuantity');
  }
  return price;
}

function readTier(field: Field): Tier {
  field.object(['upTo', 'unitPrice', 'flatPrice']);
  const tier: Tier = {
    ...optional('upTo', field.at('upTo').optional()?.number({ above: 0 })),
    ...optional('unitPrice', field.at('unitPrice').optional()?.number({ min: 0 })),
    ...optional('flatPrice', field.at('flatPrice').optional()?.number({ min: 0 })),
  };
  if (tier.unitPrice === undefined && tier.flatPrice === undefined) field.fail('needs a unitPrice or a flatPrice');
  return tier;
}

/** Tiers climb: each bound above the one before, and only the last one open-ended. */
function checkTiers(field: Field, tiers: Tier[]): void {
  if (tiers.length === 0) {
    field.fail('needs at least one tier');
    return;
  }
  tiers.forEach((tier, index) => {
    const at = field.item(index);
    const last = index === tiers.length - 1;
    if (last && tier.upTo !== undefined) at.fail('is the last tier, so it has no upTo (it is open-ended)');
    if (!last && tier.upTo === undefined) at.fail('needs upTo (only the last tier is open-ended)');
    const previous = tiers[index - 1]?.upTo;
    if (previous !== undefined && tier.upTo !== undefined && tier.upTo <= previous) at.fail(`upTo must be above the previous tier's (${previous})`);
  });
}

function checkReferences(field: Field, pkg: Package, features: Map<string, Feature>): void {
  pkg.entitlements.forEach((entitlement, index) => {
    if (entitlement.feature && !features.has(entitlement.feature)) {
      field.at('entitlements').item(index).at('feature').fail(`names no feature of the catalog ('${entitlement.feature}')`);
    }
  });
  pkg.prices.forEach((price, index) => {
    if (!price.feature || !COUNTING_MODELS.includes(price.model)) return;
    const at = field.at('prices').item(index).at('feature');
    const feature = features.get(price.feature);
    if (!feature) at.fail(`names no feature of the catalog ('${price.feature}')`);
    else if (price.model === 'USAGE_BASED' && !feature.metered) at.fail(`must be a metered feature for a USAGE_BASED price ('${price.feature}' is not metered)`);
  });
}

/** Each item of a list the catalog may leave out, beside the field it came from (for reference checks). */
function list<T>(field: Field, read: (field: Field) => T): Array<{ field: Field; value: T }> {
  return (field.optional()?.array() ?? []).map((item) => ({ field: item, value: read(item) }));
}
