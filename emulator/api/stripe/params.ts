import qs from 'qs';
import { invalidParam, unknownParam } from '../../domain/stripe/errors.js';
import type { Metadata } from '../../domain/stripe/model.js';

export type Params = Readonly<Record<string, unknown>>;

/** Stripe's form encoding: `a[b]=v`, indexed or empty-bracket arrays, an empty value for null. */
export const parseForm = (text: string): Params => qs.parse(text, { arrayLimit: 1000, depth: 10, parameterLimit: 10_000 }) as Params;

/** Parameters other than `expand` that a route does not take are refused by name, as Stripe does. */
export function allowOnly(params: Params, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (key !== 'expand' && !allowed.includes(key)) throw unknownParam(key);
  }
}

export function str(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(name, `Invalid string: ${name} must be a string.`, 'parameter_invalid_string');
  return value;
}

/** A string that an empty value unsets. */
export function nullableStr(params: Params, name: string): string | null | undefined {
  const value = str(params, name);
  return value === '' ? null : value;
}

export function int(params: Params, name: string): number | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw invalidParam(name, `Invalid integer: ${value}`, 'parameter_invalid_integer');
  return Number(value);
}

export function bool(params: Params, name: string): boolean | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw invalidParam(name, `Invalid boolean: ${value}`, 'parameter_invalid_string');
  return value === 'true';
}

export function obj(params: Params, name: string): Params | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParam(name, `Invalid object: ${name} must be a hash.`, 'parameter_invalid_string');
  return value as Params;
}

/** Arrays arrive indexed (`a[0]`) or bare (`a[]`); qs gives either an array or an index-keyed object. */
export function arr(params: Params, name: string): unknown[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return Object.values(value);
  if (typeof value === 'string') return [value];
  throw invalidParam(name, `Invalid array: ${name}`, 'parameter_invalid_string');
}

export function strings(params: Params, name: string): string[] | undefined {
  return arr(params, name)?.map((value) => {
    if (typeof value !== 'string') throw invalidParam(name, `Invalid array of strings: ${name}`, 'parameter_invalid_string');
    return value;
  });
}

const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

export function metadata(params: Params, name = 'metadata'): Metadata | undefined {
  const value = obj(params, name);
  if (!value) return undefined;
  const entries = Object.entries(value);
  if (entries.length > METADATA_LIMITS.keys) throw invalidParam(name, `Metadata can have up to ${METADATA_LIMITS.keys} keys.`, 'parameter_invalid_string');
  const result: Record<string, string> = {};
  for (const [key, entry] of entries) {
    if (key.length > METADATA_LIMITS.keyLength) throw invalidParam(`${name}[${key}]`, `Metadata keys can be at most ${METADATA_LIMITS.keyLength} characters long.`, 'parameter_invalid_string');
    if (typeof entry !== 'string' || entry.length > METADATA_LIMITS.valueLength) {
      throw invalidParam(`${name}[${key}]`, `Metadata values must be strings of at most ${METADATA_LIMITS.valueLength} characters.`, 'parameter_invalid_string');
    }
    result[key] = entry;
  }
  return result;
}

/** `expand[]` paths asked for. */
export const expandPaths = (params: Params): string[] => strings(params, 'expand') ?? [];
