import { chargesOfPlan } from '../../domain/catalog/charges.js';
import { getProduct, listProducts, type Product } from '../../domain/catalog/products.js';
import { getRatePlan, ratePlansOfProduct, type RatePlan } from '../../domain/catalog/ratePlans.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { tenantToday } from '../../domain/tenantTime.js';
import { toV1Charge } from './charges.js';
import { v1Page } from './pagination.js';
import { customFieldsOf } from './shapes/customFields.js';
import { unmodelled } from './shapes/nulls.js';

// V1 catalog reads: products with their rate plans and charges nested, as Zuora's real answers
// have them (its spec types a product's `productRatePlans` as a link, its wire sends the plans).

/** A plan is Active within its effective dates, NotStarted before and Expired after them. */
function planStatus(view: ReadView, plan: RatePlan): 'Active' | 'Expired' | 'NotStarted' {
  const today = tenantToday(view);
  if (today < plan.effectiveStartDate) return 'NotStarted';
  return today > plan.effectiveEndDate ? 'Expired' : 'Active';
}

/** GETProductRatePlanWithExternalIdResponse without `success`: the plan's own fields. */
function v1PlanFields(view: ReadView, plan: RatePlan): Record<string, unknown> {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description ?? null,
    status: planStatus(view, plan),
    effectiveStartDate: plan.effectiveStartDate,
    effectiveEndDate: plan.effectiveEndDate,
    productRatePlanNumber: plan.productRatePlanNumber,
    externallyManagedPlanIds: [],
    ...unmodelled(['grade', 'ExternalIdSourceSystem', 'organizationLabels']),
    ...customFieldsOf(view, 'ProductRatePlan', plan.customFields),
  };
}

/** GETProductRatePlanType: the plan with its charges. */
function v1PlanWithCharges(view: ReadView, plan: RatePlan): Record<string, unknown> {
  return { ...v1PlanFields(view, plan), productRatePlanCharges: chargesOfPlan(view, plan.id).map(toV1Charge) };
}

/** GETProductType with the product's plans and their charges nested. */
function v1Product(view: ReadView, product: Product): Record<string, unknown> {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description ?? null,
    category: product.category,
    effectiveStartDate: product.effectiveStartDate,
    effectiveEndDate: product.effectiveEndDate,
    productNumber: product.sku,
    productFeatures: [],
    ...unmodelled(['tags', 'organizationLabels']),
    ...customFieldsOf(view, 'Product', product.customFields),
    productRatePlans: ratePlansOfProduct(view, product.id).map((plan) => v1PlanWithCharges(view, plan)),
  };
}

export function listCatalogProducts(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const page = v1Page(listProducts(view), ctx.query, '/v1/catalog/products');
  return { body: { success: true, products: page.items.map((product) => v1Product(view, product)), nextPage: page.nextPage ?? null } };
}

export function getCatalogProduct(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: { ...v1Product(view, getProduct(view, ctx.params.product_key ?? '')), success: true } };
}

export function listProductRatePlans(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const product = getProduct(view, ctx.params.product_key ?? '');
  const page = v1Page(ratePlansOfProduct(view, product.id), ctx.query, `/v1/products/${product.id}/product-rate-plans`);
  return { body: { success: true, productRatePlans: page.items.map((plan) => v1PlanWithCharges(view, plan)), nextPage: page.nextPage ?? null } };
}

export function getProductRatePlanV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: { ...v1PlanFields(view, getRatePlan(view, ctx.params.id ?? '')), success: true } };
}
