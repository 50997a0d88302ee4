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
 * Fields one route remembers (with their lengths). Field names come from the client, so past this many a route stops
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

/**
 * A field as a route has met it (`items[].name`): its string bound once worked out, and the fields
 * under it, so a body's walk follows these nodes instead of spelling out each field's name again.
 */
interface FieldNode {
  readonly field: string;
  max?: number;
  /** Members of an object, by key. */
  readonly members: Map<string, FieldNode>;
  /** The items of an array. */
  items?: FieldNode;
}

/** A route's limits with the fields its bodies have had, so a repeated field costs a map read. */
export interface RouteLimits extends Limits {
  readonly fields: FieldNode;
  /** Fields remembered so far (see MAX_REMEMBERED_FIELDS). */
  remembered: number;
}

/** Built once per route; its fields fill in as requests name them. */
export function routeLimits(limits: Limits): RouteLimits {
  return { ...limits, fields: fieldNode(''), remembered: 0 };
}

const fieldNode = (field: string): FieldNode => ({ field, members: new Map() });

/**
 * Refuses, before any handler sees it, a body Zuora would refuse for its shape alone: nested deeper
 * than 64, a number that is not a finite, normal double within an amount's range (`1e309`, `5e-324`),
 * a string longer than its field allows. Refused with the dialect's invalid-value answer, naming the field.
 */
export function checkBodyLimits(body: unknown, limits: RouteLimits): void {
  walk(body, limits.fields, [], limits);
}

/**
 * `trail` holds the keys and indexes down to `value`; the refusal's name for it (`items[2].name`) is
 * only spelled out when there is a refusal to make.
 */
function walk(value: unknown, node: FieldNode, trail: Array<string | number>, limits: RouteLimits): void {
  if (typeof value === 'number') return checkNumber(value, trail, limits);
  if (typeof value === 'string') return checkString(value, node, trail, limits);
  if (value === null || typeof value !== 'object') return;
  if (trail.length >= MAX_JSON_DEPTH) throw new DomainError('Malformed', `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`, limits.object, pathOf(trail) || 'body');
  if (Array.isArray(value)) {
    let items = node.items;
    if (!items) {
      items = fieldNode(`${node.field}[]`);
      if (mayRemember(limits)) node.items = items;
    }
    for (let index = 0; index < value.length; index += 1) {
      trail.push(index);
      walk(value[index], items, trail, limits);
      trail.pop();
    }
    return;
  }
  // `for...in` rather than Object.keys: no array of keys made for every object of every body. A
  // parsed body's objects are plain, so it meets their own keys only.
  for (const key in value) {
    let member = node.members.get(key);
    if (!member) {
      member = fieldNode(node.field ? `${node.field}.${key}` : key);
      if (mayRemember(limits)) node.members.set(key, member);
    }
    trail.push(key);
    walk((value as Record<string, unknown>)[key], member, trail, limits);
    trail.pop();
  }
}

/**
 * Whether a new field node may be kept (and counts it if so): not once the route remembers as many
 * as it may, so a hostile body cannot grow memory. No callback does the keeping: a closure over the
 * walk's variables would have V8 allocate their context on every call, for every field of every body.
 */
function mayRemember(limits: RouteLimits): boolean {
  if (limits.remembered >= MAX_REMEMBERED_FIELDS) return false;
  limits.remembered += 1;
  return true;
}

/** `items[2].name` from the trail to it. */
function pathOf(trail: ReadonlyArray<string | number>): string {
  let path = '';
  for (const step of trail) path += typeof step === 'number' ? `[${step}]` : path ? `.${step}` : step;
  return path;
}

function checkNumber(value: number, trail: ReadonlyArray<string | number>, limits: Limits): void {
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

function checkString(value: string, node: FieldNode, trail: ReadonlyArray<string | number>, limits: RouteLimits): void {
  node.max ??= maxLength(node.field, limits.endpoint);
  if (value.length <= node.max) return;
  const path = pathOf(trail);
  throw new DomainError('InvalidValue', `'${path}' is ${value.length} characters long; at most ${node.max} are allowed`, limits.object, path || 'body');
}
