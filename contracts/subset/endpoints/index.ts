import type { Dialect } from '../../../emulator/http/routeTable.js';
import { ADMIN_ENDPOINTS } from './admin.js';
import { EVENTS_ENDPOINTS } from './events.js';
import { CRUD_ENDPOINTS } from './crud.js';
import { QUERY_ENDPOINTS } from './queries.js';
import { QUICKSTART_ENDPOINTS } from './quickstart.js';
import { QUICKSTART_BILLING_ENDPOINTS } from './quickstartBilling.js';
import type { EndpointDoc, EndpointDocs, SubsetDocumentName } from './types.js';
import { SETTLEMENT_ENDPOINTS } from './settlement.js';
import { V1_ENDPOINTS } from './v1.js';
import { SUBSCRIPTION_WRITE_ENDPOINTS } from './subscriptionWrites.js';
import { PAYMENT_METHOD_ENDPOINTS } from './paymentMethods.js';

export type { EndpointDoc, OfficialCounterpart, QueryParameter, SubsetDocumentName } from './types.js';

export const ENDPOINT_DOCS: EndpointDocs = { ...V1_ENDPOINTS, ...SETTLEMENT_ENDPOINTS, ...SUBSCRIPTION_WRITE_ENDPOINTS, ...PAYMENT_METHOD_ENDPOINTS, ...QUERY_ENDPOINTS, ...CRUD_ENDPOINTS, ...EVENTS_ENDPOINTS, ...QUICKSTART_ENDPOINTS, ...QUICKSTART_BILLING_ENDPOINTS, ...ADMIN_ENDPOINTS };

/** The events and notifications APIs also answer under /v1 (DESIGN.md, "Wire fidelity"). */
const V1_ALIAS = /^\/v1(\/(?:events|notifications)\/.*)$/;

export interface ResolvedDoc {
  doc: EndpointDoc;
  /** Set for a /v1 alias: the unprefixed path Zuora serves the operation at. */
  aliasOf?: string;
}

/** The doc of `method path` (express style), following the /v1 alias of events and notifications. */
export function endpointDoc(method: string, path: string): ResolvedDoc | undefined {
  const doc = ENDPOINT_DOCS[`${method} ${path}`];
  if (doc) return { doc };
  const unprefixed = V1_ALIAS.exec(path)?.[1];
  const aliased = unprefixed ? ENDPOINT_DOCS[`${method} ${unprefixed}`] : undefined;
  return aliased && unprefixed ? { doc: aliased, aliasOf: unprefixed } : undefined;
}

/** Which subset document holds a dialect's endpoints: Quickstart and admin apart, everything else is V1. */
export function documentOf(dialect: Dialect): SubsetDocumentName {
  if (dialect === 'v2') return 'quickstart';
  if (dialect === 'admin') return 'admin';
  return 'v1';
}
