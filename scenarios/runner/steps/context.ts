import type { ScenarioEnv } from '../environment.js';
import { HttpError, isV1Failure, type HttpAnswer, type ScenarioHttp } from '../http.js';
import { diff, mismatches } from '../match.js';
import type { Captures } from '../interpolate.js';
import type { TimelineRecorder } from '../timeline.js';
import type { Scenario } from '../types.js';

/** What a step works with. Everything it does goes over HTTP to a public surface. */
export interface StepContext {
  scenario: Scenario;
  env: ScenarioEnv;
  http: ScenarioHttp;
  captures: Captures;
  recorder: TimelineRecorder;
}

export type Args = Record<string, any>;

/** Runs a step; what it answers is captured under the step's `as:` name. */
export type StepRunner = (ctx: StepContext, args: Args) => Promise<unknown>;

/** A step that could not do what it says (as opposed to an expectation that did not hold). */
export class StepError extends Error {}

/** An expectation that did not hold, with the expected and actual values as a diff. */
export class ExpectationError extends Error {
  constructor(
    message: string,
    readonly diff: string,
  ) {
    super(message);
  }
}

/**
 * Waits until the emulator has run everything due now and delivered its callouts, and the engine has
 * answered them; answers the tenant's clock. A tenant of the scenario's own that was found quiet with
 * nothing but reads since is still quiet: nobody else acts on it. A shared target's may not be.
 */
export async function quiesce(ctx: StepContext): Promise<string> {
  if (ctx.env.mode === 'in-process' && ctx.http.quietAt !== undefined) return ctx.http.quietAt;
  return ctx.env.journals.settle();
}

export async function virtualNow(ctx: StepContext): Promise<Date> {
  const { now } = await ctx.http.adminOk<{ now: string }>('GET', '/clock', undefined, true);
  return new Date(now);
}

export const dayOf = (date: Date | string): string => (typeof date === 'string' ? date : date.toISOString()).slice(0, 10);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A customer named by a capture (`cust`) or by id. */
export function customerIdOf(ctx: StepContext, ref: string): string {
  const captured = ctx.captures.get(ref);
  if (isRecord(captured) && typeof captured.id === 'string') return captured.id;
  return ctx.env.customerId(ref);
}

/** A platform subscription named by a capture (`sub`) or by id. */
export function subscriptionIdOf(ctx: StepContext, ref: string): string {
  const captured = ctx.captures.get(ref);
  if (isRecord(captured) && typeof captured.id === 'string') return captured.id;
  return ref;
}

const enc = encodeURIComponent;

export interface PlatformCustomer {
  id: string;
  billingId?: string;
  billingAccountNumber?: string;
  sync?: { status: string; reason?: string };
  [key: string]: unknown;
}

export interface PlatformSubscription {
  id: string;
  customerId: string;
  billingId?: string;
  billingSubscriptionNumber?: string;
  sync?: { status: string; reason?: string };
  [key: string]: unknown;
}

export async function platformCustomer(ctx: StepContext, ref: string): Promise<PlatformCustomer> {
  const id = customerIdOf(ctx, ref);
  const answer = await ctx.http.sync('GET', `/api/customers/${enc(id)}`);
  if (answer.status === 404) throw new StepError(`the platform has no customer '${id}'`);
  if (answer.status >= 400) throw new HttpError('sync', 'GET', `/api/customers/${id}`, answer.status, answer.body);
  return answer.body as PlatformCustomer;
}

export async function platformSubscription(ctx: StepContext, ref: string): Promise<PlatformSubscription | undefined> {
  const id = subscriptionIdOf(ctx, ref);
  const answer = await ctx.http.sync('GET', `/api/subscriptions/${enc(id)}`);
  if (answer.status === 404) return undefined;
  if (answer.status >= 400) throw new HttpError('sync', 'GET', `/api/subscriptions/${id}`, answer.status, answer.body);
  return answer.body as PlatformSubscription;
}

const syncNote = (record: { sync?: { status: string; reason?: string } }): string =>
  record.sync ? ` (sync ${record.sync.status}${record.sync.reason ? `: ${record.sync.reason}` : ''})` : '';

/** The Zuora account of a platform customer; a step on a customer that never reached Zuora cannot go on. */
export async function zuoraAccountOf(ctx: StepContext, ref: string): Promise<{ customer: PlatformCustomer; accountId: string; accountNumber: string }> {
  const customer = await platformCustomer(ctx, ref);
  if (!customer.billingId) throw new StepError(`customer '${customer.id}' has no Zuora account${syncNote(customer)}`);
  let accountNumber = customer.billingAccountNumber;
  if (!accountNumber) accountNumber = (await ctx.http.zuoraOk<{ account_number: string }>('GET', `/v2/accounts/${enc(customer.billingId)}`)).account_number;
  return { customer, accountId: customer.billingId, accountNumber };
}

/** The Zuora subscription number a ref stands for: a platform subscription's, or the ref itself when it names a Zuora subscription. */
export async function zuoraSubscriptionNumberOf(ctx: StepContext, ref: string): Promise<{ number?: string; platform?: PlatformSubscription; why?: string }> {
  const platform = await platformSubscription(ctx, ref);
  if (platform) {
    if (platform.billingSubscriptionNumber) return { number: platform.billingSubscriptionNumber, platform };
    if (platform.billingId) return { number: platform.billingId, platform };
    return { platform, why: `subscription '${platform.id}' is not in Zuora${syncNote(platform)}` };
  }
  return { number: ref };
}

export interface ZuoraInvoice {
  id: string;
  invoiceNumber: string;
  status: string;
  amount: string | number;
  balance: string | number;
  invoiceDate: string;
  [key: string]: unknown;
}

/** An account's invoices, newest first, as the transactions API lists them. */
export async function invoicesOf(ctx: StepContext, accountId: string): Promise<ZuoraInvoice[]> {
  const invoices: ZuoraInvoice[] = [];
  let next: string | undefined = `/v1/transactions/invoices/accounts/${enc(accountId)}?pageSize=40`;
  while (next) {
    const page: { invoices?: ZuoraInvoice[]; nextPage?: string } = await ctx.http.zuoraOk('GET', next);
    invoices.push(...(page.invoices ?? []));
    next = page.nextPage ? new URL(page.nextPage, 'http://zuora').pathname + new URL(page.nextPage, 'http://zuora').search : undefined;
  }
  return invoices;
}

/** `latest` (the default) or an invoice number or id. */
export function pickInvoice(invoices: readonly ZuoraInvoice[], which: unknown): ZuoraInvoice | undefined {
  if (which === undefined || which === null || which === 'latest') return invoices[0];
  return invoices.find((invoice) => invoice.invoiceNumber === which || invoice.id === which);
}

/** A card number alone, or a payment method in the format of the sync engine's API. */
export function paymentMethodOf(value: unknown, year: number): Record<string, unknown> {
  if (typeof value === 'string' || typeof value === 'number') return { type: 'card', cardNumber: String(value), expMonth: 12, expYear: year + 5 };
  const method = { ...(value as Record<string, unknown>) };
  if (typeof method.cardNumber === 'number') method.cardNumber = String(method.cardNumber);
  if (method.type === 'cc_ref') return method;
  return { type: 'card', expMonth: 12, expYear: year + 5, ...method };
}

export const omit = (args: Args, ...keys: string[]): Args => Object.fromEntries(Object.entries(args).filter(([key]) => !keys.includes(key)));

export const defined = <T extends Record<string, unknown>>(record: T): Partial<T> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;

/**
 * A request step's answer: without `expect`, a failure (4xx/5xx, V1's `success: false`) fails the
 * step; with it, the status and a partial body are expectations.
 */
export function answerAsExpected(method: string, path: string, answer: HttpAnswer, expect: unknown): unknown {
  const expected = expect as { status?: number; body?: unknown } | undefined;
  if (expected?.status !== undefined && answer.status !== expected.status) {
    throw new ExpectationError(`${method} ${path} answered ${answer.status}, expected ${expected.status}`, diff({ status: expected.status }, { status: answer.status, body: answer.body }));
  }
  if (expected?.status === undefined && (answer.status >= 400 || isV1Failure(answer.body))) {
    throw new StepError(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  if (expected?.body !== undefined) {
    const wrong = mismatches(expected.body, answer.body);
    if (wrong.length > 0) {
      throw new ExpectationError(`${method} ${path}: ${wrong.map((each) => (each.path ? `${each.path} ${each.reason}` : each.reason)).join('; ')}`, diff(expected.body, answer.body));
    }
  }
  return answer.body;
}
