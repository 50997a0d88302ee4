import { defined, customerIdOf, paymentMethodOf, StepError, subscriptionIdOf, virtualNow, type Args, type StepContext, type StepRunner } from './context.js';

// The platform's side: each step is one call to the sync engine's API (sync/api/routes.ts).

const enc = encodeURIComponent;
const DAY_MS = 86_400_000;

/** Metadata values reach the engine as text, as it stores them. */
const textMap = (map: Record<string, unknown> | undefined): Record<string, string> | undefined =>
  map === undefined ? undefined : Object.fromEntries(Object.entries(map).map(([key, value]) => [key, String(value)]));

export function addonsOf(addons: unknown[] | undefined): Array<{ addonId: string; quantity?: number }> | undefined {
  return addons?.map((item) => {
    if (typeof item === 'string') return { addonId: item };
    const { addonId, id, addon, quantity } = item as { addonId?: string; id?: string; addon?: string; quantity?: number };
    return { addonId: (addonId ?? id ?? addon) as string, ...(quantity !== undefined ? { quantity } : {}) };
  });
}

/** `true`, a number of days, `{days}` or `{endDate}` (a day counted from the virtual now). */
export async function trialOf(ctx: StepContext, trial: unknown): Promise<boolean | { days: number } | undefined> {
  if (trial === undefined || typeof trial === 'boolean') return trial;
  if (typeof trial === 'number') return { days: trial };
  const { days, endDate } = trial as { days?: number; endDate?: string };
  if (days !== undefined) return { days };
  if (endDate !== undefined) {
    const end = Date.parse(endDate);
    const now = (await virtualNow(ctx)).getTime();
    const count = Math.ceil((end - now) / DAY_MS);
    if (!(count >= 1)) throw new StepError(`trial endDate ${endDate} is not after the scenario's now (${new Date(now).toISOString()})`);
    return { days: count };
  }
  return true;
}

/** PAYMENT_METHOD_ON_FILE is seeds/004's name for charging the card on file. */
export const collectionOf = (method: string | undefined): string | undefined => (method === 'PAYMENT_METHOD_ON_FILE' ? 'CHARGE' : method);

export function creditEntitlementsOf(credits: Args[] | undefined): Array<{ currency: string; amount: number; cadence?: string }> | undefined {
  return credits?.map((credit) => {
    if (credit.price !== undefined) {
      throw new StepError(
        `credits: a price for a credit entitlement (seeds/004 "price override for this credit entitlement on the invoice") cannot be given: the sync engine's API takes {currency, amount, cadence} only`,
      );
    }
    const currency = credit.currency ?? credit.customCurrencyId;
    if (!currency) throw new StepError('credits: each credit entitlement needs a currency (or customCurrencyId)');
    return { currency, amount: credit.amount, ...(credit.cadence ? { cadence: credit.cadence } : {}) };
  });
}

export const createCustomer: StepRunner = async (ctx, args) => {
  const start = new Date(ctx.env.start);
  const id = ctx.env.newCustomerId(args.id);
  const body = defined({
    id,
    name: args.name ?? args.id,
    email: args.email,
    paymentMethod: args.paymentMethod === undefined ? undefined : paymentMethodOf(args.paymentMethod, start.getUTCFullYear()),
    billingInfo: args.billingInfo,
    metadata: textMap(args.metadata),
    billingId: args.billingId,
  });
  const customer = await ctx.http.syncOk('POST', '/api/customers', body);
  ctx.env.created.add(id);
  return customer;
};

export const archiveCustomer: StepRunner = (ctx, args) => ctx.http.syncOk('POST', `/api/customers/${enc(customerIdOf(ctx, args.id))}/archive`, {});

export const provisionSubscription: StepRunner = async (ctx, args) => {
  const body = defined({
    id: args.id,
    customerId: customerIdOf(ctx, args.customer),
    planId: args.plan,
    billingPeriod: args.billingPeriod,
    addons: addonsOf(args.addons),
    units: args.units,
    trial: await trialOf(ctx, args.trial),
    paymentCollectionMethod: collectionOf(args.paymentCollectionMethod),
    priceOverrides: args.priceOverrides,
    creditEntitlements: creditEntitlementsOf(args.credits),
    metadata: textMap(args.metadata),
    billingId: args.billingId,
    startDate: args.startDate,
  });
  return ctx.http.syncOk('POST', '/api/subscriptions', body);
};

export const updateSubscription: StepRunner = (ctx, args) =>
  ctx.http.syncOk(
    'PATCH',
    `/api/subscriptions/${enc(subscriptionIdOf(ctx, args.ref))}`,
    defined({
      planId: args.plan,
      addons: addonsOf(args.addons),
      units: args.units,
      billingPeriod: args.billingPeriod,
      scheduleStrategy: args.when ?? 'IMMEDIATE',
    }),
  );

export const cancelSubscription: StepRunner = (ctx, args) =>
  ctx.http.syncOk('POST', `/api/subscriptions/${enc(subscriptionIdOf(ctx, args.ref))}/cancel`, defined({ when: args.when, writeOffOpenBalance: args.writeOffOpenBalance }));

export const reportUsage: StepRunner = (ctx, args) =>
  ctx.http.syncOk('POST', '/api/usage', { customerId: customerIdOf(ctx, args.customer), featureId: args.feature, value: args.value });

export const syncUsage: StepRunner = (ctx) => ctx.http.syncOk('POST', '/api/usage/sync', {});

/** seeds/004's credit grant; fields beyond the engine's own go to it as given, and it says which it does not take. */
export const grantCredits: StepRunner = (ctx, args) => {
  const { customer, expirationDate, expiresAt, as: _as, ...rest } = args;
  const expiry = expiresAt ?? expirationDate;
  return ctx.http.syncOk('POST', '/api/credits/grants', {
    ...rest,
    customerId: customerIdOf(ctx, customer),
    ...(expiry !== undefined ? { expiresAt: expiry } : {}),
  });
};
