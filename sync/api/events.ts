import type { EventType } from '../model/types.js';
import { Field, optional, Problems } from './input.js';
import type { ApiReply, ApiRequest } from './routeTable.js';

// A record rather than a list, so the compiler insists every EventType is here.
const KNOWN_TYPES: Record<EventType, true> = {
  CUSTOMER_CREATED: true,
  CUSTOMER_UPDATED: true,
  CUSTOMER_ARCHIVED: true,
  SUBSCRIPTION_CREATED: true,
  SUBSCRIPTION_UPDATED: true,
  SUBSCRIPTION_CANCELED: true,
  SUBSCRIPTION_EXPIRED: true,
  PAYMENT_FAILED: true,
  CREDITS_GRANTED: true,
  CREDITS_CONSUMED: true,
  SYNC_FAILED: true,
};
const EVENT_TYPES = Object.keys(KNOWN_TYPES) as EventType[];

/**
 * `GET /api/events?type=&customerId=&subscriptionId=&after=`: the event log, oldest first; `after`
 * (an event id) keeps the events logged after that one.
 */
export function listEvents({ engine: { ctx }, query }: ApiRequest): ApiReply {
  const problems = new Problems();
  const root = Field.body(query, problems);
  root.object(['type', 'customerId', 'subscriptionId', 'after']);
  const filter = {
    ...optional('type', root.at('type').optional()?.oneOf(EVENT_TYPES)),
    ...optional('customerId', root.at('customerId').optional()?.string()),
    ...optional('subscriptionId', root.at('subscriptionId').optional()?.string()),
    ...optional('after', root.at('after').optional()?.string()),
  };
  problems.check();
  return { body: { data: ctx.store.events(filter) } };
}
