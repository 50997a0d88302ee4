import type { CreditGrant } from '../model/types.js';
import { grantCredits } from '../outbound/index.js';
import { Field, optional, Problems } from './input.js';
import { requireActiveCustomer } from './lookups.js';
import type { ApiReply, ApiRequest } from './routeTable.js';

const GRANT_TYPES: readonly CreditGrant['type'][] = ['PAID', 'PROMOTIONAL'];

/** `POST /api/credits/grants` `{customerId, currency, amount, type, expiresAt?}`: a top-up outside any subscription. */
export async function grant({ engine: { ctx }, body }: ApiRequest): Promise<ApiReply> {
  const problems = new Problems();
  const root = Field.body(body, problems);
  root.object(['customerId', 'currency', 'amount', 'type', 'expiresAt']);
  const currencyField = root.at('currency');
  const input = {
    customerId: root.at('customerId').id(),
    currency: currencyField.id(),
    amount: root.at('amount').number({ above: 0 }),
    type: root.at('type').oneOf(GRANT_TYPES),
    ...optional('expiresAt', root.at('expiresAt').optional()?.date()),
  };
  if (input.currency && !ctx.store.catalog().currencies.some((currency) => currency.id === input.currency)) {
    currencyField.fail(`names no custom currency of the catalog ('${input.currency}')`);
  }
  problems.check();
  requireActiveCustomer(ctx, input.customerId);
  return { status: 201, body: await grantCredits(ctx, input) };
}
