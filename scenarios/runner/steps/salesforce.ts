import { customerIdOf, defined, paymentMethodOf, StepError, type Args, type StepRunner } from './context.js';
import { trialOf } from './platform.js';

// seeds/004: an opportunity moved to Closed/Won runs the "Create Stigg Subscription" flow. Its
// products carry a Stigg Type and a Stigg ID: one Plan product (the plan), and Entitlement products
// whose Stigg ID is a feature (the quantity is the feature's amount) or a custom currency (the
// quantity is a credit amount). Mapped onto the sync engine's API:
//   - the account becomes a platform customer when it is not one yet (POST /api/customers), with
//     its email as billing email (INVOICE collection sends invoices there);
//   - the Plan product is the plan; its sales price overrides the plan's flat fee;
//   - a feature entitlement of a per-unit feature is the subscription's quantity of it (`units`;
//     its sales price overrides the unit price); one of a metered feature is a usage limit
//     (`entitlements: [{featureId, limit}]`);
//   - a currency entitlement is a monthly credit entitlement `{customCurrencyId, amount, cadence,
//     price?}` (its sales price the price) unless `creditEntitlements` names that currency already;
//   - the node's own fields (paymentCollectionMethod, creditEntitlements, trial, billingPeriod,
//     metadata) go to the engine as the seed names them, unchanged.

const enc = encodeURIComponent;

interface Product {
  kind: 'PLAN' | 'ENTITLEMENT';
  id: string;
  quantity?: number;
  salesPrice?: number;
}

function productsOf(items: Args[]): Product[] {
  return items.map((item, index) => {
    const kind = String(item.stiggType ?? item.type ?? '').toUpperCase();
    const id = item.stiggId ?? item.id;
    if (kind !== 'PLAN' && kind !== 'ENTITLEMENT') throw new StepError(`products[${index}]: needs a stiggType of Plan or Entitlement`);
    if (!id) throw new StepError(`products[${index}]: needs a stiggId (the plan, feature or custom currency id)`);
    const salesPrice = item.salesPrice ?? item.price;
    return { kind, id, ...(item.quantity !== undefined ? { quantity: Number(item.quantity) } : {}), ...(salesPrice !== undefined ? { salesPrice: Number(salesPrice) } : {}) };
  });
}

interface CatalogView {
  features: Array<{ id: string; metered?: boolean }>;
  currencies: Array<{ id: string }>;
  plans: Array<{ id: string }>;
}

export const closeWon: StepRunner = async (ctx, args) => {
  const products = productsOf(args.products as Args[]);
  const plans = products.filter((product) => product.kind === 'PLAN');
  if (plans.length !== 1) throw new StepError(`products: an opportunity needs exactly one product of Stigg Type Plan, it has ${plans.length}`);
  const plan = plans[0] as Product;
  const catalog = await ctx.http.syncOk<CatalogView>('GET', '/api/catalog');
  if (!catalog.plans.some((candidate) => candidate.id === plan.id)) throw new StepError(`products: the Plan product's Stigg ID '${plan.id}' is no plan of the catalog`);

  const collection = args.paymentCollectionMethod as string | undefined;
  const customerId = await ensureCustomer(ctx, args.account, collection);

  const units: Record<string, number> = {};
  const limits: Array<{ featureId: string; limit: number }> = [];
  const priceOverrides: Record<string, number> = {};
  if (plan.salesPrice !== undefined) priceOverrides[plan.id] = plan.salesPrice;
  const credits = [...((args.creditEntitlements as Args[] | undefined) ?? [])];
  for (const product of products.filter((each) => each.kind === 'ENTITLEMENT')) {
    const feature = catalog.features.find((candidate) => candidate.id === product.id);
    const currency = catalog.currencies.find((candidate) => candidate.id === product.id);
    if (currency) {
      // The node's Subscription Credit Entitlements say the same credits with their cadence; the product alone means monthly.
      if (!credits.some((credit) => credit.customCurrencyId === product.id)) {
        credits.push(defined({ customCurrencyId: product.id, amount: product.quantity ?? 0, cadence: 'MONTH', price: product.salesPrice }));
      }
      continue;
    }
    if (!feature) throw new StepError(`products: the Entitlement product's Stigg ID '${product.id}' is no feature or custom currency of the catalog`);
    if (feature.metered) {
      limits.push({ featureId: product.id, limit: product.quantity ?? 0 });
      continue;
    }
    units[product.id] = product.quantity ?? 1;
    if (product.salesPrice !== undefined) priceOverrides[product.id] = product.salesPrice;
  }

  return ctx.http.syncOk(
    'POST',
    '/api/subscriptions',
    defined({
      customerId,
      planId: plan.id,
      billingPeriod: args.billingPeriod,
      units: Object.keys(units).length > 0 ? units : undefined,
      entitlements: limits.length > 0 ? limits : undefined,
      priceOverrides: Object.keys(priceOverrides).length > 0 ? priceOverrides : undefined,
      creditEntitlements: credits.length > 0 ? credits : undefined,
      trial: trialOf(args.trial),
      paymentCollectionMethod: collection,
      metadata: args.metadata === undefined ? undefined : Object.fromEntries(Object.entries(args.metadata as Record<string, unknown>).map(([key, value]) => [key, String(value)])),
    }),
  );
};

/** The Salesforce account's customer: an existing one by id, or one created from the account's details. */
async function ensureCustomer(ctx: Parameters<StepRunner>[0], account: unknown, collection: string | undefined): Promise<string> {
  if (typeof account === 'string') return customerIdOf(ctx, account);
  const details = account as { id: string; name?: string; email?: string; billingInfo?: Record<string, unknown>; paymentMethod?: unknown; metadata?: Record<string, unknown> };
  const known = customerIdOf(ctx, details.id);
  const existing = await ctx.http.sync('GET', `/api/customers/${enc(known)}`);
  if (existing.status === 200) return known;
  const email = (details.billingInfo?.email as string | undefined) ?? details.email;
  if (collection === 'INVOICE' && !email) throw new StepError('account: INVOICE collection needs the customer to have a billing email (seeds/004)');
  const id = ctx.env.newCustomerId(details.id);
  await ctx.http.syncOk(
    'POST',
    '/api/customers',
    defined({
      id,
      name: details.name ?? details.id,
      email: details.email,
      billingInfo: email ? { ...details.billingInfo, email } : details.billingInfo,
      paymentMethod: details.paymentMethod === undefined ? undefined : paymentMethodOf(details.paymentMethod, new Date(ctx.env.start).getUTCFullYear()),
      metadata: details.metadata === undefined ? undefined : Object.fromEntries(Object.entries(details.metadata).map(([key, value]) => [key, String(value)])),
    }),
  );
  ctx.env.created.add(id);
  return id;
}
