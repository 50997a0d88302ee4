/** Plain JSON trees: what a parsed YAML spec and an HTTP body are made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the value at a local ref such as `#/components/schemas/account`, or undefined. */
export function resolvePointer(doc: JsonObject, ref: string): JsonValue | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let current: JsonValue | undefined = doc;
  for (const raw of ref.slice(2).split('/')) {
    // A ref is a URI fragment holding a JSON pointer, so undo both escapings.
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    current = isObject(current) ? current[key] : undefined;
  }
  return current;
}

/** Follows one `$ref` (OpenAPI component refs point straight at the component), else returns the value. */
export function deref(doc: JsonObject, value: JsonValue | undefined): JsonValue | undefined {
  return isObject(value) && typeof value.$ref === 'string' ? resolvePointer(doc, value.$ref) : value;
}
