import { invalidParam } from '../../domain/stripe/errors.js';
import { int, str, type Params } from './params.js';
import { list } from './shapes/common.js';

interface Listed {
  id: string;
  created: number;
}

/** Newest first; objects created in the same second keep their reverse creation order. */
export const newestFirst = <T extends Listed>(records: readonly T[]): T[] => [...records].reverse().sort((a, b) => b.created - a.created);

/**
 * A list object page: `limit` (1-100, default 10), then `starting_after` (the page after that id) or
 * `ending_before` (the page before it); `has_more` says whether the walk can go on that way.
 */
export function page<T extends Listed>(records: readonly T[], params: Params, url: string, render: (record: T) => unknown) {
  const limit = int(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidParam('limit', 'This value must be greater than or equal to 1 and less than or equal to 100.', 'parameter_invalid_integer');
  const after = str(params, 'starting_after');
  const before = str(params, 'ending_before');
  if (after && before) throw invalidParam('starting_after', 'You may only specify one of these parameters: ending_before, starting_after.', 'parameter_invalid_string');
  const sorted = newestFirst(records);
  const created = createdFilter(params);
  const filtered = created ? sorted.filter((record) => created(record.created)) : sorted;
  const position = (id: string, param: string) => {
    const index = filtered.findIndex((record) => record.id === id);
    if (index < 0) throw invalidParam(param, `No such object: '${id}'`, 'resource_missing');
    return index;
  };
  if (before) {
    const end = position(before, 'ending_before');
    const start = Math.max(0, end - limit);
    return list(filtered.slice(start, end).map(render), url, start > 0);
  }
  const start = after ? position(after, 'starting_after') + 1 : 0;
  return list(filtered.slice(start, start + limit).map(render), url, start + limit < filtered.length);
}

/** `created` as a number or a range `{gt, gte, lt, lte}`. */
function createdFilter(params: Params): ((created: number) => boolean) | undefined {
  const value = params.created;
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    const exact = int(params, 'created');
    return (created) => created === exact;
  }
  const range = value as Params;
  const bound = (name: string) => int(range, name);
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return (created) =>
    (gt === undefined || created > gt) && (gte === undefined || created >= gte) && (lt === undefined || created < lt) && (lte === undefined || created <= lte);
}
