// Every field of an official response schema, as a tree of names (generated from the spec into
// officialFields.ts), and the walk that fills the fields an answer has no value for with null, as
// Zuora's wire sends them. Used where an answer echoes what a client sent (an order's actions),
// which can hold any of the hundreds of fields the request schema allows.

/** A field's sub-fields (of an object, or of each element of an array of objects); 0 for a scalar. */
export type FieldTree = { readonly [field: string]: FieldTree | 0 };

/** `value` with every field of `tree` it lacks set to null, at every level it has an object for. */
export function withNullFields(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((element) => withNullFields(element, tree));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const filled: Record<string, unknown> = {};
  for (const [field, sub] of Object.entries(tree)) {
    const given = record[field];
    filled[field] = given === undefined ? null : sub === 0 ? given : withNullFields(given, sub);
  }
  // Fields the schema does not list (custom fields, the emulator's own extras) stay as they are.
  for (const [field, item] of Object.entries(record)) if (!(field in tree)) filled[field] = item;
  return filled;
}
