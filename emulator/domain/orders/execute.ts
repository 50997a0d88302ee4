import type { Transaction } from '../../state/transaction.js';
import type { Account } from '../accounts.js';
import { checkCustomFields } from '../customFields.js';
import { conflict, invalidValue, missingField } from '../errors.js';
import { SUBSCRIPTIONS, type Subscription } from '../subscriptions/model.js';
import { findLatestVersion } from '../subscriptions/queries.js';
import { triggerDatesOf, type ActionContext } from './context.js';
import { draftFrom, writeVersion, type SubscriptionDraft } from './draft.js';
import { ORDER_ACTION_TYPES, ORDERS, type OrderActionInput, type OrderSubscriptionInput, type OrderSubscriptionResult } from './model.js';
import { addRatePlan, removeRatePlan, updateRatePlan } from './ratePlanActions.js';
import { ensureBillRun } from '../invoices/billRuns.js';
import { scheduleLifecycleJobs } from './lifecycleJobs.js';
import { changeTerms } from './termsActions.js';
import { cancelDraft, createSubscriptionDraft, renewDraft, resumeDraft, suspendDraft } from './subscriptionActions.js';

export interface ExecutionTarget {
  orderId: string;
  orderNumber: string;
  orderDate: string;
  account: Account;
}

/** The payload member an action type carries, e.g. `addProduct` for AddProduct. */
function payload<K extends keyof OrderActionInput>(action: OrderActionInput, key: K, field: string): NonNullable<OrderActionInput[K]> {
  const value = action[key];
  if (value === undefined || value === null) throw missingField(ORDERS, `${field}.${String(key)}`);
  return value as NonNullable<OrderActionInput[K]>;
}

function amendable(tx: Transaction, group: OrderSubscriptionInput, target: ExecutionTarget, field: string): SubscriptionDraft {
  if (!group.subscriptionNumber) throw missingField(ORDERS, `${field}.subscriptionNumber`);
  const latest = findLatestVersion(tx, group.subscriptionNumber);
  if (!latest) throw invalidValue(ORDERS, `${field}.subscriptionNumber`, `Subscription '${group.subscriptionNumber}' does not exist`);
  if (latest.accountId !== target.account.id) {
    throw invalidValue(ORDERS, `${field}.subscriptionNumber`, `Subscription '${group.subscriptionNumber}' belongs to another account`);
  }
  return draftFrom(tx, latest);
}

function applyAction(ctx: ActionContext, draft: SubscriptionDraft | null, action: OrderActionInput, group: OrderSubscriptionInput): SubscriptionDraft {
  const { field } = ctx;
  if (!(ORDER_ACTION_TYPES as readonly string[]).includes(action.type)) {
    throw invalidValue(ORDERS, `${field}.type`, `'type' must be one of ${ORDER_ACTION_TYPES.join(', ')}`);
  }
  if (action.type === 'CreateSubscription') {
    if (draft) throw conflict(ORDERS, `Subscription ${draft.subscription.subscriptionNumber} already exists`, `${field}.type`);
    return createSubscriptionDraft(ctx, payload(action, 'createSubscription', field), group);
  }
  if (!draft) throw missingField(ORDERS, `${field}.subscriptionNumber`);
  const { status, subscriptionNumber } = draft.subscription;
  if ((status === 'Cancelled' || status === 'Expired') && action.type !== 'RenewSubscription') {
    throw conflict(SUBSCRIPTIONS, `Subscription ${subscriptionNumber} is ${status} and cannot be amended`, `${field}.type`);
  }
  switch (action.type) {
    case 'AddProduct':
      addRatePlan(ctx, draft, payload(action, 'addProduct', field), `${field}.addProduct`);
      break;
    case 'UpdateProduct':
      updateRatePlan(ctx, draft, payload(action, 'updateProduct', field), `${field}.updateProduct`);
      break;
    case 'RemoveProduct':
      removeRatePlan(ctx, draft, payload(action, 'removeProduct', field), `${field}.removeProduct`);
      break;
    case 'CancelSubscription':
      cancelDraft(ctx, draft, payload(action, 'cancelSubscription', field));
      break;
    case 'RenewSubscription':
      renewDraft(draft, field);
      break;
    case 'Suspend':
      suspendDraft(ctx, draft, payload(action, 'suspend', field));
      break;
    case 'Resume':
      resumeDraft(ctx, draft, payload(action, 'resume', field));
      break;
    case 'TermsAndConditions':
      changeTerms(ctx, draft, payload(action, 'termsAndConditions', field));
      break;
  }
  return draft;
}

/**
 * Runs every action of an order. Each subscription the order touches gets exactly one new version.
 * Any failure throws, and the caller's transaction then writes nothing.
 */
export function executeOrderActions(tx: Transaction, target: ExecutionTarget, groups: readonly OrderSubscriptionInput[]): OrderSubscriptionResult[] {
  return groups.map((group, groupIndex) => {
    const groupField = `subscriptions[${groupIndex}]`;
    if (!Array.isArray(group.orderActions) || group.orderActions.length === 0) throw missingField(ORDERS, `${groupField}.orderActions`);
    const creates = group.orderActions[0]?.type === 'CreateSubscription';
    let draft: SubscriptionDraft | null = creates ? null : amendable(tx, group, target, groupField);
    for (const [actionIndex, action] of group.orderActions.entries()) {
      const field = `${groupField}.orderActions[${actionIndex}]`;
      const ctx: ActionContext = { tx, ...target, dates: triggerDatesOf(action, target.orderDate, field), field };
      draft = applyAction(ctx, draft, action, group);
    }
    const finished = draft as SubscriptionDraft;
    if (!creates && group.customFields) {
      finished.subscription.customFields = checkCustomFields(tx, SUBSCRIPTIONS, { ...finished.subscription.customFields, ...group.customFields }, `${groupField}.customFields.`);
    }
    if (!creates && group.notes !== undefined) finished.subscription.notes = group.notes;
    Object.assign(finished.subscription, { orderId: target.orderId, orderNumber: target.orderNumber });
    const written: Subscription = writeVersion(tx, finished);
    scheduleLifecycleJobs(tx, written);
    ensureBillRun(tx, written.invoiceOwnerId);
    return { subscriptionNumber: written.subscriptionNumber, subscriptionId: written.id, status: written.status };
  });
}
