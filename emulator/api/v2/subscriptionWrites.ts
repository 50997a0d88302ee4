import { getCharge } from '../../domain/catalog/charges.js';
import type { CustomFields } from '../../domain/customFields.js';
import { invalidValue, missingField, referenced } from '../../domain/errors.js';
import type {
  CancelSubscriptionInput,
  ChargeOverrideInput,
  ChargeUpdateInput,
  OrderSubscriptionInput,
  ResumeInput,
  SuspendInput,
  OrderActionInput,
  OrderInput,
  PricingMemberInput,
  RatePlanInput,
  TermInput,
  TriggerDateInput,
} from '../../domain/orders/model.js';
import { placeOrder } from '../../domain/orders/orders.js';
import { pricingKey } from '../../domain/orders/pricing.js';
import { SUBSCRIPTIONS, type Subscription, type TermPeriodType } from '../../domain/subscriptions/model.js';
import { findLatestVersion } from '../../domain/subscriptions/queries.js';
import { tenantToday } from '../../domain/tenantTime.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { compact } from '../shape.js';
import { expansions } from './shape.js';
import { findSubscription, toV2Subscription } from './subscriptions.js';

// Quickstart subscription writes: create, patch, cancel, pause and resume. Each call is one order
// of the Orders API on the tenant's today (one new version, however many changes it carries), so
// billing, versions and callouts are those of the same change made through V1.

type Body = Record<string, unknown>;

const PERIODS: Record<string, TermPeriodType> = { day: 'Day', week: 'Week', month: 'Month', year: 'Year' };

function triggerDates(startOn: Body | undefined): TriggerDateInput[] | undefined {
  if (!startOn) return undefined;
  const dates: TriggerDateInput[] = [{ name: 'ContractEffective', triggerDate: String(startOn.contract_effective) }];
  if (typeof startOn.service_activation === 'string') dates.push({ name: 'ServiceActivation', triggerDate: startOn.service_activation });
  if (typeof startOn.customer_acceptance === 'string') dates.push({ name: 'CustomerAcceptance', triggerDate: startOn.customer_acceptance });
  return dates;
}

const termOf = (term: Body): TermInput => compact({ period: term.interval_count as number | undefined, periodType: PERIODS[String(term.interval)] });

/** A price of a subscription plan becomes a charge override, priced in the member its catalog charge takes. */
function chargeOverride(view: ReadView, price: Body, field: string): NonNullable<RatePlanInput['chargeOverrides']>[number] {
  const priceId = String(price.price_id);
  const charge = referenced(() => getCharge(view, priceId), SUBSCRIPTIONS, `${field}.price_id`, `Price '${priceId}'`);
  const member: PricingMemberInput = compact({
    quantity: price.quantity as number | undefined,
    listPrice: (price.amount ?? price.unit_amount) as number | undefined,
    discountPercentage: price.discount_percent as number | undefined,
    discountAmount: price.discount_amount as number | undefined,
  });
  return compact({
    productRatePlanChargeId: charge.id,
    uniqueToken: price.unique_token as string | undefined,
    pricing: Object.keys(member).length > 0 ? { [pricingKey(charge)]: member } : undefined,
    customFields: price.custom_fields as CustomFields | undefined,
  }) as ChargeOverrideInput;
}

function ratePlanOf(view: ReadView, plan: Body, field: string): RatePlanInput {
  if (plan.plan_id === undefined && plan.plan_number === undefined) throw missingField(SUBSCRIPTIONS, `${field}.plan_id`);
  const prices = (plan.prices ?? []) as Body[];
  return compact({
    productRatePlanId: plan.plan_id as string | undefined,
    productRatePlanNumber: plan.plan_number as string | undefined,
    uniqueToken: plan.unique_token as string | undefined,
    chargeOverrides: prices.length > 0 ? prices.map((price, index) => chargeOverride(view, price, `${field}.prices[${index}]`)) : undefined,
    customFields: plan.custom_fields as CustomFields | undefined,
  });
}

/** `processing_options` in the Orders API's words: billing, and collecting with it. */
function processing(options: Body | undefined): OrderInput['processingOptions'] {
  const method = options?.collection_method;
  if (!options || method === undefined || method === 'process_refund') return undefined;
  const billingOptions = compact({ targetDate: options.target_date as string | undefined, documentDate: options.document_date as string | undefined });
  return compact({
    runBilling: true,
    collectPayment: method === 'collect_payment',
    billingOptions: Object.keys(billingOptions).length > 0 ? billingOptions : undefined,
    electronicPaymentOptions: typeof options.payment_method_id === 'string' ? { paymentMethodId: options.payment_method_id } : undefined,
  });
}

/** Places the order and answers the subscription's newest version as the Quickstart API shapes it. */
async function order(ctx: RequestContext, status: number, build: (tx: Transaction) => OrderInput): Promise<Reply> {
  const subscription = await ctx.services.store.transact(ctx.tenant, (tx): Subscription => {
    const placed = placeOrder(tx, build(tx));
    const number = placed.results[0]?.subscriptionNumber ?? '';
    return findLatestVersion(tx, number) as Subscription;
  });
  const view = ctx.services.store.view(ctx.tenant);
  return { status, body: toV2Subscription(view, subscription, expansions(ctx.query)) };
}

export function postSubscriptionV2(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as Body;
  const account = (body.account_number ?? body.account_id) as string | undefined;
  if (!account) throw missingField(SUBSCRIPTIONS, 'account_id');
  return order(ctx, 201, (tx) => {
    const initial = (body.initial_term ?? {}) as Body;
    const renewal = body.renewal_term as Body | undefined;
    const termed = initial.type === 'termed' || (initial.type === undefined && initial.interval_count !== undefined);
    const plans = body.subscription_plans as Body[];
    return {
      orderDate: tenantToday(tx),
      existingAccountNumber: account,
      processingOptions: processing(body.processing_options as Body | undefined),
      subscriptions: [
        {
          customFields: body.custom_fields as CustomFields | undefined,
          orderActions: [
            compact({
              type: 'CreateSubscription' as const,
              triggerDates: triggerDates(body.start_on as Body | undefined),
              createSubscription: compact({
                subscriptionNumber: body.subscription_number as string | undefined,
                terms: {
                  ...(body.auto_renew !== undefined ? { autoRenew: body.auto_renew as boolean } : {}),
                  initialTerm: { termType: termed ? ('TERMED' as const) : ('EVERGREEN' as const), ...termOf(initial), ...(typeof initial.start_date === 'string' ? { startDate: initial.start_date } : {}) },
                  ...(renewal ? { renewalSetting: renewal.type === 'evergreen' ? ('RENEW_TO_EVERGREEN' as const) : ('RENEW_WITH_SPECIFIC_TERM' as const), renewalTerms: [termOf(renewal)] } : {}),
                },
                subscribeToRatePlans: plans.map((plan, index) => ratePlanOf(tx, plan, `subscription_plans[${index}]`)),
                notes: body.description as string | undefined,
                invoiceSeparately: body.invoice_separately as boolean | undefined,
                currency: body.currency as string | undefined,
                paymentTerm: body.payment_terms as string | undefined,
              }),
            }) as OrderActionInput,
          ],
        },
      ],
    };
  });
}

/** An order of the given actions on the subscription named in the path (id or number). */
function amend(
  ctx: RequestContext,
  actions: (tx: Transaction, subscription: Subscription) => OrderActionInput[],
  extra: { customFields?: CustomFields; notes?: string; processing?: Body; writeOff?: boolean } = {},
): Promise<Reply> {
  const options = processing(extra.processing);
  return order(ctx, 200, (tx) => {
    const subscription = findSubscription(tx, ctx.params.subscription_id ?? '');
    return {
      orderDate: tenantToday(tx),
      existingAccountId: subscription.accountId,
      processingOptions: extra.writeOff ? { ...options, writeOff: true } : options,
      subscriptions: [compact({ subscriptionNumber: subscription.subscriptionNumber, customFields: extra.customFields, notes: extra.notes, orderActions: actions(tx, subscription) }) as OrderSubscriptionInput],
    };
  });
}

function cancelAction(body: Body): OrderActionInput {
  if (body.cancel_date === undefined && body.cancel_at === undefined) throw missingField(SUBSCRIPTIONS, 'cancel_at');
  const cancellationPolicy = typeof body.cancel_date === 'string' ? 'SpecificDate' : body.cancel_at === 'invoice_period_end' ? 'EndOfLastInvoicePeriod' : 'EndOfCurrentTerm';
  return { type: 'CancelSubscription', cancelSubscription: compact({ cancellationPolicy, cancellationEffectiveDate: body.cancel_date as string | undefined }) as CancelSubscriptionInput };
}

function resumeAction(body: Body): OrderActionInput {
  const resumePolicy = typeof body.resume_date === 'string' ? 'SpecificDate' : body.resume_at === 'pause_date' ? 'SuspendDate' : 'Today';
  return { type: 'Resume', resume: compact({ resumePolicy, resumeSpecificDate: body.resume_date as string | undefined, extendsTerm: body.extend_term as boolean | undefined }) as ResumeInput };
}

/** A pause for a set time resumes that long after the pause date, in the same order. */
function pauseActions(body: Body): OrderActionInput[] {
  const suspendPolicy = typeof body.pause_date === 'string' ? 'SpecificDate' : body.pause_at === 'invoice_period_end' ? 'EndOfLastInvoicePeriod' : 'Today';
  const pause: OrderActionInput = { type: 'Suspend', suspend: compact({ suspendPolicy, suspendSpecificDate: body.pause_date as string | undefined }) as SuspendInput };
  if (body.pause_interval_count === undefined) return [pause];
  if (body.pause_interval === undefined) throw missingField(SUBSCRIPTIONS, 'pause_interval');
  const resume = (body.resume_behavior ?? {}) as Body;
  return [
    pause,
    {
      type: 'Resume',
      resume: compact({
        resumePolicy: 'FixedPeriodsFromSuspendDate' as const,
        resumePeriods: body.pause_interval_count as number,
        resumePeriodsType: PERIODS[String(body.pause_interval)],
        extendsTerm: resume.extend_term as boolean | undefined,
      }) as ResumeInput,
    },
  ];
}

export function postCancelV2(ctx: RequestContext): Promise<Reply> {
  const body = (ctx.body ?? {}) as Body;
  // A write-off settles what the cancellation leaves owing, so the cancellation is billed first.
  const writeOff = body.write_off === true;
  const processingOptions = (body.processing_options ?? (writeOff ? { collection_method: 'run_billing' } : undefined)) as Body | undefined;
  return amend(ctx, () => [cancelAction(body)], { customFields: body.custom_fields as CustomFields | undefined, writeOff, ...(processingOptions ? { processing: processingOptions } : {}) });
}

export function postPauseV2(ctx: RequestContext): Promise<Reply> {
  const body = (ctx.body ?? {}) as Body;
  return amend(ctx, () => pauseActions(body), { customFields: body.custom_fields as CustomFields | undefined });
}

export function postResumeV2(ctx: RequestContext): Promise<Reply> {
  const body = (ctx.body ?? {}) as Body;
  return amend(ctx, () => [resumeAction(body)], { customFields: body.custom_fields as CustomFields | undefined });
}

function itemUpdate(view: ReadView, item: Body, field: string): ChargeUpdateInput {
  const member: PricingMemberInput = compact({
    quantity: item.quantity as number | undefined,
    listPrice: (item.amount ?? item.unit_amount) as number | undefined,
    discountPercentage: item.discount_percent as number | undefined,
    discountAmount: item.discount_amount as number | undefined,
  });
  const number = (item.subscription_item_number ?? (typeof item.id === 'string' ? view.get<{ chargeNumber: string }>('RatePlanCharge', item.id)?.chargeNumber : undefined)) as string | undefined;
  if (!number) throw missingField(SUBSCRIPTIONS, `${field}.id`);
  const chargeId = typeof item.id === 'string' ? view.get<{ productRatePlanChargeId: string; chargeType: string; chargeModel: string }>('RatePlanCharge', item.id) : undefined;
  const pricingMember = chargeId ? pricingKey(chargeId as Parameters<typeof pricingKey>[0]) : undefined;
  return compact({
    chargeNumber: number,
    pricing: Object.keys(member).length > 0 && pricingMember ? { [pricingMember]: member } : undefined,
    effectiveDate: typeof item.start_date === 'string' ? { specificTriggerDate: item.start_date } : undefined,
    customFields: item.custom_fields as CustomFields | undefined,
  });
}

/** The changes a patch names, in the order the Quickstart API applies them, as order actions. */
function patchActions(tx: Transaction, body: Body): OrderActionInput[] {
  const actions: OrderActionInput[] = [];
  const dated = (startOn: unknown) => compact({ triggerDates: triggerDates((startOn ?? body.start_on) as Body | undefined) });
  const terms = body.terms as Body | undefined;
  if (terms) {
    const current = terms.current_term as Body | undefined;
    const renewal = terms.renewal_term as Body | undefined;
    actions.push({
      type: 'TermsAndConditions',
      ...dated(terms.start_on),
      termsAndConditions: compact({
        autoRenew: terms.auto_renew as boolean | undefined,
        lastTerm: current ? compact({ termType: current.type === 'evergreen' ? ('EVERGREEN' as const) : current.type === 'termed' ? ('TERMED' as const) : undefined, ...termOf(current), endDate: current.end_date as string | undefined }) : undefined,
        renewalSetting: renewal?.type === 'evergreen' ? ('RENEW_TO_EVERGREEN' as const) : renewal ? ('RENEW_WITH_SPECIFIC_TERM' as const) : undefined,
        renewalTerms: renewal && renewal.type !== 'evergreen' ? [termOf(renewal)] : undefined,
      }),
    });
  }
  ((body.remove_subscription_plans ?? []) as Body[]).forEach((remove) => actions.push({ type: 'RemoveProduct', ...dated(remove.start_on), removeProduct: { ratePlanId: String(remove.subscription_plan_id) } }));
  ((body.update_subscription_plans ?? []) as Body[]).forEach((update, index) => {
    const plan = update.subscription_plan as Body;
    const items = (plan.subscription_items ?? []) as Body[];
    actions.push({
      type: 'UpdateProduct',
      ...dated(update.start_on),
      updateProduct: compact({
        ratePlanId: String(plan.subscription_plan_id),
        chargeUpdates: items.map((item, itemIndex) => itemUpdate(tx, item, `update_subscription_plans[${index}].subscription_plan.subscription_items[${itemIndex}]`)),
        specificUpdateDate: update.start_date as string | undefined,
        customFields: plan.custom_fields as CustomFields | undefined,
      }),
    });
  });
  ((body.add_subscription_plans ?? []) as Body[]).forEach((add, index) =>
    actions.push({ type: 'AddProduct', ...dated(add.start_on), addProduct: ratePlanOf(tx, add.subscription_plan as Body, `add_subscription_plans[${index}].subscription_plan`) }),
  );
  if (body.renew) actions.push({ type: 'RenewSubscription', ...dated((body.renew as Body).start_on), renewSubscription: {} });
  if (body.pause) actions.push(...pauseActions(body.pause as Body));
  if (body.resume) actions.push(resumeAction(body.resume as Body));
  if (body.cancel) actions.push(cancelAction(body.cancel as Body));
  return actions;
}

/**
 * A patch is one order. One that changes only the description or custom fields is an order with an
 * empty TermsAndConditions action: a new version with nothing else changed, as Zuora writes it.
 */
export function patchSubscriptionV2(ctx: RequestContext): Promise<Reply> {
  const body = (ctx.body ?? {}) as Body;
  return amend(
    ctx,
    (tx) => {
      const actions = patchActions(tx, body);
      if (actions.length > 0) return actions;
      if (body.description === undefined && body.custom_fields === undefined) throw invalidValue(SUBSCRIPTIONS, 'body', 'The patch names no change');
      return [{ type: 'TermsAndConditions', termsAndConditions: {} }];
    },
    { customFields: body.custom_fields as CustomFields | undefined, notes: body.description as string | undefined },
  );
}
