import { createHmac } from 'node:crypto';
import { renderMergeFields } from './mergeFields.js';
import type { CalloutSpec, RaisedEvent } from './model.js';
import { own } from '../state/paths.js';

export interface RenderedCallout {
  url: string;
  method: CalloutSpec['httpMethod'];
  headers: Record<string, string>;
  body: string | null;
}

const HMAC_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/**
 * HMAC as the callout template configures it: `hmacData` (merge fields allowed; the body when
 * absent) is signed with `hmacSecret`, and the header named `hmacKey` carries `hmacValue` with
 * `{{HMAC.Signed}}` replaced by the signature (the bare signature when no value is given).
 */
function hmacHeader(spec: CalloutSpec, event: RaisedEvent, body: string | null): Record<string, string> {
  const algorithm = own(HMAC_ALGORITHMS, spec.hmacAlgorithm ?? '');
  if (!algorithm || !spec.hmacSecret || !spec.hmacKey) return {};
  const data = spec.hmacData ? renderMergeFields(spec.hmacData, event) : (body ?? '');
  const signed = createHmac(algorithm, spec.hmacSecret)
    .update(data)
    .digest(spec.hmacOutputFormat === 'HEX' ? 'hex' : 'base64');
  const value = spec.hmacValue ? spec.hmacValue.replace(/\{\{\s*(Data\.)?HMAC\.Signed\s*\}\}/g, signed) : signed;
  return { [spec.hmacKey]: value };
}

/**
 * Fills a callout in from the event that raised it. Parameters travel as a JSON object in the body
 * (or as the query of a GET); a custom request body replaces them.
 */
export function renderCallout(spec: CalloutSpec, event: RaisedEvent): RenderedCallout {
  const params = Object.fromEntries(Object.entries(spec.calloutParams).map(([name, value]) => [name, renderMergeFields(value, event)]));
  let url = renderMergeFields(spec.calloutBaseurl, event);
  let body: string | null = null;
  if (spec.useCustomRequestBody && spec.customRequestBody) {
    body = renderMergeFields(spec.customRequestBody, event);
  } else if (spec.httpMethod === 'GET') {
    const query = new URLSearchParams(params).toString();
    if (query) url += (url.includes('?') ? '&' : '?') + query;
  } else {
    body = JSON.stringify(params);
  }
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(spec.calloutHeaders).map(([name, value]) => [renderMergeFields(name, event), renderMergeFields(value, event)])),
    ...(body !== null ? { 'Content-Type': 'application/json' } : {}),
  };
  return { url, method: spec.httpMethod, headers: { ...headers, ...hmacHeader(spec, event, body) }, body };
}
