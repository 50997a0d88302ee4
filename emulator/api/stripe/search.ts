import { invalidParam, missingParam } from '../../domain/stripe/errors.js';
import { newestFirst } from './list.js';
import { int, str, type Params } from './params.js';

/**
 * Stripe's search query language, as far as the emulator reads it: clauses `field:'value'`
 * (exact, case-insensitive), `field~'value'` (substring), `field>n`, `field<n` (also >= and <=),
 * `metadata['key']:'value'`, `-field:'value'` (negation), joined by AND or by OR (not both).
 * Unlike Stripe's, results are current at once.
 */
type Clause = { field: string; metadataKey?: string; op: ':' | '~' | '>' | '<' | '>=' | '<='; value: string; negate: boolean };

const CLAUSE = /^(-)?(?:metadata\[['"]([^'"]+)['"]\]|([a-z_]+))\s*(:|~|>=|<=|>|<)\s*(?:'([^']*)'|"([^"]*)"|(\S+))$/;

function parseQuery(query: string): { clauses: Clause[]; any: boolean } {
  const hasAnd = /\sAND\s/.test(query);
  const hasOr = /\sOR\s/.test(query);
  if (hasAnd && hasOr) throw invalidParam('query', 'A search query cannot mix AND and OR.', 'parameter_invalid_string');
  const parts = query.split(hasOr ? /\s+OR\s+/ : /\s+AND\s+/).map((part) => part.trim()).filter(Boolean);
  const clauses = parts.map((part) => {
    const match = CLAUSE.exec(part);
    if (!match) throw invalidParam('query', `The search query could not be parsed near: ${part}`, 'parameter_invalid_string');
    const [, negate, metadataKey, field, op, single, double, bare] = match;
    return {
      field: metadataKey ? 'metadata' : (field ?? ''),
      ...(metadataKey ? { metadataKey } : {}),
      op: op as Clause['op'],
      value: single ?? double ?? bare ?? '',
      negate: !!negate,
    };
  });
  return { clauses, any: hasOr };
}

function matches(record: Readonly<Record<string, unknown>>, clause: Clause): boolean {
  const raw = clause.metadataKey ? (record.metadata as Record<string, string> | undefined)?.[clause.metadataKey] : record[clause.field];
  const text = raw === null || raw === undefined ? '' : String(raw);
  let result: boolean;
  switch (clause.op) {
    case ':':
      result = text.toLowerCase() === clause.value.toLowerCase();
      break;
    case '~':
      result = text.toLowerCase().includes(clause.value.toLowerCase());
      break;
    default: {
      const [left, right] = [Number(text), Number(clause.value)];
      result = clause.op === '>' ? left > right : clause.op === '<' ? left < right : clause.op === '>=' ? left >= right : left <= right;
    }
  }
  return clause.negate ? !result : result;
}

/** A search result page: `page` is the opaque cursor of the previous answer's `next_page`. */
export function searchPage<T extends { id: string; created: number }>(params: Params, records: readonly T[], url: string, render: (record: T) => unknown) {
  const query = str(params, 'query');
  if (!query) throw missingParam('query');
  const limit = int(params, 'limit') ?? 10;
  const cursor = str(params, 'page');
  const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalidParam('page', 'Invalid page cursor.', 'parameter_invalid_string');
  const { clauses, any } = parseQuery(query);
  const found = newestFirst(records).filter((record) => {
      const fields = record as unknown as Record<string, unknown>;
      return any ? clauses.some((clause) => matches(fields, clause)) : clauses.every((clause) => matches(fields, clause));
    });
  const slice = found.slice(offset, offset + limit);
  const hasMore = offset + limit < found.length;
  const expand = (params.expand as unknown[] | undefined) ?? [];
  return {
    object: 'search_result',
    data: slice.map(render),
    has_more: hasMore,
    next_page: hasMore ? Buffer.from(String(offset + limit)).toString('base64url') : null,
    url,
    ...(Array.isArray(expand) && expand.includes('total_count') ? { total_count: found.length } : {}),
  };
}
