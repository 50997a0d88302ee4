import { DomainError } from '../domain/errors.js';
import { MAX_LENGTHS_BY_ENDPOINT, MAX_LENGTHS_BY_FIELD_NAME } from './maxLengths.js';

/** Nesting deeper than this is no request Zuora takes, and deep enough to hurt whatever walks it. */
const MAX_JSON_DEPTH = 64;
/** Zuora's longest text field (`notes`) holds 65,535 characters; no string anywhere is longer. */
const MAX_ANY_STRING = 65_535;
/** Beyond this an amount or quantity has lost the cent it was meant to carry. */
const MAX_MAGNITUDE = 1e15;
/** The smallest normal double: anything between it and zero is a denormal no decimal amount writes as. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Field lengths one route remembers. Field names come from the client, so past this many a route stops
 * remembering new ones (they are still looked up, only not kept) and a hostile body cannot grow memory.
 */
const MAX_REMEMBERED_FIELDS = 1_000;

/** Field names lower-cased without underscores, so the V1 (`firstName`) and Quickstart (`first_name`) spellings share a row. */
export const fieldNameKey = (name: string): string => name.toLowerCase().replace(/_/g, '');

interface Limits {
  /**
   * The route as `METHOD /express/path` on the Zuora API, whose fields get Zuora's maximum lengths
   * (maxLengths.ts); undefined on the admin API, which only gets the general bounds.
   */
  endpoint?: string;
  /** The Zuora object the route works on, for the V1 resource code of the refusal. */
  object?: string;
}

/** A route's limits with the lengths its fields have been found to have, so a repeated field costs a map read. */
export interface RouteLimits extends Limits {
  readonly lengths: Map<string, number>;
}

/** Built once per route; its lengths fill in as requests name fields. */
export function routeLimits(limits: Limits): RouteLimits {
  return { ...limits, lengths: new Map() };
}

/**
 * Refuses, before any handler sees it, a body Zuora would refuse for its shape alone: nested deeper
 * than 64, a number that is not a finite, normal double within an amount's range (`1e309`, `5e-324`),
 * a string longer than its field allows. Refused with the dialect's invalid-value answer, naming the field.
 */
export function checkBodyLimits(body: unknown, limits: RouteLimits): void {
  walk(body, { path: '', field: '' }, 0, limits);
}

/** Where a value sits: `path` names it in the refusal (`items[2].name`), `field` looks up its length (`items[].name`). */
interface Place {
  path: string;
  field: string;
}

function walk(value: unknown, place: Place, depth: number, limits: RouteLimits): void {
  if (typeof value === 'number') return checkNumber(value, place.path, limits);
  if (typeof value === 'string') return checkString(value, place, limits);
  if (value === null || typeof value !== 'object') return;
  if (depth >= MAX_JSON_DEPTH) throw new DomainError('Malformed', `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`, limits.object, place.path || 'body');
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, { path: `${place.path}[${index}]`, field: `${place.field}[]` }, depth + 1, limits));
    return;
  }
  const join = (prefix: string, key: string): string => (prefix ? `${prefix}.${key}` : key);
  for (const [key, item] of Object.entries(value)) walk(item, { path: join(place.path, key), field: join(place.field, key) }, depth + 1, limits);
}

function checkNumber(value: number, path: string, limits: Limits): void {
  const size = Math.abs(value);
  if (!Number.isFinite(value) || size > MAX_MAGNITUDE || (size > 0 && size < MIN_NORMAL)) {
    throw new DomainError('InvalidValue', `'${path}' must be a finite number within ±${MAX_MAGNITUDE}`, limits.object, path || 'body');
  }
}

/**
 * A string's bound: the maxLength the endpoint's official request schema gives that field, else the
 * most generous one the specs give a field of that name anywhere, else the longest text Zuora holds.
 */
function maxLength(field: string, endpoint: string | undefined): number {
  if (endpoint === undefined) return MAX_ANY_STRING;
  const own = MAX_LENGTHS_BY_ENDPOINT[endpoint];
  if (own && Object.hasOwn(own, field)) return own[field] as number;
  const name = fieldNameKey(field.slice(field.lastIndexOf('.') + 1).replace(/\[\]$/, ''));
  return Object.hasOwn(MAX_LENGTHS_BY_FIELD_NAME, name) ? (MAX_LENGTHS_BY_FIELD_NAME[name] as number) : MAX_ANY_STRING;
}

/** `maxLength`, remembered per route and field. */
function rememberedMaxLength(field: string, limits: RouteLimits): number {
  const known = limits.lengths.get(field);
  if (known !== undefined) return known;
  const max = maxLength(field, limits.endpoint);
  if (limits.lengths.size < MAX_REMEMBERED_FIELDS) limits.lengths.set(field, max);
  return max;
}

function checkString(value: string, place: Place, limits: RouteLimits): void {
  const max = rememberedMaxLength(place.field, limits);
  if (value.length > max) throw new DomainError('InvalidValue', `'${place.path}' is ${value.length} characters long; at most ${max} are allowed`, limits.object, place.path || 'body');
}
