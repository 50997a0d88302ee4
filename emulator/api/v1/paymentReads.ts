import { getAccount } from '../../domain/accounts.js';
import { invalidValue } from '../../domain/errors.js';
import type { Payment } from '../../domain/payments/model.js';
import { applyPayment, getPayment, unapplyPayment } from '../../domain/payments/payments.js';
import { PAYMENTS } from '../../domain/payments/model.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { applicationHandler } from './applications.js';
import { v1Page } from './pagination.js';
import { toV1Payment } from './payments.js';
import { filtered } from '../../state/lazy.js';

// GET /v1/payments/{paymentKey}, GET /v1/payments with the official list's field filters, and
// PUT /v1/payments/{paymentKey}/apply and /unapply (bodies: applicationSchema).

/** The list's filters: query name -> the payment's value it compares with (exact match). */
const FILTERS: Record<string, (payment: Payment) => string> = {
  accountId: (payment) => payment.accountId,
  status: (payment) => payment.status,
  type: (payment) => payment.type,
  currency: (payment) => payment.currency,
  number: (payment) => payment.paymentNumber,
  effectiveDate: (payment) => payment.effectiveDate,
  amount: (payment) => String(payment.amount),
  appliedAmount: (payment) => String(payment.appliedAmount),
  unappliedAmount: (payment) => String(payment.unappliedAmount),
};

export function getPaymentV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const payment = getPayment(view, ctx.params.paymentKey ?? '');
  return { body: toV1Payment(getAccount(view, payment.accountId), payment) };
}

export function listPaymentsV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const given = Object.entries(FILTERS).filter(([name]) => ctx.query[name] !== undefined);
  for (const [name] of given) {
    if (typeof ctx.query[name] !== 'string') throw invalidValue(PAYMENTS, name, `'${name}' is given more than once`);
  }
  const payments = filtered(view.scan<Payment>(PAYMENTS), (payment) => given.every(([name, read]) => read(payment) === ctx.query[name]));
  const page = v1Page(payments, ctx.query, '/v1/payments');
  return {
    body: {
      success: true,
      payments: page.items.map((payment) => {
        const { success: _ok, ...shaped } = toV1Payment(getAccount(view, payment.accountId), payment);
        return shaped;
      }),
      nextPage: page.nextPage ?? null,
    },
  };
}

const paymentShape = (view: ReadView, payment: Payment) => toV1Payment(getAccount(view, payment.accountId), payment);

export const putPaymentApply = applicationHandler('paymentKey', applyPayment, paymentShape);
export const putPaymentUnapply = applicationHandler('paymentKey', unapplyPayment, paymentShape);
