import { DomainError } from '../domain/errors.js';

/** Nesting deeper than this is no request Zuora takes, and deep enough to hurt whatever walks it. */
const MAX_JSON_DEPTH = 64;
/** Zuora's longest text field (`notes`) holds 65,535 characters; no string anywhere is longer. */
const MAX_ANY_STRING = 65_535;
/** Beyond this an amount or quantity has lost the cent it was meant to carry. */
const MAX_MAGNITUDE = 1e15;
/** The smallest normal double: anything between it and zero is a denormal no decimal amount writes as. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Maximum lengths of Zuora's string fields, from the official specs' `maxLength` (the most generous
 * value where endpoints differ), keyed by the field name lower-cased without underscores so the V1
 * (`firstName`) and Quickstart (`first_name`) spellings share a row.
 */
const MAX_LENGTHS: ReadonlyMap<string, number> = new Map(
  Object.entries({
  name: 255,
  description: 500,
  notes: 65_535,
  firstname: 100,
  lastname: 100,
  workemail: 80,
  personalemail: 80,
  address1: 255,
  address2: 255,
  line1: 255,
  line2: 255,
  city: 100,
  state: 100,
  county: 50,
  postalcode: 20,
  country: 64,
  accountnumber: 70,
  crmid: 100,
  purchaseordernumber: 100,
  customerservicerepname: 50,
  salesrep: 50,
  ordernumber: 100,
  subscriptionnumber: 150,
  reasoncode: 255,
  comment: 255,
  currency: 3,
  }),
);

const fieldKey = (name: string): string => name.toLowerCase().replace(/_/g, '');

interface Limits {
  /** Apply Zuora's per-field lengths (the Zuora API); the admin API only gets the general bounds. */
  zuoraFields: boolean;
  /** The Zuora object the route works on, for the V1 resource code of the refusal. */
  object?: string;
}

/**
 * Refuses, before any handler sees it, a body Zuora would refuse for its shape alone: nested deeper
 * than 64, a number that is not a finite, normal double within an amount's range (`1e309`, `5e-324`),
 * a string longer than its field allows. Refused with the dialect's invalid-value answer, naming the field.
 */
export function checkBodyLimits(body: unknown, limits: Limits): void {
  walk(body, '', 0, limits);
}

function walk(value: unknown, path: string, depth: number, limits: Limits): void {
  if (typeof value === 'number') return checkNumber(value, path, limits);
  if (typeof value === 'string') return checkString(value, path, limits);
  if (value === null || typeof value !== 'object') return;
  if (depth >= MAX_JSON_DEPTH) throw new DomainError('Malformed', `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`, limits.object, path || 'body');
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}[${index}]`, depth + 1, limits));
    return;
  }
  for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key, depth + 1, limits);
}

function checkNumber(value: number, path: string, limits: Limits): void {
  const size = Math.abs(value);
  if (!Number.isFinite(value) || size > MAX_MAGNITUDE || (size > 0 && size < MIN_NORMAL)) {
    throw new DomainError('InvalidValue', `'${path}' must be a finite number within ±${MAX_MAGNITUDE}`, limits.object, path || 'body');
  }
}

function checkString(value: string, path: string, limits: Limits): void {
  const field = path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  const max = (limits.zuoraFields ? MAX_LENGTHS.get(fieldKey(field)) : undefined) ?? MAX_ANY_STRING;
  if (value.length > max) throw new DomainError('InvalidValue', `'${path}' is ${value.length} characters long; at most ${max} are allowed`, limits.object, path || 'body');
}
