import { missingParam } from '../../domain/stripe/errors.js';
import { PAYMENT_METHODS } from '../../domain/stripe/model.js';
import { attachPaymentMethod, createPaymentMethod, detachPaymentMethod, getPaymentMethod } from '../../domain/stripe/paymentMethods.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { paramsOf, render, viewOf, write } from './context.js';
import { allowOnly, int, metadata, obj, str } from './params.js';
import { paymentMethodShape } from './shapes/customers.js';

export async function postPaymentMethod(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['type', 'card', 'metadata', 'billing_details']);
  const card = obj(params, 'card');
  const type = str(params, 'type');
  const meta = metadata(params);
  const input = {
    ...(type ? { type } : {}),
    ...(meta ? { metadata: meta } : {}),
    ...(card
      ? {
          card: {
            ...(str(card, 'number') ? { number: str(card, 'number') } : {}),
            ...(int(card, 'exp_month') ? { exp_month: int(card, 'exp_month') } : {}),
            ...(int(card, 'exp_year') ? { exp_year: int(card, 'exp_year') } : {}),
          },
        }
      : {}),
  };
  return render(ctx, PAYMENT_METHODS, await write(ctx, (tx) => createPaymentMethod(tx, input)));
}

export const getPaymentMethodById = (ctx: RequestContext): Reply => ({ body: paymentMethodShape(getPaymentMethod(viewOf(ctx), ctx.params.id ?? '', 'id')) });

export async function postAttach(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['customer']);
  const customer = str(params, 'customer');
  if (!customer) throw missingParam('customer');
  return render(ctx, PAYMENT_METHODS, await write(ctx, (tx) => attachPaymentMethod(tx, ctx.params.id ?? '', customer)));
}

export async function postDetach(ctx: RequestContext): Promise<Reply> {
  allowOnly(paramsOf(ctx), []);
  return render(ctx, PAYMENT_METHODS, await write(ctx, (tx) => detachPaymentMethod(tx, ctx.params.id ?? '')));
}
