import { invalidValue } from '../../domain/errors.js';
import { fieldsOf, matchingRecords, readField, type StoredRow } from '../../domain/query/rows.js';
import { parseZoql, resolveZoql, zoqlName } from '../../domain/query/zoql.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';

// The ZOQL actions: `POST /v1/action/query` runs a query and answers the first batch;
// `POST /v1/action/queryMore` answers the next one for the `queryLocator` of the previous batch.
// The locator carries the query and where to go on, so it needs no state and survives restarts.

const MAX_BATCH = 2000;

const batchSize = { type: 'integer', minimum: 1, maximum: MAX_BATCH } as const;
const conf = { type: 'object', properties: { batchSize } } as const;

export const querySchema = {
  type: 'object',
  required: ['queryString'],
  properties: { queryString: { type: 'string', minLength: 1, maxLength: 100000 }, conf },
} as const;

export const queryMoreSchema = {
  type: 'object',
  required: ['queryLocator'],
  properties: { queryLocator: { type: 'string', minLength: 1, maxLength: 200000 }, conf },
} as const;

interface Locator {
  queryString: string;
  offset: number;
  batchSize: number;
}

const encodeLocator = (locator: Locator): string => Buffer.from(JSON.stringify(locator)).toString('base64url');

function decodeLocator(text: string): Locator {
  try {
    const locator = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Locator>;
    if (typeof locator.queryString === 'string' && Number.isInteger(locator.offset) && Number.isInteger(locator.batchSize)) return locator as Locator;
  } catch {
    // Not a locator this emulator wrote; refused below.
  }
  throw invalidValue('ZOQL', 'queryLocator', 'invalid queryLocator');
}

function run(ctx: RequestContext, locator: Locator): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const query = resolveZoql(parseZoql(locator.queryString), (object) => fieldsOf(object, view));
  const { target, where } = query;
  const matching = matchingRecords(target, view, where, { ignoreCase: true });
  // The answer counts every match: without a WHERE that is the collection's size, read without the records.
  const batch: StoredRow[] = [];
  let size = 0;
  for (const record of matching) {
    if (size >= locator.offset && batch.length < locator.batchSize) batch.push(record);
    size += 1;
    if (where === null && batch.length === locator.batchSize) break;
  }
  if (where === null) size = view.count(target.name);
  // Zuora answers every record's Id, selected or not, and leaves out the fields that have no value.
  const fields = ['id', ...query.fields.filter((field) => field !== 'id')];
  const records = batch.map((record) => {
    const answered: Record<string, unknown> = {};
    for (const field of fields) {
      const value = readField(target, record, view, field);
      if (value !== null) answered[zoqlName(field)] = value;
    }
    return answered;
  });
  const done = locator.offset + batch.length >= size;
  const next = { ...locator, offset: locator.offset + batch.length };
  return { body: { records, size, done, ...(done ? {} : { queryLocator: encodeLocator(next) }) } };
}

export function postQuery(ctx: RequestContext): Reply {
  const body = ctx.body as { queryString: string; conf?: { batchSize?: number } };
  return run(ctx, { queryString: body.queryString, offset: 0, batchSize: body.conf?.batchSize ?? MAX_BATCH });
}

export function postQueryMore(ctx: RequestContext): Reply {
  const body = ctx.body as { queryLocator: string; conf?: { batchSize?: number } };
  const locator = decodeLocator(body.queryLocator);
  return run(ctx, { ...locator, batchSize: body.conf?.batchSize ?? locator.batchSize });
}
