import type { SchemaMap } from '../schema.js';
import { ADMIN_SCHEMAS } from './admin.js';
import { ACCOUNT_SCHEMAS, INVOICE_SCHEMAS } from './accounts.js';
import { CATALOG_SCHEMAS } from './catalog.js';
import { CRUD_SCHEMAS } from './crud.js';
import { ERROR_SCHEMAS } from './errors.js';
import { EVENTS_SCHEMAS } from './events.js';
import { QUERY_SCHEMAS } from './queries.js';
import { QUICKSTART_SCHEMAS } from './quickstart.js';
import { QUICKSTART_BILLING_SCHEMAS } from './quickstartBilling.js';
import { SETTLEMENT_SCHEMAS } from './settlement.js';
import { V1_SCHEMAS } from './v1.js';
import { SUBSCRIPTION_WRITE_SCHEMAS } from './subscriptionWrites.js';
import { PAYMENT_METHOD_SCHEMAS } from './paymentMethods.js';

const GROUPS: readonly SchemaMap[] = [ERROR_SCHEMAS, V1_SCHEMAS, CRUD_SCHEMAS, EVENTS_SCHEMAS, QUICKSTART_SCHEMAS, QUICKSTART_BILLING_SCHEMAS, ADMIN_SCHEMAS, QUERY_SCHEMAS, CATALOG_SCHEMAS, ACCOUNT_SCHEMAS, INVOICE_SCHEMAS, SUBSCRIPTION_WRITE_SCHEMAS, PAYMENT_METHOD_SCHEMAS, SETTLEMENT_SCHEMAS];

/**
 * Every response schema the subset names, by component name. Each document carries the ones its
 * operations reach, so one pool serves all three and a name means one thing everywhere.
 */
export const RESPONSE_SCHEMAS: SchemaMap = GROUPS.reduce<SchemaMap>((pool, group) => {
  for (const [name, schema] of Object.entries(group)) {
    if (name in pool) throw new Error(`response schema ${name} is defined twice`);
    pool[name] = schema;
  }
  return pool;
}, {});
