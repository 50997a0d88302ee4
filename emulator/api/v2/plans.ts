import { chargesOfPlan } from '../../domain/catalog/charges.js';
import { createRatePlan, getRatePlan, listRatePlans, ratePlanIsActive, type RatePlan, type RatePlanFields } from '../../domain/catalog/ratePlans.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { compact } from '../shape.js';
import { paginate } from './pagination.js';
import { toV2Price } from './prices.js';
import { expansions, quickstartObject } from './shape.js';

type Body = Record<string, unknown>;

export function toV2Plan(view: ReadView, plan: RatePlan, expand: ReadonlySet<string>): Record<string, unknown> {
  return quickstartObject(plan, {
    name: plan.name,
    description: plan.description,
    plan_number: plan.productRatePlanNumber,
    product_id: plan.productId,
    start_date: plan.effectiveStartDate,
    end_date: plan.effectiveEndDate,
    active_currencies: plan.activeCurrencies,
    active: ratePlanIsActive(view, plan),
    custom_fields: plan.customFields,
    prices: expand.has('prices')
      ? { next_page: null, data: chargesOfPlan(view, plan.id).map((charge) => toV2Price(view, charge)) }
      : undefined,
  });
}

export async function postPlan(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as Body;
  // The body schema has already required name and product_id.
  const input = compact({
    name: body.name,
    description: body.description,
    productId: body.product_id,
    productRatePlanNumber: body.plan_number,
    effectiveStartDate: body.start_date,
    effectiveEndDate: body.end_date,
    activeCurrencies: body.active_currencies,
    customFields: body.custom_fields,
  }) as RatePlanFields & { name: string; productId: string };
  const store = ctx.services.store;
  const plan = await store.transact(ctx.tenant, (tx) => createRatePlan(tx, input));
  return { status: 201, body: toV2Plan(store.view(ctx.tenant), plan, expansions(ctx.query)) };
}

export function getPlanV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  return { body: toV2Plan(view, getRatePlan(view, ctx.params.plan_id ?? ''), expansions(ctx.query)) };
}

export function listPlansV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const expand = expansions(ctx.query);
  return { body: paginate(listRatePlans(view), (plan) => toV2Plan(view, plan, expand), ctx.query, 'ProductRatePlan') };
}
