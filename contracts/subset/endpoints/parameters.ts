import { array, bool, date, int, num, oneOf, str } from '../schema.js';
import type { QueryParameter } from './types.js';

// Query parameters shared by several endpoints, as the official specs name them.

const param = (name: string, description: string, schema: QueryParameter['schema']): QueryParameter => ({ name, description, schema });

/** V1 classic lists (FACTS.md (b)). */
export const V1_PAGING: readonly QueryParameter[] = [
  param('page', 'Page number, from 1.', { ...int(), minimum: 1 }),
  param('pageSize', 'Items per page (default 20).', { ...int(), minimum: 1, maximum: 40 }),
];

/** Quickstart `expand[]`, e.g. `expand[]=bill_to`. */
export const QS_EXPAND: readonly QueryParameter[] = [param('expand[]', 'Related objects to embed in the answer.', array(str()))];

/** Quickstart lists: cursor paging and `field.OP:value` filters. */
export const QS_LIST: readonly QueryParameter[] = [
  param('cursor', 'The `next_page` value of the previous page.', str()),
  param('page_size', 'Items per page (default 10).', { ...int(), minimum: 1, maximum: 99 }),
  param('filter[]', 'Filters of the form `field.OP:value` (EQ, NE, GT, GE, LT, LE, SW, IN).', array(str())),
  ...QS_EXPAND,
];

/** Offset paging of the events and notifications lists. */
export const OFFSET_PAGING: readonly QueryParameter[] = [
  param('start', 'Position of the first item (from 0 for event triggers, from 1 for notifications).', { ...int(), minimum: 0 }),
  param('limit', 'Items per page (at most 100 for notifications).', { ...int(), minimum: 1 }),
];

export const RETURN_IDS = param('returnIds', 'Also answer the ids of what the order created.', bool());
export const ORDER_STATUS = param(
  'status',
  'Only orders in this status.',
  oneOf('all', 'draft', 'pending', 'scheduled', 'executing', 'completed', 'cancelled', 'failed'),
);
export const REJECT_UNKNOWN_FIELDS = param('rejectUnknownFields', 'Refuse body fields the object does not have instead of ignoring them.', bool());
export const CHARGE_DETAIL = param(
  'charge-detail',
  'Which segment stands for each charge.',
  oneOf('last-segment', 'current-segment', 'all-segments', 'specific-segment'),
);
export const AS_OF_DATE = param('as-of-date', 'The date that picks the segment for `charge-detail=specific-segment`.', date());
export const EVENT_CATEGORY = param('eventCategory', 'Only those of this standard event category.', num());
export const EVENT_TYPE_NAME = param('eventTypeName', 'Only those of this custom event type.', str());

export { param };
