import { deref, isObject, type JsonObject, type JsonValue } from '../official/json.js';

// Walks a subset schema and the official schema at the same place side by side, and writes down
// where they disagree. Only the places the subset describes are visited: the subset is small and
// finite, while the official schemas are large and (for Quickstart) cyclic.

export type Side = 'request' | 'response';

/** One schema, with the document its refs point into. */
interface Located {
  doc: JsonObject;
  schema: JsonObject;
}

const MAX_REFS = 20;

/**
 * Follows refs and merges `allOf` (V1 success bodies are CommonResponse + payload) and
 * `oneOf`/`anyOf` (callout templates come in three variants): properties are pooled, and a field is
 * required only if every variant requires it. External refs (the compact V1 spec has a few
 * dangling ones) resolve to nothing, which ends the walk there.
 */
export function flatten(doc: JsonObject, value: JsonValue | undefined, depth = 0): JsonObject | undefined {
  let schema: JsonValue | undefined = value;
  for (let hops = 0; isObject(schema) && typeof schema.$ref === 'string'; hops++) {
    if (hops > MAX_REFS || !schema.$ref.startsWith('#')) return undefined;
    schema = deref(doc, schema);
  }
  if (!isObject(schema) || depth > MAX_REFS) return isObject(schema) ? schema : undefined;
  const parts = [...list(schema.allOf)];
  const variants = [...list(schema.oneOf), ...list(schema.anyOf)];
  if (parts.length === 0 && variants.length === 0) return schema;

  const merged: JsonObject = { ...schema, properties: { ...(isObject(schema.properties) ? schema.properties : {}) } };
  delete merged.allOf;
  delete merged.oneOf;
  delete merged.anyOf;
  const required = new Set(strings(schema.required));
  for (const part of parts) mergeInto(merged, flatten(doc, part, depth + 1), required, true);
  const variantRequired = variants.map((variant) => {
    const flat = flatten(doc, variant, depth + 1);
    mergeInto(merged, flat, new Set(), false);
    return new Set(strings(flat?.required));
  });
  const [first, ...rest] = variantRequired;
  for (const name of first ?? []) if (rest.every((set) => set.has(name))) required.add(name);
  if (required.size > 0) merged.required = [...required];
  else delete merged.required;
  return merged;
}

function mergeInto(target: JsonObject, source: JsonObject | undefined, required: Set<string>, keepRequired: boolean): void {
  if (!source) return;
  Object.assign(target.properties as JsonObject, isObject(source.properties) ? source.properties : {});
  for (const key of ['type', 'items', 'enum', 'nullable', 'additionalProperties'] as const) {
    if (target[key] === undefined && source[key] !== undefined) target[key] = source[key] as JsonValue;
  }
  if (keepRequired) for (const name of strings(source.required)) required.add(name);
}

const list = (value: JsonValue | undefined): JsonValue[] => (Array.isArray(value) ? value : []);
const strings = (value: JsonValue | undefined): string[] => list(value).filter((item): item is string => typeof item === 'string');

function typeOf(schema: JsonObject): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

const enumOf = (schema: JsonObject): string[] | undefined =>
  Array.isArray(schema.enum) ? schema.enum.filter((value) => value !== null).map((value) => String(value)) : undefined;

const show = (values: readonly string[]): string => values.map((value) => JSON.stringify(value)).join(', ');
const where = (side: Side, at: string): string => `${side}${at ? ` ${at}` : ''}`;

/** Compares `subset` with `official` at `at` (a path like `.subscriptions[].status`) and appends findings. */
export function compareSchemas(subset: Located, official: Located, side: Side, at: string, findings: string[]): void {
  const mine = flatten(subset.doc, subset.schema);
  const theirs = flatten(official.doc, official.schema);
  if (!mine || !theirs) return;

  const myType = typeOf(mine);
  const theirType = typeOf(theirs);
  // An integer is a number, so an integer where Zuora says number fits.
  if (myType && theirType && myType !== theirType && !(myType === 'integer' && theirType === 'number')) {
    findings.push(`${where(side, at)} type: subset ${myType}, official ${theirType}`);
  }
  compareNullable(mine, theirs, side, at, findings);
  compareEnums(mine, theirs, side, at, findings);
  if (side === 'request') compareRequired(mine, theirs, at, findings);
  compareProperties(subset.doc, mine, official.doc, theirs, side, at, findings);

  if (mine.items !== undefined && theirs.items !== undefined && isObject(mine.items) && isObject(theirs.items)) {
    compareSchemas({ doc: subset.doc, schema: mine.items }, { doc: official.doc, schema: theirs.items }, side, `${at}[]`, findings);
  }
}

function compareNullable(mine: JsonObject, theirs: JsonObject, side: Side, at: string, findings: string[]): void {
  const mineNull = mine.nullable === true;
  const theirsNull = theirs.nullable === true;
  // An answer that is never null where Zuora allows null is fine; the other way round, and any
  // difference in what a request may say, is worth a look.
  if (mineNull && !theirsNull) findings.push(`${where(side, at)} nullable: subset allows null, official does not`);
  else if (side === 'request' && theirsNull && !mineNull) findings.push(`${where(side, at)} nullable: official allows null, subset does not`);
}

function compareEnums(mine: JsonObject, theirs: JsonObject, side: Side, at: string, findings: string[]): void {
  const myValues = enumOf(mine);
  const theirValues = enumOf(theirs);
  if (myValues && theirValues) {
    const onlyMine = myValues.filter((value) => !theirValues.includes(value));
    const onlyTheirs = theirValues.filter((value) => !myValues.includes(value));
    // An answer may use fewer of Zuora's values; a request should take all of them.
    const missing = side === 'request' ? onlyTheirs : [];
    if (onlyMine.length > 0 || missing.length > 0) {
      const parts = [onlyMine.length > 0 ? `only in subset: ${show(onlyMine)}` : '', missing.length > 0 ? `only in official: ${show(missing)}` : ''];
      findings.push(`${where(side, at)} enum: ${parts.filter(Boolean).join('; ')}`);
    }
  } else if (side === 'request' && theirValues && !myValues) {
    findings.push(`${where(side, at)} enum: official limits it to ${show(theirValues)}, subset does not`);
  } else if (side === 'request' && myValues && !theirValues) {
    findings.push(`${where(side, at)} enum: subset limits it to ${show(myValues)}, official does not`);
  }
}

function compareRequired(mine: JsonObject, theirs: JsonObject, at: string, findings: string[]): void {
  const myRequired = strings(mine.required);
  const theirRequired = strings(theirs.required);
  const onlyMine = myRequired.filter((name) => !theirRequired.includes(name));
  const onlyTheirs = theirRequired.filter((name) => !myRequired.includes(name));
  if (onlyMine.length === 0 && onlyTheirs.length === 0) return;
  const parts = [onlyMine.length > 0 ? `only the subset requires ${onlyMine.join(', ')}` : '', onlyTheirs.length > 0 ? `only official requires ${onlyTheirs.join(', ')}` : ''];
  findings.push(`${where('request', at || '(body)')} required: ${parts.filter(Boolean).join('; ')}`);
}

function compareProperties(
  subsetDoc: JsonObject,
  mine: JsonObject,
  officialDoc: JsonObject,
  theirs: JsonObject,
  side: Side,
  at: string,
  findings: string[],
): void {
  const myProperties = isObject(mine.properties) ? mine.properties : {};
  const theirProperties = isObject(theirs.properties) ? theirs.properties : {};
  // An official object that lists no properties says nothing about its members.
  if (Object.keys(theirProperties).length === 0) return;
  const unknown: string[] = [];
  for (const [name, schema] of Object.entries(myProperties)) {
    const counterpart = theirProperties[name];
    if (counterpart === undefined) unknown.push(name);
    else if (isObject(schema) && isObject(counterpart)) {
      compareSchemas({ doc: subsetDoc, schema }, { doc: officialDoc, schema: counterpart }, side, `${at}.${name}`, findings);
    }
  }
  if (unknown.length > 0) findings.push(`${where(side, at || '(body)')} not in the official schema: ${unknown.join(', ')}`);
}
