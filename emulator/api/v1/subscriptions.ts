import { invalidValue } from '../../domain/errors.js';
import { SUBSCRIPTIONS, type SubscriptionCharge } from '../../domain/subscriptions/model.js';
import { getSubscription, subscriptionsOfAccount } from '../../domain/subscriptions/queries.js';
import { getAccount } from '../../domain/accounts.js';
import { v1Page } from './pagination.js';
import { inEffectOn, lastSegment } from '../../domain/subscriptions/segments.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { tenantToday } from '../../domain/tenantTime.js';
import { toV1Subscription } from './shapes/subscription.js';

// GET /v1/subscriptions/{subscription-key} and GET /v1/subscriptions/accounts/{account-key}: which segments the caller asked for; the answer's shape
// lives in shapes/subscription.ts.

const CHARGE_DETAILS = ['last-segment', 'current-segment', 'all-segments', 'specific-segment'] as const;
type ChargeDetail = (typeof CHARGE_DETAILS)[number];

/** Which segment stands for each charge (`charge-detail`), and the date that picks it for the dated choices. */
interface SegmentChoice {
  detail: ChargeDetail;
  asOf: string;
}

function segmentChoice(view: ReadView, query: Record<string, unknown>): SegmentChoice {
  const detail = String(query['charge-detail'] ?? 'last-segment');
  if (!(CHARGE_DETAILS as readonly string[]).includes(detail)) {
    throw invalidValue(SUBSCRIPTIONS, 'charge-detail', `'charge-detail' must be one of ${CHARGE_DETAILS.join(', ')}`);
  }
  const today = tenantToday(view);
  if (detail !== 'specific-segment') return { detail: detail as ChargeDetail, asOf: today };
  const asOf = query['as-of-date'];
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw invalidValue(SUBSCRIPTIONS, 'as-of-date', "'charge-detail=specific-segment' needs 'as-of-date' as yyyy-mm-dd");
  }
  return { detail, asOf };
}

/**
 * The segment shown as the charge: the last one in time by default, or the one in effect on the
 * chosen date (a charge with none in effect then is left out, as Zuora leaves it out).
 */
function shownSegment(segments: readonly SubscriptionCharge[], choice: SegmentChoice): SubscriptionCharge | undefined {
  if (choice.detail === 'last-segment' || choice.detail === 'all-segments') return lastSegment(segments);
  return segments.find((segment) => inEffectOn(segment, choice.asOf));
}

export function getSubscriptionV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const subscription = getSubscription(view, ctx.params.subscription_key ?? '');
  const choice = segmentChoice(view, ctx.query);
  return {
    body: toV1Subscription(view, subscription, {
      pick: (segments) => shownSegment(segments, choice),
      withSegments: choice.detail === 'all-segments',
    }),
  };
}

/** The newest version of each subscription the account owns, each as the single read shows it, paged as V1 lists are. */
export function listAccountSubscriptionsV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const account = getAccount(view, ctx.params.account_key ?? '');
  const choice = segmentChoice(view, ctx.query);
  const latest = subscriptionsOfAccount(view, account.id).filter((subscription) => subscription.isLatestVersion);
  const page = v1Page(latest, ctx.query, `/v1/subscriptions/accounts/${account.accountNumber}`);
  const subscriptions = page.items.map((subscription) => {
    const { success: _success, ...shaped } = toV1Subscription(view, subscription, {
      pick: (segments) => shownSegment(segments, choice),
      withSegments: choice.detail === 'all-segments',
    });
    return shaped;
  });
  return { body: { success: true, subscriptions, ...(page.nextPage ? { nextPage: page.nextPage } : {}) } };
}
