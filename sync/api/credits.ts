import type { CreditGrant } from '../model/types.js';
import { consumeCredits, grantCredits } from '../outbound/index.js';
import { Field, optional, Problems } from './input.js';
import { requireActiveCustomer } from './lookups.js';
import type { ApiReply, ApiRequest } from './routeTable.js';

const GRANT_TYPES: readonly CreditGrant['grantType'][] = ['PAID', 'PROMOTIONAL'];
const COLLECTION: readonly NonNullable<CreditGrant['paymentCollectionMethod']>[] = ['PAYMENT_METHOD_ON_FILE', 'INVOICE'];

/** The custom currency a field names; a problem when the catalog has none of that id. */
function currencyId(field: Field, request: ApiRequest): string {
  const id = field.id();
  if (id && !request.engine.ctx.store.catalog().currencies.some((currency) => currency.id === id)) field.fail(`names no custom currency of the catalog ('${id}')`);
  return id;
}

/**
 * `POST /api/credits/grants`: seeds/004's "Create Stigg Credit Grant" by its own field names:
 * `{customerId, grantType, currencyId, displayName, amount, resourceId?, comment?, effectiveDate?,
 * expirationDate?, priority?, paymentCollectionMethod?, cost?: {amount, currency}}`. A PAID grant
 * with a cost is billed in Zuora at once (outbound/credits.ts).
 */
export async function grant(request: ApiRequest): Promise<ApiReply> {
  const problems = new Problems();
  const root = Field.body(request.body, problems);
  root.object(['customerId', 'grantType', 'currencyId', 'displayName', 'amount', 'resourceId', 'comment', 'effectiveDate', 'expirationDate', 'priority', 'paymentCollectionMethod', 'cost']);
  const grantType = root.at('grantType').oneOf(GRANT_TYPES);
  const costField = root.at('cost').optional();
  const cost = costField?.map((field) => {
    field.object(['amount', 'currency']);
    return { amount: field.at('amount').number({ min: 0 }), currency: field.at('currency').string() };
  });
  const method = root.at('paymentCollectionMethod').optional();
  if (grantType === 'PROMOTIONAL' && costField) costField.fail('is for PAID grants only');
  if (grantType === 'PROMOTIONAL' && method) method.fail('is for PAID grants only');
  const input = {
    customerId: root.at('customerId').id(),
    grantType,
    currencyId: currencyId(root.at('currencyId'), request),
    displayName: root.at('displayName').string(),
    amount: root.at('amount').number({ above: 0 }),
    ...optional('resourceId', root.at('resourceId').optional()?.string()),
    ...optional('comment', root.at('comment').optional()?.string()),
    ...optional('effectiveDate', root.at('effectiveDate').optional()?.date()),
    ...optional('expirationDate', root.at('expirationDate').optional()?.date()),
    ...optional('priority', root.at('priority').optional()?.number({ integer: true })),
    ...optional('paymentCollectionMethod', method?.oneOf(COLLECTION)),
    ...optional('cost', cost),
  };
  problems.check();
  requireActiveCustomer(request.engine.ctx, input.customerId);
  return { status: 201, body: await grantCredits(request.engine.ctx, input) };
}

/** `POST /api/credits/consume` `{customerId, currencyId, amount}`: spends credits by priority, then earliest expiry. */
export async function consume(request: ApiRequest): Promise<ApiReply> {
  const problems = new Problems();
  const root = Field.body(request.body, problems);
  root.object(['customerId', 'currencyId', 'amount']);
  const customerId = root.at('customerId').id();
  const currency = currencyId(root.at('currencyId'), request);
  const amount = root.at('amount').number({ above: 0 });
  problems.check();
  requireActiveCustomer(request.engine.ctx, customerId);
  return { body: { customerId, currencyId: currency, amount, consumed: await consumeCredits(request.engine.ctx, customerId, currency, amount) } };
}
