import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { checkCustomFields, type CustomFields } from '../customFields.js';
import { conflict, invalidValue, notFound } from '../errors.js';
import { checkEffectiveDates, isEffective } from './effectiveDates.js';

export const PRODUCTS = 'Product';

export const PRODUCT_CATEGORIES = ['Base Products', 'Add On Services', 'Miscellaneous Products'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export interface ProductFields {
  name?: string;
  sku?: string;
  description?: string;
  category?: ProductCategory;
  effectiveStartDate?: string;
  effectiveEndDate?: string;
  customFields?: CustomFields;
}

export type Product = ProductFields & {
  id: string;
  name: string;
  sku: string;
  category: ProductCategory;
  effectiveStartDate: string;
  effectiveEndDate: string;
  customFields: CustomFields;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};

/** Zuora's defaults: effective from today until the end of 2099 unless told otherwise. */
export const DEFAULT_EFFECTIVE_END = '2099-12-31';

export function createProduct(tx: Transaction, input: ProductFields & { name: string }): Product {
  const sku = input.sku ?? tx.nextFreeNumber('product', (sku) => !!findProductBySku(tx, sku));
  if (findProductBySku(tx, sku)) throw conflict(PRODUCTS, `A product with SKU '${sku}' already exists`, 'sku');
  const effectiveStartDate = input.effectiveStartDate ?? tx.now().toISOString().slice(0, 10);
  const effectiveEndDate = input.effectiveEndDate ?? DEFAULT_EFFECTIVE_END;
  checkEffectiveDates(PRODUCTS, effectiveStartDate, effectiveEndDate);
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  return tx.insert<Product>(PRODUCTS, {
    ...input,
    id: tx.newId(),
    sku,
    category: input.category ?? 'Base Products',
    effectiveStartDate,
    effectiveEndDate,
    customFields: checkCustomFields(tx, PRODUCTS, input.customFields ?? {}, 'custom_fields.'),
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
}

export function updateProduct(tx: Transaction, key: string, patch: ProductFields): Product {
  const current = getProduct(tx, key);
  if (patch.name !== undefined && patch.name.trim() === '') throw invalidValue(PRODUCTS, 'name', "'name' cannot be empty");
  if (patch.sku && patch.sku !== current.sku && findProductBySku(tx, patch.sku)) {
    throw conflict(PRODUCTS, `A product with SKU '${patch.sku}' already exists`, 'sku');
  }
  checkEffectiveDates(
    PRODUCTS,
    patch.effectiveStartDate ?? current.effectiveStartDate,
    patch.effectiveEndDate ?? current.effectiveEndDate,
  );
  const customFields = checkCustomFields(
    tx,
    PRODUCTS,
    { ...current.customFields, ...(patch.customFields ?? {}) },
    'custom_fields.',
  );
  return tx.update<Product>(PRODUCTS, current.id, {
    ...patch,
    customFields,
    updatedById: apiUserId(tx.tenant),
    updatedDate: tx.now().toISOString(),
  });
}

/** Products are found by id or SKU. */
export function getProduct(view: ReadView, key: string): Product {
  const product = view.get<Product>(PRODUCTS, key) ?? findProductBySku(view, key);
  if (!product) throw notFound(PRODUCTS, key, 'product_id');
  return product;
}

/** Every product in creation order, read lazily. */
export function listProducts(view: ReadView): Generator<Product> {
  return view.scan<Product>(PRODUCTS);
}

export function productIsActive(view: ReadView, product: Product): boolean {
  return isEffective(view.now(), product.effectiveStartDate, product.effectiveEndDate);
}

function findProductBySku(view: ReadView, sku: string): Product | undefined {
  return view.findBy<Product>(PRODUCTS, 'sku', sku);
}
