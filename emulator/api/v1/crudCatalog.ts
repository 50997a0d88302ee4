import type { AnySchema } from 'ajv';
import { getCharge, updateCharge } from '../../domain/catalog/charges.js';
import { createProduct, PRODUCT_CATEGORIES, PRODUCTS, updateProduct, type ProductFields } from '../../domain/catalog/products.js';
import { createRatePlan, RATE_PLANS, updateRatePlan, type RatePlanFields } from '../../domain/catalog/ratePlans.js';
import { deleteCharge, deleteProduct, deleteRatePlan } from '../../domain/catalog/removal.js';
import { deleteUnitOfMeasure, getUnitOfMeasure, UNITS_OF_MEASURE, updateUnitOfMeasure, type UnitOfMeasureInput } from '../../domain/catalog/unitsOfMeasure.js';
import { conflict } from '../../domain/errors.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { crudChargeInput } from './charges.js';
import { crudDeleted, crudInput, crudSaved } from './crud.js';
import { unitOfMeasureProperties } from './unitsOfMeasure.js';

// CRUD writes of the catalog (/v1/object/product, product-rate-plan, product-rate-plan-charge,
// unit-of-measure) beyond the creates of charges and units, which have files of their own.

type Body = Record<string, unknown>;
const date = { type: 'string', format: 'date' } as const;

/** ProxyCreateProduct's fields. */
const productProperties = {
  AllowFeatureChanges: { type: 'boolean' },
  Category: { enum: [...PRODUCT_CATEGORIES] },
  Description: { type: 'string', maxLength: 500 },
  EffectiveEndDate: date,
  EffectiveStartDate: date,
  Name: { type: 'string', minLength: 1, maxLength: 255 },
  SKU: { type: 'string', minLength: 1, maxLength: 50 },
} as const;

const PRODUCT_RENAMES = { AllowFeatureChanges: null, SKU: 'sku' } as const;

export const crudProductCreateSchema: AnySchema = { type: 'object', required: ['Name', 'EffectiveStartDate', 'EffectiveEndDate'], properties: productProperties };
export const crudProductUpdateSchema: AnySchema = { type: 'object', properties: productProperties };

export async function postCrudProduct(ctx: RequestContext): Promise<Reply> {
  const input = crudInput<ProductFields & { name: string }>(ctx.body as Body, productProperties, ctx.query, PRODUCTS, PRODUCT_RENAMES);
  const product = await ctx.services.store.transact(ctx.tenant, (tx) => createProduct(tx, input));
  return crudSaved(product.id);
}

export async function putCrudProduct(ctx: RequestContext): Promise<Reply> {
  const patch = crudInput<ProductFields>(ctx.body as Body, productProperties, ctx.query, PRODUCTS, PRODUCT_RENAMES);
  const product = await ctx.services.store.transact(ctx.tenant, (tx) => updateProduct(tx, ctx.params.id ?? '', patch));
  return crudSaved(product.id);
}

export async function deleteCrudProduct(ctx: RequestContext): Promise<Reply> {
  const product = await ctx.services.store.transact(ctx.tenant, (tx) => deleteProduct(tx, ctx.params.id ?? ''));
  return crudDeleted(product.id);
}

/** ProxyCreateProductRatePlan's fields; Zuora needs the product in practice, though the 2017 spec does not say so. */
const planProperties = {
  Description: { type: 'string', maxLength: 500 },
  EffectiveEndDate: date,
  EffectiveStartDate: date,
  Name: { type: 'string', minLength: 1, maxLength: 255 },
  ProductId: { type: 'string', minLength: 1 },
} as const;

export const crudPlanCreateSchema: AnySchema = { type: 'object', required: ['Name', 'ProductId'], properties: planProperties };
export const crudPlanUpdateSchema: AnySchema = { type: 'object', properties: planProperties };

export async function postCrudPlan(ctx: RequestContext): Promise<Reply> {
  const input = crudInput<RatePlanFields & { name: string; productId: string }>(ctx.body as Body, planProperties, ctx.query, RATE_PLANS);
  const plan = await ctx.services.store.transact(ctx.tenant, (tx) => createRatePlan(tx, input));
  return crudSaved(plan.id);
}

export async function putCrudPlan(ctx: RequestContext): Promise<Reply> {
  const patch = crudInput<RatePlanFields & { productId?: string }>(ctx.body as Body, planProperties, ctx.query, RATE_PLANS);
  const plan = await ctx.services.store.transact(ctx.tenant, (tx) => updateRatePlan(tx, ctx.params.id ?? '', patch));
  return crudSaved(plan.id);
}

export async function deleteCrudPlan(ctx: RequestContext): Promise<Reply> {
  const plan = await ctx.services.store.transact(ctx.tenant, (tx) => deleteRatePlan(tx, ctx.params.id ?? ''));
  return crudDeleted(plan.id);
}

/** A charge stays on the plan it was created on; an update may repeat that plan, as full bodies do. */
export async function putCrudCharge(ctx: RequestContext): Promise<Reply> {
  const { productRatePlanId, ...patch } = crudChargeInput(ctx.body as Body, ctx.query);
  const charge = await ctx.services.store.transact(ctx.tenant, (tx) => {
    const current = getCharge(tx, ctx.params.id ?? '');
    if (productRatePlanId !== undefined && productRatePlanId !== current.productRatePlanId) {
      throw conflict('ProductRatePlanCharge', "'ProductRatePlanId' of a charge cannot change", 'ProductRatePlanId');
    }
    return updateCharge(tx, current.id, patch);
  });
  return crudSaved(charge.id);
}

export async function deleteCrudCharge(ctx: RequestContext): Promise<Reply> {
  const charge = await ctx.services.store.transact(ctx.tenant, (tx) => deleteCharge(tx, ctx.params.id ?? ''));
  return crudDeleted(charge.id);
}

export const crudUnitUpdateSchema: AnySchema = { type: 'object', properties: unitOfMeasureProperties };

export async function putCrudUnit(ctx: RequestContext): Promise<Reply> {
  const patch = crudInput<Partial<UnitOfMeasureInput>>(ctx.body as Body, unitOfMeasureProperties, ctx.query, UNITS_OF_MEASURE);
  const unit = await ctx.services.store.transact(ctx.tenant, (tx) => updateUnitOfMeasure(tx, ctx.params.id ?? '', patch));
  return crudSaved(unit.id);
}

export async function deleteCrudUnit(ctx: RequestContext): Promise<Reply> {
  const unit = await ctx.services.store.transact(ctx.tenant, (tx) => deleteUnitOfMeasure(tx, ctx.params.id ?? ''));
  return crudDeleted(unit.id);
}

/** The CRUD read of a unit: its fields capitalised, as the other CRUD reads write them. */
export function getCrudUnit(ctx: RequestContext): Reply {
  const unit = getUnitOfMeasure(ctx.services.store.view(ctx.tenant), ctx.params.id ?? '');
  return { body: Object.fromEntries(Object.entries(unit).map(([field, value]) => [field.charAt(0).toUpperCase() + field.slice(1), value])) };
}
