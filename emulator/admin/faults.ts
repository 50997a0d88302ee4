import type { AnySchema } from 'ajv';
import { getAccount } from '../domain/accounts.js';
import { DEFAULT_FAULT, injectPaymentFault } from '../domain/payments/faults.js';
import { isStripeAccount } from '../domain/stripe/accounts.js';
import { getCustomer } from '../domain/stripe/customers.js';
import type { Reply, RequestContext } from '../http/routeTable.js';

export const paymentFaultRequest: AnySchema = {
  type: 'object',
  additionalProperties: false,
  // A Zuora tenant's account (number or id), or a Stripe account's customer (`cus_...`).
  oneOf: [{ required: ['accountNumber'] }, { required: ['customer'] }],
  properties: {
    accountNumber: { type: 'string', minLength: 1 },
    customer: { type: 'string', minLength: 1 },
    count: { type: 'integer', minimum: 1, maximum: 1000 },
    gatewayResponseCode: { type: 'string', minLength: 1 },
    gatewayResponse: { type: 'string', minLength: 1 },
  },
};

/**
 * The account's next `count` electronic payment attempts decline with the given gateway answer. On
 * a Stripe account the customer's next charges do (`customer`, or its id as `accountNumber`): a
 * gateway code Stripe has its own code for (`expired_card`, `incorrect_cvc`...) is that code, any
 * other is a `card_declined` with it as the decline code.
 */
export async function postPaymentFault(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as { accountNumber?: string; customer?: string; count?: number; gatewayResponseCode?: string; gatewayResponse?: string };
  const fault = {
    count: body.count ?? 1,
    gatewayResponseCode: body.gatewayResponseCode ?? DEFAULT_FAULT.responseCode,
    gatewayResponse: body.gatewayResponse ?? DEFAULT_FAULT.response,
  };
  const stripe = isStripeAccount(ctx.services.store, ctx.tenant);
  const key = (body.customer ?? body.accountNumber) as string;
  await ctx.services.store.transact(ctx.tenant, (tx) => {
    const id = stripe ? getCustomer(tx, key, body.customer ? 'customer' : 'accountNumber').id : getAccount(tx, key).id;
    injectPaymentFault(tx, id, fault.count, fault.gatewayResponseCode, fault.gatewayResponse);
  });
  return { status: 201, body: { ...(body.customer ? { customer: body.customer } : { accountNumber: body.accountNumber }), ...fault } };
}
