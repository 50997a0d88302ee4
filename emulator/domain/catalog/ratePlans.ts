import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { checkCustomFields, type CustomFields } from '../customFields.js';
import { conflict, invalidValue, notFound, referenced } from '../errors.js';
import { checkEffectiveDates, isEffective } from './effectiveDates.js';
import { DEFAULT_EFFECTIVE_END, getProduct } from './products.js';

export const RATE_PLANS = 'ProductRatePlan';

export interface RatePlanFields {
  name?: string;
  description?: string;
  productRatePlanNumber?: string;
  effectiveStartDate?: string;
  effectiveEndDate?: string;
  activeCurrencies?: string[];
  customFields?: CustomFields;
}

/** A product rate plan: what the Quickstart API calls a plan. */
export type RatePlan = RatePlanFields & {
  id: string;
  productId: string;
  name: string;
  productRatePlanNumber: string;
  effectiveStartDate: string;
  effectiveEndDate: string;
  activeCurrencies: string[];
  customFields: CustomFields;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};

export function createRatePlan(tx: Transaction, input: RatePlanFields & { name: string; productId: string }): RatePlan {
  const product = referenced(() => getProduct(tx, input.productId), RATE_PLANS, 'product_id', `Product '${input.productId}'`);
  const number = input.productRatePlanNumber ?? tx.nextFreeNumber('productRatePlan', (n) => !!findByNumber(tx, n));
  if (findByNumber(tx, number)) {
    throw conflict(RATE_PLANS, `A plan with number '${number}' already exists`, 'plan_number');
  }
  const effectiveStartDate = input.effectiveStartDate ?? product.effectiveStartDate;
  const effectiveEndDate = input.effectiveEndDate ?? DEFAULT_EFFECTIVE_END;
  checkEffectiveDates(RATE_PLANS, effectiveStartDate, effectiveEndDate);
  for (const currency of input.activeCurrencies ?? []) {
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw invalidValue(RATE_PLANS, 'active_currencies', `'${currency}' is not a three-letter currency code`);
    }
  }
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  return tx.insert<RatePlan>(RATE_PLANS, {
    ...input,
    id: tx.newId(),
    productId: product.id,
    productRatePlanNumber: number,
    effectiveStartDate,
    effectiveEndDate,
    activeCurrencies: input.activeCurrencies ?? [],
    customFields: checkCustomFields(tx, RATE_PLANS, input.customFields ?? {}, 'custom_fields.'),
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
}

/** Plans are found by id or plan number. */
export function getRatePlan(view: ReadView, key: string): RatePlan {
  const plan = view.get<RatePlan>(RATE_PLANS, key) ?? findByNumber(view, key);
  if (!plan) throw notFound(RATE_PLANS, key, 'plan_id');
  return plan;
}

/** Renames, re-describes, re-dates a plan, or moves it to another product. */
export function updateRatePlan(tx: Transaction, key: string, patch: RatePlanFields & { productId?: string }): RatePlan {
  const current = getRatePlan(tx, key);
  if (patch.name !== undefined && patch.name.trim() === '') throw invalidValue(RATE_PLANS, 'name', "'name' cannot be empty");
  const productId =
    patch.productId === undefined ? current.productId : referenced(() => getProduct(tx, patch.productId ?? ''), RATE_PLANS, 'product_id', `Product '${patch.productId}'`).id;
  checkEffectiveDates(RATE_PLANS, patch.effectiveStartDate ?? current.effectiveStartDate, patch.effectiveEndDate ?? current.effectiveEndDate);
  const customFields = checkCustomFields(tx, RATE_PLANS, { ...current.customFields, ...(patch.customFields ?? {}) }, 'custom_fields.');
  return tx.update<RatePlan>(RATE_PLANS, current.id, {
    ...patch,
    productId,
    customFields,
    updatedById: apiUserId(tx.tenant),
    updatedDate: tx.now().toISOString(),
  });
}

/** Every rate plan in creation order, read lazily. */
export function listRatePlans(view: ReadView): Generator<RatePlan> {
  return view.scan<RatePlan>(RATE_PLANS);
}

export function ratePlansOfProduct(view: ReadView, productId: string): RatePlan[] {
  return view.filterBy<RatePlan>(RATE_PLANS, 'productId', productId);
}

export function ratePlanIsActive(view: ReadView, plan: RatePlan): boolean {
  return isEffective(view.now(), plan.effectiveStartDate, plan.effectiveEndDate);
}

/** A charge priced in a currency makes that currency active on its plan. */
export function activateCurrencies(tx: Transaction, plan: RatePlan, currencies: readonly string[]): void {
  const missing = currencies.filter((currency) => !plan.activeCurrencies.includes(currency));
  if (missing.length > 0) {
    tx.update<RatePlan>(RATE_PLANS, plan.id, { activeCurrencies: [...plan.activeCurrencies, ...missing] });
  }
}

function findByNumber(view: ReadView, number: string): RatePlan | undefined {
  return view.findBy<RatePlan>(RATE_PLANS, 'productRatePlanNumber', number);
}
