import type { SyncContext } from '../context.js';
import type { Customer, Package, Subscription } from '../model/types.js';

// What every synced record carries back to the platform: the custom fields of seeds/000 and the
// `ZUORA__` metadata mirror.

const ZUORA_PREFIX = 'ZUORA__';

type EntityKind = 'customers' | 'subscriptions' | 'plans' | 'addons';

/** Where the record lives on the platform; Zuora users follow `stiggEntityUrl__c` back to it. */
export function entityUrl(ctx: SyncContext, kind: EntityKind, id: string): string {
  return `${ctx.entityBaseUrl.replace(/\/+$/, '')}/api/${kind}/${encodeURIComponent(id)}`;
}

export const packageUrl = (ctx: SyncContext, pkg: Package): string => entityUrl(ctx, pkg.kind === 'PLAN' ? 'plans' : 'addons', pkg.id);

/** Metadata `ZUORA__X__c` becomes Zuora custom field `X__c`; other metadata stays on the platform. */
export function mirroredMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata)
      .filter(([key]) => key.startsWith(ZUORA_PREFIX) && key.length > ZUORA_PREFIX.length)
      .map(([key, value]) => [key.slice(ZUORA_PREFIX.length), value]),
  );
}

export const hasZuoraMetadata = (metadata: Record<string, string>): boolean => Object.keys(mirroredMetadata(metadata)).length > 0;

export function accountCustomFields(ctx: SyncContext, customer: Customer): Record<string, string> {
  return {
    ...mirroredMetadata(customer.metadata),
    stiggCustomerId__c: customer.id,
    stiggEntityUrl__c: entityUrl(ctx, 'customers', customer.id),
  };
}

/**
 * The fields a subscription and each order on it carry. The platform has no resource ids of its
 * own (one subscription is one resource), so `stiggResourceId__c` names the subscription.
 */
export function subscriptionCustomFields(ctx: SyncContext, subscription: Subscription): Record<string, string> {
  return {
    stiggEntityUrl__c: entityUrl(ctx, 'subscriptions', subscription.id),
    stiggCustomerId__c: subscription.customerId,
    stiggResourceId__c: subscription.id,
  };
}
