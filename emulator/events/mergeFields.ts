import mustache from 'mustache';
import { keptAnswers } from '../keptAnswers.js';
import { lowerCase, type DataSources } from './dataSources.js';
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
function renderLegacy(parts: ReadonlyArray<string | LegacyField>, sources: DataSources): string {
  let rendered = '';
  for (const part of parts) rendered += typeof part === 'string' ? part : legacyValue(part, sources);
  return rendered;
}

function legacyValue({ whole, objectName, fieldName }: LegacyField, sources: DataSources): string {
  // By name: only the data source the field names is worked out (see dataSources.ts).
  const object = sources.like(objectName);
  if (!object) return whole;
  const field = nameLike(object, fieldName);
  return field === undefined ? '' : text(object[field]);
}

/**
 * Each container's keys by their lower-case form (the first key of each form, as a for-in meets
 * them), made on its second lookup: a callout's template may look up several fields of one object
 * (nine of the default payment method for an account change), each a walk over its keys otherwise;
 * but most look up one (`<Invoice.ID>`), and a walk that stops at the match costs far less than
 * the map. Containers (a data source's fields) live as long as their event, and never gain keys.
 */
const keysByLowerCase = new WeakMap<object, Map<string, string>>();
/** Containers looked up once already: the next lookup makes their map. */
const lookedUp = new WeakSet<object>();

/** The key of `container` that is `name` regardless of case, if any. */
function nameLike(container: object, name: string): string | undefined {
  const wanted = lowerCase(name);
  let keys = keysByLowerCase.get(container);
  if (!keys) {
    if (!lookedUp.has(container)) {
      lookedUp.add(container);
      for (const key in container) if (lowerCase(key) === wanted) return key;
      return undefined;
    }
    keys = new Map();
    for (const key in container) {
      const lower = lowerCase(key);
      if (!keys.has(lower)) keys.set(lower, key);
    }
    keysByLowerCase.set(container, keys);
  }
  return keys.get(wanted);
}

/**
 * Renders a template with both merge-field syntaxes: `{{DataSource.Account.Id}}` (Mustache, blocks
 * included, nothing HTML-escaped) and legacy `<Invoice.Id>`.
 */
export function renderMergeFields(template: string, event: RaisedEvent): string {
  // Only a template with Mustache tags needs the view, and its data sources are read through it as
  // they are named, rather than all built to copy them in.
  if (!template.includes('{{')) return template.includes('<') ? renderLegacy(templateParts(template), event.sources) : template;
  // Mustache's output differs from event to event: its legacy fields are looked for afresh.
  const rendered = mustache.render(template, mustacheView(event.sources.all), {}, { escape: text });
  return rendered.includes('<') ? renderLegacy(legacyParts(rendered), event.sources) : rendered;
}

/** `{{DataSource.Account.Id}}` and `{{Account.Id}}` alike: every data source at the top level too. */
function mustacheView(data: DataSources['all']): Record<string, unknown> {
  const view: Record<string, unknown> = { DataSource: data };
  for (const name of Object.keys(data)) {
    Object.defineProperty(view, name, { enumerable: true, configurable: true, get: () => data[name] });
  }
  return view;
}
