import { ROUTE_TABLES } from '../../emulator/index.js';
import type { Dialect, Route, RouteTable } from '../../emulator/http/routeTable.js';
import { documentOf, endpointDoc, ENDPOINT_DOCS, type EndpointDoc, type SubsetDocumentName } from './endpoints/index.js';
import { seedName } from './seeds.js';

/** One operation of the subset: a route of the emulator together with what the subset says about it. */
export interface SubsetOperation {
  document: SubsetDocumentName;
  dialect: Dialect;
  method: Route['method'];
  /** Express path, as the route table writes it: `/v2/accounts/:account_id`. */
  path: string;
  /** OpenAPI path template: `/v2/accounts/{account_id}`. */
  template: string;
  route: Route;
  doc: EndpointDoc;
  /** For the /v1 aliases of events and notifications: the path Zuora serves the operation at. */
  aliasOf?: string;
  /** The seed page's name for it, when the platform calls it. */
  seed?: string;
}

export const toTemplate = (expressPath: string): string => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * Every route of the emulator with its doc. A route without a doc, or a doc without a route, is an
 * error: the subset must describe exactly what the emulator serves.
 */
export function subsetOperations(tables: readonly RouteTable[] = ROUTE_TABLES): SubsetOperation[] {
  const problems: string[] = [];
  const used = new Set<string>();
  const operations: SubsetOperation[] = [];
  for (const table of tables) {
    for (const route of table.routes) {
      const resolved = endpointDoc(route.method, route.path);
      if (!resolved) {
        problems.push(`no endpoint doc for ${route.method} ${route.path} (add it under contracts/subset/endpoints/)`);
        continue;
      }
      used.add(`${route.method} ${resolved.aliasOf ?? route.path}`);
      const seed = seedName(route.method, route.path);
      operations.push({
        document: documentOf(table.dialect),
        dialect: table.dialect,
        method: route.method,
        path: route.path,
        template: toTemplate(route.path),
        route,
        doc: resolved.doc,
        ...(resolved.aliasOf ? { aliasOf: resolved.aliasOf } : {}),
        ...(seed ? { seed } : {}),
      });
    }
  }
  for (const key of Object.keys(ENDPOINT_DOCS)) if (!used.has(key)) problems.push(`endpoint doc ${key} has no route in ROUTE_TABLES`);
  if (problems.length > 0) throw new Error(`the contract subset is out of step with the route tables:\n  ${problems.join('\n  ')}`);
  return operations;
}

