import type { OfficialSpecName } from '../../official/index.js';
import type { Schema } from '../schema.js';

export type SubsetDocumentName = 'v1' | 'quickstart' | 'admin';

/** Zuora's operation an endpoint implements, as the official spec writes it (its own path template). */
export interface OfficialCounterpart {
  spec: OfficialSpecName;
  path: string;
}

export interface QueryParameter {
  name: string;
  description: string;
  schema: Schema;
}

/** What the subset says about one endpoint beyond what the route table knows. */
export type EndpointDoc = {
  summary: string;
  query?: readonly QueryParameter[];
  /** The success status and its response component, or null when the answer has no body. */
  success: { status: number; schema: string | null };
} & (
  | { official: OfficialCounterpart; ownShape?: undefined }
  /** No saved Zuora spec has the endpoint: why, and whose shape the subset documents instead. */
  | { official?: undefined; ownShape: string }
);

/** Endpoint docs keyed by `METHOD /express/path`, e.g. `GET /v1/accounts/:account_key`. */
export type EndpointDocs = Readonly<Record<string, EndpointDoc>>;
