import { cancelJobs, pendingJobs, scheduleJob, type JobHandler } from '../../clock/jobs.js';
import type { Transaction } from '../../state/transaction.js';
import { tenantInstant, tenantToday } from '../tenantTime.js';
import { SUBSCRIPTIONS, type Subscription } from '../subscriptions/model.js';
import { findLatestVersion } from '../subscriptions/queries.js';
import { draftFrom, writeVersion } from './draft.js';
import { renewDraft, statusOn } from './subscriptionActions.js';

export const ACTIVATE_JOB = 'subscription.activate';
export const TERM_END_JOB = 'subscription.termEnd';

interface LifecyclePayload {
  subscriptionNumber: string;
}

/**
 * Puts the latest version's coming lifecycle events on the clock: activation of a pending
 * subscription, and the end of a TERMED subscription's term. Jobs of earlier versions are dropped.
 */
export function scheduleLifecycleJobs(tx: Transaction, subscription: Subscription): void {
  cancelJobs(tx, 'subscriptionNumber', subscription.subscriptionNumber, (job) => job.kind === ACTIVATE_JOB || job.kind === TERM_END_JOB);
  const payload: LifecyclePayload = { subscriptionNumber: subscription.subscriptionNumber };
  const pendingUntil =
    subscription.status === 'Pending Activation' ? subscription.serviceActivationDate : subscription.status === 'Pending Acceptance' ? subscription.customerAcceptanceDate : null;
  if (pendingUntil) scheduleJob(tx, ACTIVATE_JOB, tenantInstant(tx, pendingUntil), payload);
  if (subscription.termType === 'TERMED' && subscription.termEndDate && subscription.status !== 'Cancelled') {
    scheduleJob(tx, TERM_END_JOB, tenantInstant(tx, subscription.termEndDate), payload);
  }
}

/** Books the pending lifecycle jobs again at the start of their day in the tenant's (new) time zone. */
export function retimeLifecycleJobs(tx: Transaction): void {
  const numbers = new Set(
    [...pendingJobs(tx)]
      .filter((job) => job.kind === ACTIVATE_JOB || job.kind === TERM_END_JOB)
      .map((job) => (job.payload as LifecyclePayload).subscriptionNumber),
  );
  for (const number of numbers) {
    const latest = findLatestVersion(tx, number);
    if (latest) scheduleLifecycleJobs(tx, latest);
  }
}

/** A pending subscription becomes Active in place when its activation or acceptance date arrives. */
const activate: JobHandler = (tx, payload) => {
  const latest = findLatestVersion(tx, (payload as LifecyclePayload).subscriptionNumber);
  if (!latest || (latest.status !== 'Pending Activation' && latest.status !== 'Pending Acceptance')) return;
  const status = statusOn(tenantToday(tx), latest.serviceActivationDate, latest.customerAcceptanceDate);
  tx.update<Subscription>(SUBSCRIPTIONS, latest.id, { status, updatedDate: tx.now().toISOString() });
  scheduleLifecycleJobs(tx, { ...latest, status });
};

/** At the end of its term a subscription renews into a new version if it auto-renews, else it expires. */
const endTerm: JobHandler = (tx, payload) => {
  const latest = findLatestVersion(tx, (payload as LifecyclePayload).subscriptionNumber);
  if (!latest || latest.status === 'Cancelled' || latest.status === 'Expired') return;
  if (latest.termEndDate !== tenantToday(tx)) return;
  if (!latest.autoRenew) {
    tx.update<Subscription>(SUBSCRIPTIONS, latest.id, { status: 'Expired', updatedDate: tx.now().toISOString() });
    return;
  }
  const draft = draftFrom(tx, latest);
  renewDraft(draft, 'renewal');
  scheduleLifecycleJobs(tx, writeVersion(tx, draft));
};

export const LIFECYCLE_JOBS: Record<string, JobHandler> = { [ACTIVATE_JOB]: activate, [TERM_END_JOB]: endTerm };
