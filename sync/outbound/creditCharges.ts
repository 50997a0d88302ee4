import type { SyncContext } from '../context.js';
import type { CreditCharge, CustomCurrency } from '../model/types.js';
import { OutboundInputError } from './errors.js';

// Credits that cost money reach Zuora as charges of a product per custom currency (seeds/004): a
// PAID grant is its one-time top-up charge, a priced credit entitlement its recurring charge at the
// entitlement's cadence. Listed at 0; the grant's cost or the entitlement's price overrides it on
// the subscription. Made on first use and kept on the catalog's currency.

const LABELS: Record<CreditCharge, string> = { TOP_UP: 'top-up', MONTH: 'monthly', YEAR: 'yearly' };

function currencyOf(ctx: SyncContext, currencyId: string): CustomCurrency {
  const currency = ctx.store.catalog().currencies.find((candidate) => candidate.id === currencyId);
  if (!currency) throw new OutboundInputError('CURRENCY_NOT_FOUND', `No custom currency with id '${currencyId}'`);
  return currency;
}

function chargeFields(kind: CreditCharge): Record<string, string> {
  if (kind === 'TOP_UP') return { ChargeType: 'OneTime' };
  return { ChargeType: 'Recurring', BillingPeriod: kind === 'MONTH' ? 'Month' : 'Annual', BillCycleType: 'DefaultFromCustomer' };
}

/** The member of an order's `pricing` that overrides the charge's price. */
export const creditPricingMember = (kind: CreditCharge): string => (kind === 'TOP_UP' ? 'oneTimeFlatFee' : 'recurringFlatFee');

/** The rate plan and charge of a currency's credits of that kind, made in Zuora when missing. */
export async function creditRatePlan(ctx: SyncContext, currencyId: string, kind: CreditCharge, accountCurrency: string): Promise<{ productId: string; ratePlanId: string; chargeId: string }> {
  const currency = currencyOf(ctx, currencyId);
  const known = currency.billing?.ratePlans[kind];
  if (currency.billing && known) return { productId: currency.billing.productId, ...known };
  const productId =
    currency.billing?.productId ??
    (await ctx.zuora.createProduct({ name: currency.name, type: 'add_on', description: `Credits in the custom currency ${currency.id}` })).id;
  const plan = await ctx.zuora.createPlan({ name: `${currency.name} (${LABELS[kind]})`, product_id: productId, active_currencies: [accountCurrency] });
  const charge = await ctx.zuora.createCharge({
    ProductRatePlanId: plan.id,
    Name: `${currency.name} credits`,
    ChargeModel: 'Flat Fee Pricing',
    TriggerEvent: 'ContractEffective',
    ...chargeFields(kind),
    ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: accountCurrency, Price: 0 }] },
  });
  const made = { ratePlanId: plan.id, chargeId: charge.Id };
  const catalog = ctx.store.catalog();
  await ctx.store.replaceCatalog({
    ...catalog,
    currencies: catalog.currencies.map((each) =>
      each.id === currencyId ? { ...each, billing: { productId, ratePlans: { ...each.billing?.ratePlans, [kind]: made } } } : each,
    ),
  });
  return { productId, ...made };
}
