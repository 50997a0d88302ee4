import {
  createProduct,
  getProduct,
  listProducts,
  productIsActive,
  updateProduct,
  type Product,
  type ProductCategory,
  type ProductFields,
} from '../../domain/catalog/products.js';
import { ratePlansOfProduct } from '../../domain/catalog/ratePlans.js';
import type { ReadView } from '../../state/transaction.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { compact } from '../shape.js';
import { paginate } from './pagination.js';
import { toV2Plan } from './plans.js';
import { expansions, quickstartObject } from './shape.js';
import { own } from '../../state/paths.js';

type Body = Record<string, unknown>;

const TYPE_TO_CATEGORY: Record<string, ProductCategory> = {
  base: 'Base Products',
  add_on: 'Add On Services',
  other: 'Miscellaneous Products',
};

const CATEGORY_TO_TYPE: Record<ProductCategory, string> = {
  'Base Products': 'base',
  'Add On Services': 'add_on',
  'Miscellaneous Products': 'other',
};

export function toV2Product(view: ReadView, product: Product, expand: ReadonlySet<string>): Record<string, unknown> {
  const plans = expand.has('plans')
    ? { next_page: null, data: ratePlansOfProduct(view, product.id).map((plan) => toV2Plan(view, plan, new Set())) }
    : undefined;
  return quickstartObject(product, {
    name: product.name,
    description: product.description,
    sku: product.sku,
    type: CATEGORY_TO_TYPE[product.category],
    start_date: product.effectiveStartDate,
    end_date: product.effectiveEndDate,
    active: productIsActive(view, product),
    custom_fields: product.customFields,
    plans,
  });
}

function productInput(body: Body): ProductFields {
  return compact({
    name: body.name,
    description: body.description,
    sku: body.sku,
    category: body.type === undefined ? undefined : own(TYPE_TO_CATEGORY, String(body.type)),
    effectiveStartDate: body.start_date,
    effectiveEndDate: body.end_date,
    customFields: body.custom_fields,
  }) as ProductFields;
}

export async function postProduct(ctx: RequestContext): Promise<Reply> {
  // The body schema has already required a name.
  const input = productInput(ctx.body as Body) as ProductFields & { name: string };
  const store = ctx.services.store;
  const product = await store.transact(ctx.tenant, (tx) => createProduct(tx, input));
  return { status: 201, body: toV2Product(store.view(ctx.tenant), product, expansions(ctx.query)) };
}

export function getProductV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: toV2Product(view, getProduct(view, ctx.params.product_id ?? ''), expansions(ctx.query)) };
}

export async function patchProduct(ctx: RequestContext): Promise<Reply> {
  const store = ctx.services.store;
  const product = await store.transact(ctx.tenant, (tx) =>
    updateProduct(tx, ctx.params.product_id ?? '', productInput((ctx.body ?? {}) as Body)),
  );
  return { body: toV2Product(store.view(ctx.tenant), product, expansions(ctx.query)) };
}

export function listProductsV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const expand = expansions(ctx.query);
  return { body: paginate(listProducts(view), (product) => toV2Product(view, product, expand), ctx.query, 'Product') };
}
