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
 * Fields one route remembers. Field names come from the client, so past this many a route stops
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

/** One field of a route's bodies, named as its length is looked up (`items[].name`). */
interface Field {
  readonly name: string;
  /** Known once a string was found here. */
  maxLength?: number;
  /** The fields of an object found here, by key. */
  keys?: Map<string, Field>;
  /** The elements of an array found here. */
  items?: Field;
}

/**
 * A route's limits with the fields its bodies have been found to have, from the body down: the walk
 * follows them beside the body, so a repeated field costs a map read and builds no path text.
 */
export interface RouteLimits extends Limits {
  readonly body: Field;
  remembered: number;
}

/** Built once per route; its fields fill in as requests name them. */
export function routeLimits(limits: Limits): RouteLimits {
  return { ...limits, body: { name: '' }, remembered: 0 };
}

/**
 * Refuses, before any handler sees it, a body Zuora would refuse for its shape alone: nested deeper
 * than 64, a number that is not a finite, normal double within an amount's range (`1e309`, `5e-324`),
 * a string longer than its field allows. Refused with the dialect's invalid-value answer, naming the field.
 */
export function checkBodyLimits(body: unknown, limits: RouteLimits): void {
  walk(body, limits.body, [], limits);
}

/**
 * `trail` holds the keys and indices from the body down to `value` (one per level, so its length is
 * the depth); the refusal names the value from it, as `items[2].name`.
 */
function walk(value: unknown, field: Field, trail: (string | number)[], limits: RouteLimits): void {
  if (typeof value === 'number') return checkNumber(value, trail, limits);
  if (typeof value === 'string') return checkString(value, field, trail, limits);
  if (value === null || typeof value !== 'object') return;
  if (trail.length >= MAX_JSON_DEPTH) throw new DomainError('Malformed', `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`, limits.object, pathOf(trail) || 'body');
  if (Array.isArray(value)) {
    let items = field.items;
    if (!items) {
      items = { name: `${field.name}[]` };
      if (keepsAnother(limits)) field.items = items;
    }
    for (let index = 0; index < value.length; index += 1) {
      trail.push(index);
      walk(value[index], items, trail, limits);
      trail.pop();
    }
    return;
  }
  const keys = (field.keys ??= new Map());
  for (const key of Object.keys(value)) {
    let child = keys.get(key);
    if (!child) {
      child = { name: field.name ? `${field.name}.${key}` : key };
      if (keepsAnother(limits)) keys.set(key, child);
    }
    trail.push(key);
    walk((value as Record<string, unknown>)[key], child, trail, limits);
    trail.pop();
  }
}

/** Whether a field seen for the first time is kept: a route remembers at most MAX_REMEMBERED_FIELDS. */
function keepsAnother(limits: RouteLimits): boolean {
  if (limits.remembered >= MAX_REMEMBERED_FIELDS) return false;
  limits.remembered += 1;
  return true;
}

/** The value's place in the body as a refusal names it: `items[2].name`; empty for the body itself. */
function pathOf(trail: readonly (string | number)[]): string {
  let path = '';
  for (const step of trail) path = typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step}` : step;
  return path;
}

function checkNumber(value: number, trail: readonly (string | number)[], limits: Limits): void {
  const size = Math.abs(value);
  if (!Number.isFinite(value) || size > MAX_MAGNITUDE || (size > 0 && size < MIN_NORMAL)) {
    const path = pathOf(trail);
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

function checkString(value: string, field: Field, trail: readonly (string | number)[], limits: RouteLimits): void {
  const max = (field.maxLength ??= maxLength(field.name, limits.endpoint));
  if (value.length <= max) return;
  const path = pathOf(trail);
  throw new DomainError('InvalidValue', `'${path}' is ${value.length} characters long; at most ${max} are allowed`, limits.object, path || 'body');
}
