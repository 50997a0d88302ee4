import mustache from 'mustache';
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
    const object = Object.entries(data).find(([name]) => name.toLowerCase() === objectName.toLowerCase())?.[1];
    if (!object) return whole;
    const entry = Object.entries(object).find(([name]) => name.toLowerCase() === fieldName.toLowerCase());
    return entry ? text(entry[1]) : '';
  });
}

/**
 * Renders a template with both merge-field syntaxes: `{{DataSource.Account.Id}}` (Mustache, blocks
 * included, nothing HTML-escaped) and legacy `<Invoice.Id>`.
 */
export function renderMergeFields(template: string, event: RaisedEvent): string {
  const view = { DataSource: event.data, ...event.data };
  const rendered = mustache.render(template, view, {}, { escape: text });
  return renderLegacy(rendered, event.data);
}
