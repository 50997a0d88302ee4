import type { ReadView, Transaction } from '../../state/transaction.js';
import { mergeMetadata } from './customers.js';
import { badState, invalidParam, missingParam, noSuch } from './errors.js';
import { emit, updateWithEvent } from './events.js';
import { stripeId } from './ids.js';
import { METERS, PRICES, PRODUCTS, type StripeMeter, type Metadata, type PriceTier, type Recurring, type StripePrice, type StripeProduct } from './model.js';
import { nowOn } from './time.js';

export interface ProductInput {
  id?: string;
  name?: string;
  active?: boolean;
  description?: string | null;
  metadata?: Metadata;
  tax_code?: string | null;
  unit_label?: string | null;
}

export function getProduct(view: ReadView, id: string, param = 'id'): StripeProduct {
  const product = view.get<StripeProduct>(PRODUCTS, id);
  if (!product) throw noSuch('product', id, param);
  return product;
}

export function createProduct(tx: Transaction, input: ProductInput): StripeProduct {
  if (!input.name) throw missingParam('name');
  const id = input.id ?? stripeId(tx, 'prod');
  if (tx.get(PRODUCTS, id)) throw badState(`Product already exists.`, 'resource_already_exists', 'id');
  const now = nowOn(tx, null);
  const product = tx.insert<StripeProduct>(PRODUCTS, {
    id,
    created: now,
    updated: now,
    name: input.name,
    active: input.active ?? true,
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    default_price: null,
    tax_code: input.tax_code ?? null,
    unit_label: input.unit_label ?? null,
  });
  emit(tx, 'product.created', PRODUCTS, product);
  return product;
}

export function updateProduct(tx: Transaction, id: string, input: ProductInput & { default_price?: string }): StripeProduct {
  const product = getProduct(tx, id);
  if (input.default_price) {
    const price = getPrice(tx, input.default_price, 'default_price');
    if (price.product !== id) throw invalidParam('default_price', `The price ${price.id} belongs to another product.`, 'parameter_invalid_string');
  }
  const { metadata, id: _id, ...rest } = input;
  return updateWithEvent(tx, PRODUCTS, 'product.updated', product, {
    ...rest,
    ...(metadata ? { metadata: mergeMetadata(product.metadata, metadata) } : {}),
    updated: nowOn(tx, null),
  });
}

/** A product with prices cannot be deleted; it is archived with `active=false` instead. */
export function deleteProduct(tx: Transaction, id: string): StripeProduct {
  const product = getProduct(tx, id);
  if (tx.filterBy(PRICES, 'product', id).length > 0) {
    throw badState('This product cannot be deleted because it has one or more user-created prices.', 'product_has_prices');
  }
  tx.remove(PRODUCTS, id);
  emit(tx, 'product.deleted', PRODUCTS, product);
  return product;
}

export interface PriceInput {
  product?: string;
  currency?: string;
  unit_amount?: number;
  active?: boolean;
  billing_scheme?: 'per_unit' | 'tiered';
  tiers_mode?: 'graduated' | 'volume';
  tiers?: PriceTier[];
  recurring?: Partial<Recurring> & { interval?: Recurring['interval'] };
  lookup_key?: string | null;
  transfer_lookup_key?: boolean;
  nickname?: string | null;
  metadata?: Metadata;
  tax_behavior?: StripePrice['tax_behavior'];
}

export function getPrice(view: ReadView, id: string, param = 'id'): StripePrice {
  const price = view.get<StripePrice>(PRICES, id);
  if (!price) throw noSuch('price', id, param);
  return price;
}

export function createPrice(tx: Transaction, input: PriceInput): StripePrice {
  if (!input.product) throw missingParam('product');
  if (!input.currency) throw missingParam('currency');
  getProduct(tx, input.product, 'product');
  const scheme = input.billing_scheme ?? 'per_unit';
  if (scheme === 'per_unit' && input.unit_amount === undefined) throw missingParam('unit_amount');
  if (scheme === 'tiered' && (!input.tiers?.length || !input.tiers_mode)) throw missingParam(input.tiers_mode ? 'tiers' : 'tiers_mode');
  if (input.recurring && !input.recurring.interval) throw missingParam('recurring[interval]');
  if (input.recurring?.meter) {
    const meter = tx.get<StripeMeter>(METERS, input.recurring.meter);
    if (!meter) throw noSuch('billing.meter', input.recurring.meter, 'recurring[meter]');
    if (meter.status !== 'active') throw invalidParam('recurring[meter]', `The meter ${meter.id} is inactive.`, 'parameter_invalid_string');
  }
  const recurring: Recurring | null = input.recurring?.interval
    ? {
        interval: input.recurring.interval,
        interval_count: input.recurring.interval_count ?? 1,
        usage_type: input.recurring.usage_type ?? 'licensed',
        meter: input.recurring.meter ?? null,
        trial_period_days: input.recurring.trial_period_days ?? null,
      }
    : null;
  if (input.lookup_key) releaseLookupKey(tx, input.lookup_key, input.transfer_lookup_key ?? false);
  const price = tx.insert<StripePrice>(PRICES, {
    id: stripeId(tx, 'price'),
    created: nowOn(tx, null),
    product: input.product,
    active: input.active ?? true,
    currency: input.currency.toLowerCase(),
    unit_amount: scheme === 'per_unit' ? (input.unit_amount ?? 0) : null,
    billing_scheme: scheme,
    tiers_mode: scheme === 'tiered' ? (input.tiers_mode ?? null) : null,
    tiers: scheme === 'tiered' ? (input.tiers ?? []) : [],
    recurring,
    lookup_key: input.lookup_key ?? null,
    nickname: input.nickname ?? null,
    metadata: input.metadata ?? {},
    tax_behavior: input.tax_behavior ?? 'unspecified',
  });
  emit(tx, 'price.created', PRICES, price);
  return price;
}

/** Prices are immutable in what they charge: only these change; a new amount is a new price. */
export function updatePrice(tx: Transaction, id: string, input: Pick<PriceInput, 'active' | 'metadata' | 'nickname' | 'lookup_key' | 'transfer_lookup_key' | 'tax_behavior'>): StripePrice {
  const price = getPrice(tx, id);
  if (input.tax_behavior && price.tax_behavior !== 'unspecified' && input.tax_behavior !== price.tax_behavior) {
    throw invalidParam('tax_behavior', 'tax_behavior cannot be changed once it is inclusive or exclusive.', 'parameter_invalid_string');
  }
  if (input.lookup_key) releaseLookupKey(tx, input.lookup_key, input.transfer_lookup_key ?? false, id);
  const { metadata, transfer_lookup_key: _transfer, ...rest } = input;
  return updateWithEvent(tx, PRICES, 'price.updated', price, {
    ...rest,
    ...(metadata ? { metadata: mergeMetadata(price.metadata, metadata) } : {}),
  });
}

/** A lookup key names one price; `transfer_lookup_key` moves it from the price holding it. */
function releaseLookupKey(tx: Transaction, key: string, transfer: boolean, to?: string): void {
  const holder = tx.findBy<StripePrice>(PRICES, 'lookup_key', key);
  if (!holder || holder.id === to) return;
  if (!transfer) throw badState(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key_already_exists', 'lookup_key');
  tx.update<StripePrice>(PRICES, holder.id, { lookup_key: null });
}

/** What `quantity` units cost at this price (minor units). */
export function priceAmount(price: StripePrice, quantity: number): number {
  if (price.billing_scheme === 'per_unit') return (price.unit_amount ?? 0) * quantity;
  const tiers = price.tiers;
  if (price.tiers_mode === 'volume') {
    const tier = tiers.find((candidate) => candidate.up_to === null || quantity <= candidate.up_to) ?? tiers[tiers.length - 1];
    return tier ? (tier.unit_amount ?? 0) * quantity + (tier.flat_amount ?? 0) : 0;
  }
  // Graduated: each tier prices the units that fall in it, and adds its flat fee once it is reached.
  let total = 0;
  let below = 0;
  for (const tier of tiers) {
    if (quantity <= below) break;
    const top = tier.up_to ?? Infinity;
    const units = Math.min(quantity, top) - below;
    total += units * (tier.unit_amount ?? 0) + (tier.flat_amount ?? 0);
    below = top;
  }
  return total;
}
