import {
  answerAsExpected,
  dayOf,
  invoicesOf,
  paymentMethodOf,
  pickInvoice,
  quiesce,
  StepError,
  virtualNow,
  zuoraAccountOf,
  zuoraSubscriptionNumberOf,
  type StepRunner,
} from './context.js';

// Zuora, acting directly as a Zuora user would: Zuora's own API on the emulator, with the tenant's
// OAuth credentials.

const enc = encodeURIComponent;

/** An External payment (money received outside Zuora) for the invoice's balance, or the amount given. */
export const payInvoice: StepRunner = async (ctx, args) => {
  const { accountId } = await zuoraAccountOf(ctx, args.customer);
  const invoices = await invoicesOf(ctx, accountId);
  const invoice = pickInvoice(invoices, args.invoice);
  if (!invoice) throw new StepError(invoices.length === 0 ? `the customer's Zuora account has no invoice` : `the customer's Zuora account has no invoice '${String(args.invoice)}'`);
  const amount = args.amount ?? Number(invoice.balance);
  if (!(amount > 0)) throw new StepError(`invoice ${invoice.invoiceNumber} has nothing to pay: its balance is ${invoice.balance}`);
  const account = await ctx.http.zuoraOk<{ currency?: string }>('GET', `/v2/accounts/${enc(accountId)}`);
  return ctx.http.zuoraOk('POST', '/v1/payments', {
    accountId,
    amount,
    currency: account.currency ?? 'USD',
    type: 'External',
    effectiveDate: dayOf(await virtualNow(ctx)),
    invoices: [{ invoiceId: invoice.id, amount }],
    comment: `Paid by a scenario step (${ctx.scenario.name})`,
  });
};

/** An order with a CancelSubscription action, effective on `date` (today when left out). */
export const cancelSubscriptionInZuora: StepRunner = async (ctx, args) => {
  const { number, why } = await zuoraSubscriptionNumberOf(ctx, args.ref);
  if (!number) throw new StepError(why ?? `no Zuora subscription for '${args.ref}'`);
  const subscription = await ctx.http.zuoraOk<{ subscriptionNumber: string; accountNumber: string }>('GET', `/v1/subscriptions/${enc(number)}`);
  const today = dayOf(await virtualNow(ctx));
  const date = args.date === undefined ? today : dayOf(String(args.date));
  return ctx.http.zuoraOk('POST', '/v1/orders', {
    orderDate: today,
    existingAccountNumber: subscription.accountNumber,
    subscriptions: [
      {
        subscriptionNumber: subscription.subscriptionNumber,
        orderActions: [
          {
            type: 'CancelSubscription',
            triggerDates: [{ name: 'ContractEffective', triggerDate: date }],
            cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: date },
          },
        ],
      },
    ],
  });
};

export const cancelAccount: StepRunner = async (ctx, args) => {
  const { accountId } = await zuoraAccountOf(ctx, args.customer);
  return ctx.http.zuoraOk('PATCH', `/v2/accounts/${enc(accountId)}`, { status: 'Canceled' });
};

/**
 * A new payment method on the customer's account, made its default (a card number, or a payment
 * method in the sync engine's format); a payment method id makes that one the default.
 */
export const setDefaultPaymentMethod: StepRunner = async (ctx, args) => {
  const { accountId } = await zuoraAccountOf(ctx, args.customer);
  const given = typeof args.paymentMethod === 'number' ? String(args.paymentMethod) : args.paymentMethod;
  if (typeof given === 'string' && !/^\d{12,19}$/.test(given.replace(/[\s-]/g, ''))) {
    return ctx.http.zuoraOk('PATCH', `/v2/accounts/${enc(accountId)}`, { default_payment_method_id: given });
  }
  const method = paymentMethodOf(typeof given === 'string' ? given.replace(/[\s-]/g, '') : given, (await virtualNow(ctx)).getUTCFullYear());
  const body =
    method.type === 'cc_ref'
      ? { type: 'cc_ref', cc_ref: { token: method.token } }
      : {
          type: 'card',
          card: {
            card_number: method.cardNumber,
            expiry_month: method.expMonth,
            expiry_year: method.expYear,
            ...(typeof method.brand === 'string' ? { brand: method.brand.toLowerCase().replace(/[^a-z]/g, '_') } : {}),
          },
        };
  return ctx.http.zuoraOk('POST', '/v2/payment_methods', { ...body, account_id: accountId, is_default: true });
};

/** Any Zuora call. With `expect`, it is an expectation on the answer (status, and body as a partial match). */
export const zuoraRequest: StepRunner = async (ctx, args) => {
  const method = String(args.method).toUpperCase();
  if (args.expect) await quiesce(ctx);
  const answer = await ctx.http.zuora(method, args.path, args.body, args.headers ?? {});
  return answerAsExpected(method, args.path, answer, args.expect);
};
