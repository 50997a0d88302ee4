import { cancelJobs, JOBS, pendingJobs, scheduleJob, type JobHandler, type JobRecord } from '../../clock/jobs.js';
import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { ACCOUNTS, getAccount, type Account } from '../accounts.js';
import { checkCustomFields } from '../customFields.js';
import { conflict, invalidValue, missingField, notFound, referenced } from '../errors.js';
import { tenantInstant, tenantToday } from '../tenantTime.js';
import { checkDate } from './context.js';
import { executeOrderActions } from './execute.js';
import { createOrderAccount } from './newAccount.js';
import { creditSourcesOf } from './creditApplication.js';
import { processOrderBilling } from './processing.js';
import { ORDERS, type Order, type OrderInput, type OrderStatus } from './model.js';
import { SUBSCRIPTIONS, type Subscription } from '../subscriptions/model.js';

export const EXECUTE_ORDER_JOB = 'order.execute';

/** Statuses a caller may ask for; the others are the emulator's to give. */
const REQUESTABLE: readonly OrderStatus[] = ['Completed', 'Scheduled', 'Draft', 'Pending'];
const CANCELLABLE: readonly OrderStatus[] = ['Draft', 'Pending', 'Scheduled'];

function orderAccount(tx: Transaction, input: OrderInput): Account {
  if (input.newAccount) return createOrderAccount(tx, input.newAccount);
  const key = input.existingAccountNumber ?? input.existingAccountId;
  if (!key) throw missingField(ORDERS, 'existingAccountNumber');
  const field = input.existingAccountNumber ? 'existingAccountNumber' : 'existingAccountId';
  const account = referenced(() => getAccount(tx, key), ORDERS, field, `Account '${key}'`);
  if (account.status === 'Canceled') throw conflict(ORDERS, `Account ${account.accountNumber} is canceled`, field);
  return account;
}

export function getOrder(view: ReadView, orderNumber: string): Order {
  const order = view.findBy<Order>(ORDERS, 'orderNumber', orderNumber) ?? view.get<Order>(ORDERS, orderNumber);
  if (!order) throw notFound(ORDERS, orderNumber, 'orderNumber');
  return order;
}

/**
 * Places an order. Completed orders run at once and atomically; Scheduled ones wait for the tenant
 * clock to reach their date; Draft and Pending ones are only stored.
 */
export function placeOrder(tx: Transaction, input: OrderInput): Order {
  const orderDate = checkDate(input.orderDate, 'orderDate');
  const status = input.status ?? 'Completed';
  if (!REQUESTABLE.includes(status)) throw invalidValue(ORDERS, 'status', `'status' must be one of ${REQUESTABLE.join(', ')}`);
  const today = tenantToday(tx);
  let scheduledDate: string | null = null;
  if (status === 'Scheduled') {
    const date = input.schedulingOptions?.scheduledDate;
    if (!date) throw missingField(ORDERS, 'schedulingOptions.scheduledDate');
    scheduledDate = checkDate(date, 'schedulingOptions.scheduledDate');
    if (scheduledDate <= today) throw invalidValue(ORDERS, 'schedulingOptions.scheduledDate', `A scheduled date must be after today (${today})`);
  }
  // Checked now, so a scheduled order does not fail later for a bad switch.
  if (input.processingOptions) creditSourcesOf(input.processingOptions);
  const account = orderAccount(tx, input);
  const orderNumber = tx.givenOrNextNumber('order', input.orderNumber, (number) => !!tx.findBy(ORDERS, 'orderNumber', number), () =>
    conflict(ORDERS, `Order number '${input.orderNumber}' is already in use`, 'orderNumber'),
  );
  const id = tx.newId();
  const groups = input.subscriptions ?? [];
  if (status === 'Scheduled') checkScheduledOrder(tx, groups, account);
  const results = status === 'Completed' ? executeOrderActions(tx, { orderId: id, orderNumber, orderDate, account }, groups) : [];
  const billing = status === 'Completed' ? processOrderBilling(tx, account, results, input.processingOptions, orderDate) : { invoiceIds: [], paymentIds: [] };
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  const order = tx.insert<Order>(ORDERS, {
    id,
    orderNumber,
    accountId: account.id,
    accountNumber: account.accountNumber,
    orderDate,
    status,
    isScheduled: status === 'Scheduled',
    scheduledDate,
    scheduledDatePolicy: scheduledDate ? (input.schedulingOptions?.scheduledDatePolicy ?? 'SpecificDate') : null,
    category: input.category ?? 'NewSales',
    ...(input.description ? { description: input.description } : {}),
    ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
    customFields: checkCustomFields(tx, ORDERS, input.customFields ?? {}, 'customFields.'),
    subscriptions: groups,
    ...(input.processingOptions ? { processingOptions: input.processingOptions } : {}),
    results,
    ...billing,
    completedDate: status === 'Completed' ? now : null,
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
  if (scheduledDate) scheduleJob(tx, EXECUTE_ORDER_JOB, tenantInstant(tx, scheduledDate), { orderId: id });
  return order;
}

/** Moves scheduled orders not yet run to the start of their date in the tenant's (new) time zone. */
export function retimeScheduledOrders(tx: Transaction): void {
  for (const job of [...pendingJobs(tx)].filter((pending) => pending.kind === EXECUTE_ORDER_JOB)) {
    const order = tx.get<Order>(ORDERS, (job.payload as { orderId: string }).orderId);
    if (order?.scheduledDate) tx.update<JobRecord>(JOBS, job.id, { dueAt: tenantInstant(tx, order.scheduledDate).toISOString() });
  }
}

/** A scheduled order is dry-run now, so an order that could never succeed on its date is refused at once. */
function checkScheduledOrder(tx: Transaction, groups: NonNullable<OrderInput['subscriptions']>, account: Account): void {
  const trial = tx.dryRun(() => {
    executeOrderActions(tx, { orderId: 'dry-run', orderNumber: 'dry-run', orderDate: tenantToday(tx), account }, groups);
  });
  if (!trial.ok) throw trial.error;
}

export function cancelOrder(tx: Transaction, orderNumber: string, cancelReason?: string): Order {
  const order = getOrder(tx, orderNumber);
  if (!CANCELLABLE.includes(order.status)) {
    throw conflict(ORDERS, `Order ${order.orderNumber} is ${order.status}; only Draft, Pending or Scheduled orders can be cancelled`, 'orderNumber');
  }
  cancelJobs(tx, 'orderId', order.id, (job) => job.kind === EXECUTE_ORDER_JOB);
  return tx.update<Order>(ORDERS, order.id, {
    status: 'Cancelled',
    ...(cancelReason ? { cancelReason } : {}),
    updatedById: apiUserId(tx.tenant),
    updatedDate: tx.now().toISOString(),
  });
}

/** Orders whose subscriptions part names the subscription, oldest first. */
export function ordersOfSubscription(view: ReadView, subscriptionNumber: string): Order[] {
  return view
    .all<Order>(ORDERS)
    .filter((order) =>
      order.subscriptions.some((group) => group.subscriptionNumber === subscriptionNumber) ||
      order.results.some((result) => result.subscriptionNumber === subscriptionNumber),
    );
}

/**
 * The orders whose subscriptions the account owns (`owner: 'subscription'`) or is invoiced for
 * (`'invoice'`); an order that has not run yet counts for the account it was placed on.
 */
export function ordersOfOwner(view: ReadView, accountId: string, owner: 'subscription' | 'invoice'): Order[] {
  const owns = (subscriptionId: string): boolean => {
    const subscription = view.get<Subscription>(SUBSCRIPTIONS, subscriptionId);
    return (owner === 'subscription' ? subscription?.accountId : subscription?.invoiceOwnerId) === accountId;
  };
  return view.all<Order>(ORDERS).filter((order) => (order.results.length === 0 ? order.accountId === accountId : order.results.some((result) => owns(result.subscriptionId))));
}

/**
 * A scheduled order runs when the clock reaches its date, as if placed that day. If it fails, the
 * order is marked Failed with the reason and nothing else changes.
 */
const executeScheduledOrder: JobHandler = (tx, payload) => {
  const order = tx.get<Order>(ORDERS, (payload as { orderId: string }).orderId);
  if (!order || order.status !== 'Scheduled' || !order.scheduledDate) return;
  const account = tx.get<Account>(ACCOUNTS, order.accountId) as Account;
  const orderDate = order.scheduledDate;
  const outcome = tx.attempt(() => {
    const results = executeOrderActions(tx, { orderId: order.id, orderNumber: order.orderNumber, orderDate, account }, order.subscriptions);
    return { results, ...processOrderBilling(tx, account, results, order.processingOptions, orderDate) };
  });
  const now = tx.now().toISOString();
  tx.update<Order>(ORDERS, order.id, outcome.ok
    ? { status: 'Completed', orderDate, ...outcome.value, completedDate: now, updatedDate: now }
    : { status: 'Failed', errorMessage: outcome.error instanceof Error ? outcome.error.message : String(outcome.error), updatedDate: now });
};

export const ORDER_JOBS: Record<string, JobHandler> = { [EXECUTE_ORDER_JOB]: executeScheduledOrder };
