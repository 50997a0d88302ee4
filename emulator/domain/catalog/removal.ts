import type { Transaction } from '../../state/transaction.js';
import { conflict } from '../errors.js';
import { SUBSCRIPTION_CHARGES, SUBSCRIPTION_RATE_PLANS } from '../subscriptions/model.js';
import { CHARGES, chargesOfPlan, getCharge, type Charge } from './charges.js';
import { getProduct, PRODUCTS, type Product } from './products.js';
import { getRatePlan, RATE_PLANS, ratePlansOfProduct, type RatePlan } from './ratePlans.js';

// Deleting catalog records. Zuora refuses to delete what a subscription has bought (it expires
// the record instead); what nobody bought goes, with what it holds: a product with its plans,
// a plan with its charges.

function refuseIfSubscribed(tx: Transaction, object: string, number: string, collection: string, field: string, id: string): void {
  if (tx.filterBy(collection, field, id).length > 0) {
    throw conflict(object, `${object} ${number} is used by subscriptions and cannot be deleted; end its effective dates instead`, 'id');
  }
}

function removeCharge(tx: Transaction, charge: Charge): void {
  refuseIfSubscribed(tx, CHARGES, charge.productRatePlanChargeNumber, SUBSCRIPTION_CHARGES, 'productRatePlanChargeId', charge.id);
  tx.remove(CHARGES, charge.id);
}

function removePlan(tx: Transaction, plan: RatePlan): void {
  refuseIfSubscribed(tx, RATE_PLANS, plan.productRatePlanNumber, SUBSCRIPTION_RATE_PLANS, 'productRatePlanId', plan.id);
  for (const charge of chargesOfPlan(tx, plan.id)) removeCharge(tx, charge);
  tx.remove(RATE_PLANS, plan.id);
}

export function deleteCharge(tx: Transaction, key: string): Charge {
  const charge = getCharge(tx, key);
  removeCharge(tx, charge);
  return charge;
}

export function deleteRatePlan(tx: Transaction, key: string): RatePlan {
  const plan = getRatePlan(tx, key);
  removePlan(tx, plan);
  return plan;
}

export function deleteProduct(tx: Transaction, key: string): Product {
  const product = getProduct(tx, key);
  for (const plan of ratePlansOfProduct(tx, product.id)) removePlan(tx, plan);
  tx.remove(PRODUCTS, product.id);
  return product;
}
