import type { StripePrice, StripeProduct } from '../../../domain/stripe/model.js';
import { base } from './common.js';

export function productShape(product: StripeProduct) {
  return {
    ...base('product', product.id),
    active: product.active,
    created: product.created,
    default_price: product.default_price,
    description: product.description,
    images: [],
    marketing_features: [],
    metadata: product.metadata,
    name: product.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: product.tax_code,
    type: 'service',
    unit_label: product.unit_label,
    updated: product.updated,
    url: null,
  };
}

/** `tiers` is includable: it appears only when asked for with `expand[]=tiers`. */
export function priceShape(price: StripePrice, expand: readonly string[] = []) {
  return {
    ...base('price', price.id),
    active: price.active,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    custom_unit_amount: null,
    lookup_key: price.lookup_key,
    metadata: price.metadata,
    nickname: price.nickname,
    product: price.product,
    recurring: price.recurring,
    tax_behavior: price.tax_behavior,
    tiers_mode: price.tiers_mode,
    transform_quantity: null,
    type: price.recurring ? 'recurring' : 'one_time',
    unit_amount: price.unit_amount,
    unit_amount_decimal: price.unit_amount === null ? null : String(price.unit_amount),
    ...(expand.includes('tiers') && price.billing_scheme === 'tiered'
      ? {
          tiers: price.tiers.map((tier) => ({
            flat_amount: tier.flat_amount,
            flat_amount_decimal: tier.flat_amount === null ? null : String(tier.flat_amount),
            unit_amount: tier.unit_amount,
            unit_amount_decimal: tier.unit_amount === null ? null : String(tier.unit_amount),
            up_to: tier.up_to,
          })),
        }
      : {}),
  };
}
