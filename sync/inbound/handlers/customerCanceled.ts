import { logEvent } from '../eventLog.js';
import { param, type Handler } from '../handler.js';
import { applied, skipped } from '../outcome.js';

/** StiggCustomerCanceledEvent: a Zuora account set to Canceled archives its customer. */
export const customerCanceled: Handler = {
  key: (body) => `StiggCustomerCanceledEvent:${param(body, 'AccountId') ?? ''}`,
  async handle(ctx, body) {
    const accountId = param(body, 'AccountId');
    const status = param(body, 'AccountStatus');
    if (status?.toLowerCase() !== 'canceled') return skipped(`account status ${status ?? '(none)'} archives nothing`);
    if (!accountId) return skipped('the callout names no account');
    const customer = ctx.store.customerByBillingId(accountId);
    if (!customer) return skipped(`no platform customer for Zuora account ${accountId}`);
    if (customer.archived) return skipped(`customer ${customer.id} is already archived`);
    await ctx.store.putCustomer({ ...customer, archived: true });
    await logEvent(ctx, 'CUSTOMER_ARCHIVED', { customerId: customer.id }, { accountId, reason: 'Zuora account canceled' });
    return applied();
  },
};
