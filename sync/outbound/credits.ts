import { randomUUID } from 'node:crypto';
import type { SyncContext } from '../context.js';
import type { CreditGrant } from '../model/types.js';
import { creditPricingMember, creditRatePlan } from './creditCharges.js';
import { ensureCustomerSynced } from './customers.js';
import { platformNow } from './dates.js';
import { OutboundInputError } from './errors.js';
import { createSubscriptionAction, placeOrder } from './orders.js';
import { currencyOfCustomer } from './records.js';

/** seeds/004 "Create Stigg Credit Grant", field by field; `subscriptionId` when a credit entitlement grants it. */
export interface CreditGrantInput {
  customerId: string;
  grantType: CreditGrant['grantType'];
  currencyId: string;
  displayName?: string;
  amount: number;
  resourceId?: string;
  comment?: string;
  effectiveDate?: string;
  expirationDate?: string;
  priority?: number;
  paymentCollectionMethod?: CreditGrant['paymentCollectionMethod'];
  cost?: CreditGrant['cost'];
  subscriptionId?: string;
}

/** Credits are counted in a custom currency of the catalog, and only a positive amount of them. */
export function checkCredits(ctx: SyncContext, currency: string, amount: number): void {
  if (!ctx.store.catalog().currencies.some((candidate) => candidate.id === currency)) {
    throw new OutboundInputError('CURRENCY_NOT_FOUND', `No custom currency with id '${currency}'`);
  }
  if (!Number.isFinite(amount) || amount <= 0) throw new OutboundInputError('INVALID_AMOUNT', 'Credits need an amount above 0');
}

/**
 * Records a grant and logs it. A PROMOTIONAL grant, or one a subscription's credit entitlement makes
 * (paid with the plan's invoice), is usable from its effective date. A PAID top-up with a cost is a
 * one-time charge in Zuora, billed at once and collected by its payment collection method (the card
 * on file, or an invoice left for the customer): usable once that invoice is paid, at once when the
 * card pays it, else when its StiggInvoicePaidEvent arrives.
 */
export async function grantCredits(ctx: SyncContext, input: CreditGrantInput): Promise<CreditGrant> {
  const customer = ctx.store.customer(input.customerId);
  if (!customer) throw new OutboundInputError('CUSTOMER_NOT_FOUND', `No customer with id '${input.customerId}'`);
  checkCredits(ctx, input.currencyId, input.amount);
  const { at } = await platformNow(ctx);
  const billed = input.grantType === 'PAID' && input.subscriptionId === undefined && input.cost !== undefined && input.cost.amount > 0;
  let grant: CreditGrant = {
    id: `grant-${randomUUID()}`,
    customerId: input.customerId,
    grantType: input.grantType,
    currencyId: input.currencyId,
    displayName: input.displayName ?? `${input.amount} ${input.currencyId}`,
    amount: input.amount,
    ...(input.resourceId !== undefined ? { resourceId: input.resourceId } : {}),
    ...(input.comment !== undefined ? { comment: input.comment } : {}),
    // Kept as ISO instants, so they compare as text with the platform's now.
    effectiveDate: input.effectiveDate === undefined ? at : new Date(input.effectiveDate).toISOString(),
    ...(input.expirationDate !== undefined ? { expirationDate: new Date(input.expirationDate).toISOString() } : {}),
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    ...(input.paymentCollectionMethod !== undefined ? { paymentCollectionMethod: input.paymentCollectionMethod } : {}),
    ...(input.cost !== undefined ? { cost: input.cost } : {}),
    ...(input.subscriptionId !== undefined ? { subscriptionId: input.subscriptionId } : {}),
    status: billed ? 'PAYMENT_PENDING' : 'ACTIVE',
    consumed: 0,
    createdAt: at,
  };
  if (billed) grant = await billGrant(ctx, grant);
  await ctx.store.putCredit(grant);
  await ctx.store.appendEvent({
    type: 'CREDITS_GRANTED',
    at,
    customerId: input.customerId,
    ...(input.subscriptionId ? { subscriptionId: input.subscriptionId } : {}),
    data: {
      grantId: grant.id,
      grantType: grant.grantType,
      currencyId: grant.currencyId,
      amount: grant.amount,
      status: grant.status,
      effectiveDate: grant.effectiveDate,
      expirationDate: grant.expirationDate ?? null,
      invoiceId: grant.invoiceId ?? null,
    },
  });
  return grant;
}

/** The top-up order: the currency's one-time charge at the grant's cost, billed at once and collected as asked. */
async function billGrant(ctx: SyncContext, grant: CreditGrant): Promise<CreditGrant> {
  const { today } = await platformNow(ctx);
  const customer = await ensureCustomerSynced(ctx, grant.customerId);
  if (!customer.billingAccountNumber) {
    throw new OutboundInputError('BILLING_CONFLICT', `Customer '${grant.customerId}' has no Zuora account to bill the grant to: ${customer.sync?.reason ?? 'not synced'}`);
  }
  const cost = grant.cost as NonNullable<CreditGrant['cost']>;
  if (cost.currency !== currencyOfCustomer(customer)) {
    throw new OutboundInputError('COST_CURRENCY_CONFLICT', `The grant costs ${cost.currency}; customer '${customer.id}' is billed in ${currencyOfCustomer(customer)}`);
  }
  const charge = await creditRatePlan(ctx, grant.currencyId, 'TOP_UP', cost.currency);
  const placed = await placeOrder(ctx, {
    orderDate: today,
    accountNumber: customer.billingAccountNumber,
    customFields: {
      stiggEntityUrl__c: `${ctx.entityBaseUrl.replace(/\/+$/, '')}/api/credits/grants/${encodeURIComponent(grant.id)}`,
      stiggCustomerId__c: grant.customerId,
      stiggResourceId__c: grant.resourceId ?? grant.id,
    },
    actions: [
      createSubscriptionAction(today, [
        { productRatePlanId: charge.ratePlanId, chargeOverrides: [{ productRatePlanChargeId: charge.chargeId, pricing: { [creditPricingMember('TOP_UP')]: { listPrice: cost.amount } } }] },
      ]),
    ],
    processingOptions: { runBilling: true, collectPayment: grant.paymentCollectionMethod !== 'INVOICE' },
  });
  const invoiceId = placed.result.invoiceIds?.[0];
  const paid = placed.result.paymentId !== undefined && Number(placed.result.paidAmount ?? 0) >= cost.amount;
  return { ...grant, ...(invoiceId ? { invoiceId } : {}), status: paid ? 'ACTIVE' : 'PAYMENT_PENDING' };
}

/** A PAID grant's invoice was paid: its credits are usable. Answers the grants it made usable. */
export async function activatePaidGrants(ctx: SyncContext, invoiceId: string): Promise<CreditGrant[]> {
  const waiting = ctx.store.allCredits().filter((grant) => grant.invoiceId === invoiceId && grant.status === 'PAYMENT_PENDING');
  const { at } = await platformNow(ctx);
  for (const grant of waiting) {
    await ctx.store.putCredit({ ...grant, status: 'ACTIVE' });
    await ctx.store.appendEvent({ type: 'CREDITS_GRANTED', at, customerId: grant.customerId, data: { grantId: grant.id, status: 'ACTIVE', invoiceId } });
  }
  return waiting;
}

/** Usable now: active, in effect, not expired, with credits left. */
const usable = (grant: CreditGrant, at: string): boolean =>
  grant.status === 'ACTIVE' && grant.effectiveDate <= at && (grant.expirationDate === undefined || grant.expirationDate > at) && grant.consumed < grant.amount;

/** seeds/004: grants are consumed in priority order (lower first, unprioritised last), then earliest expiry first. */
function consumptionOrder(a: CreditGrant, b: CreditGrant): number {
  const priority = (a.priority ?? Number.POSITIVE_INFINITY) - (b.priority ?? Number.POSITIVE_INFINITY);
  if (priority !== 0 && !Number.isNaN(priority)) return priority;
  const expiry = (a.expirationDate ?? '\uffff').localeCompare(b.expirationDate ?? '\uffff');
  return expiry !== 0 ? expiry : a.createdAt.localeCompare(b.createdAt);
}

/** Spends `amount` credits of a currency across the customer's usable grants; all or nothing. */
export async function consumeCredits(ctx: SyncContext, customerId: string, currencyId: string, amount: number): Promise<Array<{ grantId: string; amount: number }>> {
  checkCredits(ctx, currencyId, amount);
  const { at } = await platformNow(ctx);
  const grants = ctx.store.credits(customerId).filter((grant) => grant.currencyId === currencyId && usable(grant, at)).sort(consumptionOrder);
  const available = grants.reduce((sum, grant) => sum + grant.amount - grant.consumed, 0);
  if (available < amount) throw new OutboundInputError('INSUFFICIENT_CREDITS_CONFLICT', `Customer '${customerId}' has ${available} usable ${currencyId}, not ${amount}`);
  const taken: Array<{ grantId: string; amount: number }> = [];
  let left = amount;
  for (const grant of grants) {
    if (left <= 0) break;
    const take = Math.min(left, grant.amount - grant.consumed);
    await ctx.store.putCredit({ ...grant, consumed: grant.consumed + take });
    taken.push({ grantId: grant.id, amount: take });
    left -= take;
  }
  await ctx.store.appendEvent({ type: 'CREDITS_CONSUMED', at, customerId, data: { currencyId, amount, grants: taken } });
  return taken;
}
