import { createPrice, createProduct, deleteProduct, getPrice, getProduct, updatePrice, updateProduct, type PriceInput, type ProductInput } from '../../domain/stripe/catalog.js';
import { invalidParam } from '../../domain/stripe/errors.js';
import { PRICES, PRODUCTS, type PriceTier, type StripePrice, type StripeProduct } from '../../domain/stripe/model.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { deleted, paramsOf, render, viewOf, write } from './context.js';
import { page } from './list.js';
import { allowOnly, arr, bool, expandPaths, int, metadata, nullableStr, obj, str, strings, type Params } from './params.js';
import { searchPage } from './search.js';
import { priceShape, productShape } from './shapes/catalog.js';

function productInput(params: Params): ProductInput & { default_price?: string } {
  const input: ProductInput & { default_price?: string } = {};
  const name = str(params, 'name');
  const active = bool(params, 'active');
  const description = nullableStr(params, 'description');
  const meta = metadata(params);
  const taxCode = nullableStr(params, 'tax_code');
  const unitLabel = nullableStr(params, 'unit_label');
  const defaultPrice = str(params, 'default_price');
  if (name !== undefined) input.name = name;
  if (active !== undefined) input.active = active;
  if (description !== undefined) input.description = description;
  if (meta) input.metadata = meta;
  if (taxCode !== undefined) input.tax_code = taxCode;
  if (unitLabel !== undefined) input.unit_label = unitLabel;
  if (defaultPrice) input.default_price = defaultPrice;
  return input;
}

const PRODUCT_FIELDS = ['name', 'active', 'description', 'metadata', 'tax_code', 'unit_label'] as const;

export async function postProduct(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, [...PRODUCT_FIELDS, 'id']);
  const id = str(params, 'id');
  return render(ctx, PRODUCTS, await write(ctx, (tx) => createProduct(tx, { ...productInput(params), ...(id ? { id } : {}) })));
}

export const getProductById = (ctx: RequestContext): Reply => ({ body: productShape(getProduct(viewOf(ctx), ctx.params.id ?? '')) });

export async function postProductUpdate(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, [...PRODUCT_FIELDS, 'default_price']);
  return render(ctx, PRODUCTS, await write(ctx, (tx) => updateProduct(tx, ctx.params.id ?? '', productInput(params))));
}

export async function deleteProductById(ctx: RequestContext): Promise<Reply> {
  const product = await write(ctx, (tx) => deleteProduct(tx, ctx.params.id ?? ''));
  return deleted('product', product.id);
}

export function listProducts(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created', 'active', 'ids']);
  const active = bool(params, 'active');
  const ids = strings(params, 'ids');
  const products = viewOf(ctx).all<StripeProduct>(PRODUCTS).filter((product) => (active === undefined || product.active === active) && (!ids || ids.includes(product.id)));
  return { body: page(products, params, '/v1/products', productShape) };
}

export const searchProducts = (ctx: RequestContext): Reply => ({
  body: searchPage(paramsOf(ctx), viewOf(ctx).all<StripeProduct>(PRODUCTS), '/v1/products/search', productShape),
});

/** `up_to=inf` marks the last tier, which answers with `up_to: null`. */
function tiers(params: Params): PriceTier[] | undefined {
  return arr(params, 'tiers')?.map((entry, index) => {
    const tier = entry as Params;
    const upTo = str(tier, 'up_to');
    if (upTo === undefined) throw invalidParam(`tiers[${index}][up_to]`, `Missing required param: tiers[${index}][up_to].`, 'parameter_missing');
    return {
      up_to: upTo === 'inf' ? null : (int(tier, 'up_to') ?? null),
      unit_amount: int(tier, 'unit_amount') ?? null,
      flat_amount: int(tier, 'flat_amount') ?? null,
    };
  });
}

function recurring(params: Params): PriceInput['recurring'] {
  const value = obj(params, 'recurring');
  if (!value) return undefined;
  allowOnly(value, ['interval', 'interval_count', 'usage_type', 'meter', 'trial_period_days', 'aggregate_usage']);
  const interval = str(value, 'interval');
  if (interval !== undefined && !['day', 'week', 'month', 'year'].includes(interval)) {
    throw invalidParam('recurring[interval]', `Invalid recurring[interval]: must be one of day, month, week, or year`, 'parameter_invalid_string');
  }
  const usageType = str(value, 'usage_type');
  const result: NonNullable<PriceInput['recurring']> = {};
  if (interval) result.interval = interval as NonNullable<PriceInput['recurring']>['interval'];
  const count = int(value, 'interval_count');
  if (count !== undefined) result.interval_count = count;
  if (usageType === 'metered' || usageType === 'licensed') result.usage_type = usageType;
  const meter = str(value, 'meter');
  if (meter) result.meter = meter;
  const trialDays = int(value, 'trial_period_days');
  if (trialDays !== undefined) result.trial_period_days = trialDays;
  return result;
}

const PRICE_UPDATE_FIELDS = ['active', 'metadata', 'nickname', 'lookup_key', 'transfer_lookup_key', 'tax_behavior'] as const;

export async function postPrice(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, [...PRICE_UPDATE_FIELDS, 'product', 'currency', 'unit_amount', 'unit_amount_decimal', 'billing_scheme', 'tiers_mode', 'tiers', 'recurring']);
  const input: PriceInput = {};
  const assign = <K extends keyof PriceInput>(key: K, value: PriceInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  assign('product', str(params, 'product'));
  assign('currency', str(params, 'currency'));
  const decimal = str(params, 'unit_amount_decimal');
  assign('unit_amount', int(params, 'unit_amount') ?? (decimal !== undefined ? Math.round(Number(decimal)) : undefined));
  assign('billing_scheme', str(params, 'billing_scheme') as PriceInput['billing_scheme']);
  assign('tiers_mode', str(params, 'tiers_mode') as PriceInput['tiers_mode']);
  assign('tiers', tiers(params));
  assign('recurring', recurring(params));
  Object.assign(input, priceUpdateInput(params));
  return render(ctx, PRICES, await write(ctx, (tx) => createPrice(tx, input)));
}

function priceUpdateInput(params: Params) {
  const input: Parameters<typeof updatePrice>[2] = {};
  const active = bool(params, 'active');
  const meta = metadata(params);
  const nickname = nullableStr(params, 'nickname');
  const lookupKey = nullableStr(params, 'lookup_key');
  const transfer = bool(params, 'transfer_lookup_key');
  const taxBehavior = str(params, 'tax_behavior');
  if (active !== undefined) input.active = active;
  if (meta) input.metadata = meta;
  if (nickname !== undefined) input.nickname = nickname;
  if (lookupKey !== undefined) input.lookup_key = lookupKey;
  if (transfer !== undefined) input.transfer_lookup_key = transfer;
  if (taxBehavior) input.tax_behavior = taxBehavior as StripePrice['tax_behavior'];
  return input;
}

export const getPriceById = (ctx: RequestContext): Reply => ({
  body: priceShape(getPrice(viewOf(ctx), ctx.params.id ?? ''), expandPaths(paramsOf(ctx))),
});

export async function postPriceUpdate(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, PRICE_UPDATE_FIELDS);
  return render(ctx, PRICES, await write(ctx, (tx) => updatePrice(tx, ctx.params.id ?? '', priceUpdateInput(params))));
}

/** Only active prices unless asked otherwise; `lookup_keys[]` picks prices by key. */
export function listPrices(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created', 'active', 'product', 'currency', 'type', 'lookup_keys', 'recurring']);
  const active = bool(params, 'active');
  const product = str(params, 'product');
  const currency = str(params, 'currency');
  const type = str(params, 'type');
  const lookupKeys = strings(params, 'lookup_keys');
  if (lookupKeys && lookupKeys.length > 10) throw invalidParam('lookup_keys', 'You may pass at most 10 lookup keys.', 'parameter_invalid_string');
  const prices = viewOf(ctx)
    .all<StripePrice>(PRICES)
    .filter(
      (price) =>
        (active === undefined ? price.active : price.active === active) &&
        (!product || price.product === product) &&
        (!currency || price.currency === currency) &&
        (!type || (type === 'recurring') === !!price.recurring) &&
        (!lookupKeys || (price.lookup_key !== null && lookupKeys.includes(price.lookup_key))),
    );
  return { body: page(prices, params, '/v1/prices', (price) => priceShape(price)) };
}

export const searchPrices = (ctx: RequestContext): Reply => ({
  body: searchPage(paramsOf(ctx), viewOf(ctx).all<StripePrice>(PRICES), '/v1/prices/search', (price) => priceShape(price)),
});
