import type { TestCatalog } from './catalog.js';
import { accountBody, ORDERS_223, type TenantClient } from './emulator.js';

/**
 * An account with an evergreen Priority support subscription ($50 a month), billed at once on
 * `date`: one posted invoice of $50.
 */
export async function billedSupportAccount(zuora: TenantClient, catalog: TestCatalog, name: string, date: string) {
  const account = (await zuora.post('/v2/accounts', accountBody({ name }))).body as { id: string; account_number: string };
  const order = await zuora.post(
    '/v1/orders?returnIds=true',
    {
      orderDate: date,
      existingAccountNumber: account.account_number,
      subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.support.planId }] } }] }],
      processingOptions: { runBilling: true, billingOptions: { targetDate: date } },
    },
    ORDERS_223,
  );
  if (!order.body.success) throw new Error(JSON.stringify(order.body));
  return { account, invoiceId: order.body.invoiceIds[0] as string, invoiceNumber: order.body.invoiceNumbers[0] as string };
}
