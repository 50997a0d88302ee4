import type { Reply, RequestContext, Route } from '../../http/routeTable.js';
import type { MinorVersion } from '../minorVersions.js';
import { requestVersion } from './versions.js';

// Fields of V1 answers that Zuora's documentation puts under minor-version control: present only
// from (`since`) or up to (`until`) a version, for the request's `Zuora-Version` or else the
// tenant's default. The shapes build every form; this one table decides which a request gets, and
// contracts/FIDELITY.md lists it. (Charge fields gated by the SOAP `X-Zuora-WSDL-Version` header
// instead, such as chargeFunction or commitmentType, are sent as null: no feature behind them.)

export interface VersionGate {
  /** The V1 route, `METHOD /path` as the route table writes it. */
  route: string;
  /** The field, a JSON pointer into the answer; `*` stands for any array index. */
  pointer: string;
  /** The first version that has the field. */
  since?: string;
  /** The last version that has the field. */
  until?: string;
  /** Outside its range the field takes this value (built from the object holding it) instead of being left out. */
  otherwise?: (holder: Record<string, unknown>) => unknown;
  /** What changes, for the ledger. */
  note: string;
}

/** From 230.0 a catalog product names its rate plans by a URL instead of listing them. */
const ratePlansUrl = (product: Record<string, unknown>): string => `/v1/rateplan/${String(product.id)}/productRatePlan`;
const PLANS_NOTE = 'the rate plans with their charges up to 229.0; from 230.0 a URL to them (`/v1/rateplan/{product id}/productRatePlan`)';

export const VERSION_GATES: readonly VersionGate[] = [
  { route: 'POST /v1/orders', pointer: '/subscriptionNumbers', until: '222.4', note: 'the numbers of the subscriptions the order made or changed' },
  { route: 'POST /v1/orders', pointer: '/subscriptions', since: '223.0', note: '`[{subscriptionNumber, status}]`, replacing `subscriptionNumbers`' },
  { route: 'GET /v1/catalog/products', pointer: '/products/*/productRatePlans', until: '229.0', otherwise: ratePlansUrl, note: PLANS_NOTE },
  { route: 'GET /v1/catalog/products/:product_key', pointer: '/productRatePlans', until: '229.0', otherwise: ratePlansUrl, note: PLANS_NOTE },
  { route: 'POST /v1/orders/preview', pointer: '/previewResult/invoices/*/invoiceItems/*/taxationItems', since: '309.0', note: "each previewed item's taxation items" },
  { route: 'POST /v1/orders/preview', pointer: '/previewResult/creditMemos/*/creditMemoItems/*/taxationItems', since: '309.0', note: "each previewed item's taxation items" },
];

const inRange = (gate: VersionGate, version: MinorVersion): boolean => (!gate.since || version.atLeast(gate.since)) && (!gate.until || version.atMost(gate.until));

/** Applies `change` to each object holding the field at `segments` (a pointer split at `/`). */
function eachHolder(node: unknown, segments: readonly string[], change: (holder: Record<string, unknown>, field: string) => void): void {
  if (node === null || typeof node !== 'object') return;
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (rest.length === 0) {
    if (!Array.isArray(node) && head in node) change(node as Record<string, unknown>, head);
    return;
  }
  const children = head === '*' ? Object.values(node) : [(node as Record<string, unknown>)[head]];
  for (const child of children) eachHolder(child, rest, change);
}

/** The answer as `version` has it: each gated field outside its range left out, or given its other form. */
export function gateFields(body: unknown, gates: readonly VersionGate[], version: MinorVersion): unknown {
  for (const gate of gates) {
    if (inRange(gate, version)) continue;
    eachHolder(body, gate.pointer.split('/').slice(1), (holder, field) => {
      if (gate.otherwise) holder[field] = gate.otherwise(holder);
      else delete holder[field];
    });
  }
  return body;
}

/** The routes, each answering in the request's minor version where some of its fields are version-gated. */
export function withVersionGates(routes: readonly Route[]): Route[] {
  return routes.map(gatedRoute);
}

function gatedRoute(route: Route): Route {
  const gates = VERSION_GATES.filter((gate) => gate.route === `${route.method} ${route.path}`);
  if (gates.length === 0) return route;
  return {
    ...route,
    handler: async (ctx: RequestContext): Promise<Reply> => {
      const reply = await route.handler(ctx);
      return { ...reply, body: gateFields(reply.body, gates, requestVersion(ctx)) };
    },
  };
}
