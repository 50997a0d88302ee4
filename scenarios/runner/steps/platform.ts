import path from 'node:path';
import { catalogOver } from '../catalogMerge.js';
import { readCatalogFile } from '../load.js';
import { defined, customerIdOf, paymentMethodOf, subscriptionIdOf, type StepRunner } from './context.js';

// The platform's side: each step is one call to the sync engine's API (sync/api/routes.ts).

const enc = encodeURIComponent;

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

/** `true`, `{days}` or `{endDate}` go to the engine as they are; a bare number of days is `{days}`. */
export function trialOf(trial: unknown): unknown {
  return typeof trial === 'number' ? { days: trial } : trial;
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
    trial: trialOf(args.trial),
    paymentCollectionMethod: args.paymentCollectionMethod,
    priceOverrides: args.priceOverrides,
    creditEntitlements: args.creditEntitlements,
    entitlements: args.entitlements,
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

/** "Migrate to latest" (seeds/002): to the latest published version of the subscription's plan. */
export const migrateSubscription: StepRunner = (ctx, args) =>
  ctx.http.syncOk('POST', `/api/subscriptions/${enc(subscriptionIdOf(ctx, args.ref))}/migrate`, defined({ subscriptionMigrationTime: args.when }));

/**
 * Publishes catalog changes (a catalog file relative to the scenario, or lists given inline): their
 * items replace the engine's with the same id, the rest is kept. A plan given other prices becomes
 * its next version.
 */
export const publishCatalog: StepRunner = async (ctx, args) => {
  const { file, as: _as, ...inline } = args;
  const incoming = typeof file === 'string' ? await readCatalogFile(path.resolve(path.dirname(ctx.scenario.file), file)) : inline;
  const current = await ctx.http.syncOk<Record<string, Array<Record<string, unknown>>>>('GET', '/api/catalog');
  return ctx.http.syncOk('POST', '/api/catalog', catalogOver(current, incoming as Record<string, Array<Record<string, unknown>>>));
};

export const reportUsage: StepRunner = (ctx, args) =>
  ctx.http.syncOk('POST', '/api/usage', { customerId: customerIdOf(ctx, args.customer), featureId: args.feature, value: args.value });

export const syncUsage: StepRunner = (ctx) => ctx.http.syncOk('POST', '/api/usage/sync', {});

/** seeds/004's credit grant, its fields as the seed names them. */
export const grantCredits: StepRunner = (ctx, args) => {
  const { customer, as: _as, ...fields } = args;
  return ctx.http.syncOk('POST', '/api/credits/grants', { ...fields, customerId: customerIdOf(ctx, customer) });
};

/** Spends credits: `POST /api/credits/consume` (by priority, then earliest expiry). */
export const consumeCredits: StepRunner = (ctx, args) =>
  ctx.http.syncOk('POST', '/api/credits/consume', { customerId: customerIdOf(ctx, args.customer), currencyId: args.currencyId, amount: args.amount });
