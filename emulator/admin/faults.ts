import type { AnySchema } from 'ajv';
import { getAccount } from '../domain/accounts.js';
import { DEFAULT_FAULT, injectPaymentFault } from '../domain/payments/faults.js';
import type { Reply, RequestContext } from '../http/routeTable.js';

export const paymentFaultRequest: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['accountNumber'],
  properties: {
    accountNumber: { type: 'string', minLength: 1 },
    count: { type: 'integer', minimum: 1, maximum: 1000 },
    gatewayResponseCode: { type: 'string', minLength: 1 },
    gatewayResponse: { type: 'string', minLength: 1 },
  },
};

/** The account's next `count` electronic payment attempts decline with the given gateway answer. */
export async function postPaymentFault(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as { accountNumber: string; count?: number; gatewayResponseCode?: string; gatewayResponse?: string };
  const fault = {
    count: body.count ?? 1,
    gatewayResponseCode: body.gatewayResponseCode ?? DEFAULT_FAULT.responseCode,
    gatewayResponse: body.gatewayResponse ?? DEFAULT_FAULT.response,
  };
  await ctx.services.store.transact(ctx.tenant, (tx) => {
    const account = getAccount(tx, body.accountNumber);
    injectPaymentFault(tx, account.id, fault.count, fault.gatewayResponseCode, fault.gatewayResponse);
  });
  return { status: 201, body: { accountNumber: body.accountNumber, ...fault } };
}
