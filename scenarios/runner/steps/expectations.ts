import { stringify } from 'yaml';
import { diff, mismatches } from '../match.js';
import { eventLabel, STANDARD_EVENT_NAMES } from '../timeline.js';
import {
  customerIdOf,
  ExpectationError,
  invoicesOf,
  omit,
  pickInvoice,
  platformCustomer,
  platformSubscription,
  quiesce,
  subscriptionIdOf,
  zuoraSubscriptionNumberOf,
  type Args,
  type StepContext,
  type StepRunner,
} from './context.js';

// Expectations: each waits until the emulator and the engine are quiet (never sleeps), reads the
// state through a public surface and matches it partially (match.ts). A mismatch fails the step
// with the expected and actual values as a diff; the state read is captured under `as:`.

type Aliases = Record<string, string[]>;

/** Friendly names for fields, put where the record keeps them (`plan` -> `planId`, `syncStatus` -> `sync.status`). */
export function withAliases(expected: Args, aliases: Aliases): Args {
  const out: Args = {};
  for (const [key, value] of Object.entries(expected)) {
    const target = aliases[key];
    if (!target) {
      out[key] = value;
      continue;
    }
    let node = out;
    target.slice(0, -1).forEach((segment) => {
      node[segment] = typeof node[segment] === 'object' && node[segment] !== null ? node[segment] : {};
      node = node[segment];
    });
    node[target.at(-1) as string] = value;
  }
  return out;
}

/** `context` follows the diff: what else was there, when the diff alone cannot show it (the events a count missed). */
export function check(what: string, expected: Args, actual: unknown, context?: () => string): void {
  const wrong = mismatches(expected, actual);
  if (wrong.length === 0) return;
  const reasons = wrong.map((each) => (each.path ? `${each.path} ${each.reason}` : each.reason));
  const shown = context ? `${diff(expected, actual)}\n${context()}` : diff(expected, actual);
  throw new ExpectationError(`${what}: ${reasons.slice(0, 5).join('; ')}${reasons.length > 5 ? ` (and ${reasons.length - 5} more)` : ''}`, shown);
}

const listed = (title: string, items: readonly unknown[]): string =>
  items.length === 0 ? `${title}: none` : `${title}:\n${stringify(items, { lineWidth: 0 }).trimEnd()}`;

export const expectSubscription: StepRunner = async (ctx, args) => {
  await quiesce(ctx);
  const actual = await platformSubscription(ctx, args.ref);
  const expected = withAliases(omit(args, 'ref', 'as'), { plan: ['planId'], customer: ['customerId'], syncStatus: ['sync', 'status'], syncReason: ['sync', 'reason'] });
  if (expected.customerId !== undefined) expected.customerId = customerIdOf(ctx, String(expected.customerId));
  check(`subscription '${subscriptionIdOf(ctx, args.ref)}'`, expected, actual ?? null);
  return actual;
};

export const expectCustomer: StepRunner = async (ctx, args) => {
  await quiesce(ctx);
  const actual = await platformCustomer(ctx, args.id);
  const expected = withAliases(omit(args, 'id', 'as'), { defaultPaymentMethod: ['paymentMethod'], syncStatus: ['sync', 'status'], syncReason: ['sync', 'reason'] });
  check(`customer '${actual.id}'`, expected, actual);
  return actual;
};

/**
 * `ratePlans` are the rate plans in effect (Zuora also lists removed ones, marked `lastChangeType:
 * Remove`); they may be given by name, each matching a rate plan's product name or rate plan name.
 */
function ratePlansByName(expected: unknown, actual: unknown): unknown {
  if (!Array.isArray(actual)) return actual;
  const plans = (actual as Array<{ productName?: string; ratePlanName?: string; lastChangeType?: string }>).filter((plan) => plan.lastChangeType !== 'Remove');
  if (!Array.isArray(expected) || !expected.every((item) => typeof item === 'string')) return plans;
  const byRatePlan = expected.some((name) => plans.some((plan) => plan.ratePlanName === name));
  return plans.map((plan) => (byRatePlan ? plan.ratePlanName : plan.productName));
}

export const expectZuoraSubscription: StepRunner = async (ctx, args) => {
  await quiesce(ctx);
  const { number, why } = await zuoraSubscriptionNumberOf(ctx, args.ref);
  const expected = omit(args, 'ref', 'as');
  if (!number) {
    check(`Zuora subscription of '${args.ref}' (${why})`, expected, null);
    return null;
  }
  const answer = await ctx.http.zuora('GET', `/v1/subscriptions/${encodeURIComponent(number)}`);
  const actual = answer.status === 200 && (answer.body as { success?: boolean }).success !== false ? (answer.body as Args) : null;
  const shown = actual && expected.ratePlans !== undefined ? { ...actual, ratePlans: ratePlansByName(expected.ratePlans, actual.ratePlans) } : actual;
  check(`Zuora subscription ${number}`, expected, shown);
  return actual;
};

export const expectZuoraInvoice: StepRunner = async (ctx, args) => {
  await quiesce(ctx);
  const customer = await platformCustomer(ctx, args.customer);
  const expected = withAliases(omit(args, 'customer', 'invoice', 'as'), { items: ['invoiceItems'] });
  if (!customer.billingId) {
    check(`invoice of customer '${customer.id}' (the customer has no Zuora account)`, expected, null);
    return null;
  }
  const invoice = pickInvoice(await invoicesOf(ctx, customer.billingId), args.invoice) ?? null;
  check(`${args.invoice && args.invoice !== 'latest' ? `invoice ${String(args.invoice)}` : 'latest invoice'} of customer '${customer.id}'${invoice ? ` (${invoice.invoiceNumber})` : ''}`, expected, invoice);
  return invoice;
};

const snake = (key: string): string => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export const expectZuoraAccount: StepRunner = async (ctx, args) => {
  await quiesce(ctx);
  const customer = await platformCustomer(ctx, args.customer);
  const raw = omit(args, 'customer', 'as');
  if (!customer.billingId) {
    check(`Zuora account of customer '${customer.id}' (not synced)`, raw, null);
    return null;
  }
  const read = await ctx.http.zuoraOk<Args>('GET', `/v2/accounts/${encodeURIComponent(customer.billingId)}`);
  // The Quickstart account has no status (only `enabled`); Zuora's status (Active, Canceled...) is the V1 account's.
  const actual = 'status' in raw && !('status' in read)
    ? { ...read, status: (await ctx.http.zuoraOk<{ basicInfo?: { status?: string } }>('GET', `/v1/accounts/${encodeURIComponent(customer.billingId)}`)).basicInfo?.status }
    : read;
  // The Quickstart API spells fields in snake_case; camelCase names are read as their snake_case twins.
  const expected = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key in actual ? key : snake(key), value]));
  check(`Zuora account ${actual.account_number ?? customer.billingId}`, expected, actual);
  return actual;
};

/** Standard events are journalled by category code; their names are accepted too. */
function eventNames(event: string): Set<string> {
  const names = new Set([event]);
  for (const [code, name] of Object.entries(STANDARD_EVENT_NAMES)) if (name === event) names.add(code);
  return names;
}

export const expectCallouts: StepRunner = async (ctx, args) => {
  await quiesce(ctx);
  const names = eventNames(args.event);
  const status = args.status ?? 'delivered';
  const deliveries = (await ctx.recorder.deliveries()).filter((delivery) => names.has(delivery.eventName));
  const counted = deliveries.filter((delivery) => delivery.status === status);
  const actual = { event: args.event, count: counted.length, deliveries: deliveries.map((delivery) => ({ status: delivery.status, attempts: delivery.attempts.length })) };
  const context = () => listed(`deliveries of ${eventLabel(args.event)}`, actual.deliveries);
  if (args.count === undefined) {
    check(`callouts of ${eventLabel(args.event)}`, { event: args.event, count: { $gte: 1 } }, actual, context);
  } else {
    check(`callouts of ${eventLabel(args.event)} (${status})`, { event: args.event, count: args.count }, actual, context);
  }
  return actual;
};

export const expectEvents: StepRunner = async (ctx: StepContext, args) => {
  await quiesce(ctx);
  const events = await ctx.recorder.scenarioEvents({
    type: args.type,
    ...(args.customer !== undefined ? { customerId: customerIdOf(ctx, args.customer) } : {}),
    ...(args.subscription !== undefined ? { subscriptionId: subscriptionIdOf(ctx, args.subscription) } : {}),
  });
  const matching = args.data === undefined ? events : events.filter((event) => mismatches(args.data, event.data).length === 0);
  const actual = { type: args.type, count: matching.length, events: events.map((event) => ({ at: event.at, customerId: event.customerId, subscriptionId: event.subscriptionId, data: event.data })) };
  const what = `platform events ${args.type}${args.data ? ' with the data given' : ''}`;
  check(what, { type: args.type, count: args.count ?? { $gte: 1 } }, actual, () =>
    args.data === undefined
      ? listed(`${args.type} events`, actual.events)
      : `data expected:\n${stringify(args.data, { lineWidth: 0 }).trimEnd()}\n${listed(`data of the ${events.length} ${args.type} event(s)`, events.map((event) => event.data))}`,
  );
  return { ...actual, events: matching };
};
