import type { TestCatalog } from './catalog.js';
import { accountBody, ORDERS_223, type TenantClient } from './emulator.js';

export interface SupportAccount {
  account: { id: string; account_number: string };
  subscriptionNumber: string;
  /** Set when billed at once. */
  invoiceId?: string;
  invoiceNumber?: string;
}

/**
 * A Quickstart account (bill cycle day 1; `overrides` change its body) with an evergreen Priority
 * support subscription ($50 a month) from `date`, billed at once when `runBilling`.
 */
export async function supportAccount(
  zuora: TenantClient,
  catalog: TestCatalog,
  date: string,
  { overrides = {}, runBilling = false }: { overrides?: Record<string, unknown>; runBilling?: boolean } = {},
): Promise<SupportAccount> {
  const account = (await zuora.post('/v2/accounts', accountBody(overrides))).body as { id: string; account_number: string };
  const order = await zuora.post(
    '/v1/orders?returnIds=true',
    {
      orderDate: date,
      existingAccountNumber: account.account_number,
      subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.support.planId }] } }] }],
      ...(runBilling ? { processingOptions: { runBilling: true, billingOptions: { targetDate: date } } } : {}),
    },
    ORDERS_223,
  );
  if (!order.body.success) throw new Error(JSON.stringify(order.body));
  return { account, subscriptionNumber: order.body.subscriptions[0].subscriptionNumber, invoiceId: order.body.invoiceIds?.[0], invoiceNumber: order.body.invoiceNumbers?.[0] };
}

/** A support account billed at once on `date`: one posted invoice of $50. */
export async function billedSupportAccount(zuora: TenantClient, catalog: TestCatalog, name: string, date: string) {
  const { account, invoiceId, invoiceNumber } = await supportAccount(zuora, catalog, date, { overrides: { name }, runBilling: true });
  return { account, invoiceId: invoiceId as string, invoiceNumber: invoiceNumber as string };
}
