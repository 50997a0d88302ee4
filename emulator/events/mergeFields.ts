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

/** `<Invoice.Id>`-style legacy fields; Zuora matches their object and field names without regard to case. */
function renderLegacy(template: string, data: RaisedEvent['data']): string {
  return template.replace(LEGACY, (whole, objectName: string, fieldName: string) => {
    // By name first: only the data source the field names is built (see dataSources.ts).
    const name = nameLike(data, objectName);
    const object = name === undefined ? undefined : data[name];
    if (!object) return whole;
    const field = nameLike(object, fieldName);
    return field === undefined ? '' : text(object[field]);
  });
}

/** Names in lower case, kept: every callout compares the same few dozen field names again. */
const lowerCase = keptAnswers((name) => name.toLowerCase(), 5000);

/** The key of `container` that is `name` regardless of case, if any. */
function nameLike(container: object, name: string): string | undefined {
  const wanted = lowerCase(name);
  for (const key of Object.keys(container)) if (lowerCase(key) === wanted) return key;
  return undefined;
}

/**
 * Renders a template with both merge-field syntaxes: `{{DataSource.Account.Id}}` (Mustache, blocks
 * included, nothing HTML-escaped) and legacy `<Invoice.Id>`.
 */
export function renderMergeFields(template: string, event: RaisedEvent): string {
  // Only a template with Mustache tags needs the view, and its data sources are read through it as
  // they are named, rather than all built to copy them in.
  const rendered = template.includes('{{') ? mustache.render(template, mustacheView(event.data), {}, { escape: text }) : template;
  return rendered.includes('<') ? renderLegacy(rendered, event.data) : rendered;
}

/** `{{DataSource.Account.Id}}` and `{{Account.Id}}` alike: every data source at the top level too. */
function mustacheView(data: RaisedEvent['data']): Record<string, unknown> {
  const view: Record<string, unknown> = { DataSource: data };
  for (const name of Object.keys(data)) {
    Object.defineProperty(view, name, { enumerable: true, configurable: true, get: () => data[name] });
  }
  return view;
}
