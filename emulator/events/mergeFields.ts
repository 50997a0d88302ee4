import mustache from 'mustache';
import { keptAnswers } from '../keptAnswers.js';
import type { RaisedEvent } from './model.js';

const LEGACY = /<([A-Za-z][\w]*)\.([A-Za-z][\w]*)>/g;

/** Values as a callout carries them: lists of payment parts become their invoice ids. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => (item && typeof item === 'object' && 'InvoiceId' in item ? String(item.InvoiceId) : text(item))).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A legacy field as written (`<Invoice.Id>`), with its object and field names. */
interface LegacyField {
  whole: string;
  objectName: string;
  fieldName: string;
}

/** A text split into its literal parts and its legacy fields, in order. */
function legacyParts(text: string): ReadonlyArray<string | LegacyField> {
  const parts: Array<string | LegacyField> = [];
  let from = 0;
  for (const match of text.matchAll(LEGACY)) {
    parts.push(text.slice(from, match.index), { whole: match[0], objectName: match[1] as string, fieldName: match[2] as string });
    from = match.index + match[0].length;
  }
  parts.push(text.slice(from));
  return parts;
}

/** A template's parts, found once: a tenant renders the same few templates for every event it raises. */
const templateParts = keptAnswers(legacyParts, 1000);

/** `<Invoice.Id>`-style legacy fields; Zuora matches their object and field names without regard to case. */
function renderLegacy(parts: ReadonlyArray<string | LegacyField>, data: RaisedEvent['data']): string {
  let rendered = '';
  for (const part of parts) rendered += typeof part === 'string' ? part : legacyValue(part, data);
  return rendered;
}

function legacyValue({ whole, objectName, fieldName }: LegacyField, data: RaisedEvent['data']): string {
  // By name first: only the data source the field names is built (see dataSources.ts).
  const name = nameLike(data, objectName);
  const object = name === undefined ? undefined : data[name];
  if (!object) return whole;
  const field = nameLike(object, fieldName);
  return field === undefined ? '' : text(object[field]);
}

/** Names in lower case, kept: every callout compares the same few dozen field names again. */
const lowerCase = keptAnswers((name) => name.toLowerCase(), 5000);

/**
 * Each container's keys by their lower-case form (the first key of each form, as a for-in meets
 * them), made on its first lookup: a callout's template looks up several fields of one object (nine
 * of the default payment method for an account change), each a walk over all of its keys before.
 * Containers live as long as their event, and never gain keys (dataSources.ts sets them up front).
 */
const keysByLowerCase = new WeakMap<object, Map<string, string>>();

/** The key of `container` that is `name` regardless of case, if any. */
function nameLike(container: object, name: string): string | undefined {
  let keys = keysByLowerCase.get(container);
  if (!keys) {
    keys = new Map();
    for (const key in container) {
      const lower = lowerCase(key);
      if (!keys.has(lower)) keys.set(lower, key);
    }
    keysByLowerCase.set(container, keys);
  }
  return keys.get(lowerCase(name));
}

/**
 * Renders a template with both merge-field syntaxes: `{{DataSource.Account.Id}}` (Mustache, blocks
 * included, nothing HTML-escaped) and legacy `<Invoice.Id>`.
 */
export function renderMergeFields(template: string, event: RaisedEvent): string {
  // Only a template with Mustache tags needs the view, and its data sources are read through it as
  // they are named, rather than all built to copy them in.
  if (!template.includes('{{')) return template.includes('<') ? renderLegacy(templateParts(template), event.data) : template;
  // Mustache's output differs from event to event: its legacy fields are looked for afresh.
  const rendered = mustache.render(template, mustacheView(event.data), {}, { escape: text });
  return rendered.includes('<') ? renderLegacy(legacyParts(rendered), event.data) : rendered;
}

/** `{{DataSource.Account.Id}}` and `{{Account.Id}}` alike: every data source at the top level too. */
function mustacheView(data: RaisedEvent['data']): Record<string, unknown> {
  const view: Record<string, unknown> = { DataSource: data };
  for (const name of Object.keys(data)) {
    Object.defineProperty(view, name, { enumerable: true, configurable: true, get: () => data[name] });
  }
  return view;
}
