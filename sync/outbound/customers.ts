import type { SyncContext } from '../context.js';
import type { Customer, PaymentMethodInput } from '../model/types.js';
import type { V2Account } from '../zuora/types.js';
import { accountFields, billToContact, newAccountBody, paymentTermOf } from './accounts.js';
import { platformNow } from './dates.js';
import { isSyncFailure, OutboundInputError } from './errors.js';
import { recordFailure, retried } from './failures.js';
import {
  addPaymentMethod,
  adoptPaymentMethod,
  heldPaymentMethod,
  holdPaymentMethod,
  paymentMethodFields,
  releasePaymentMethod,
  storedPaymentMethod,
} from './paymentMethods.js';
import { chargesAutomatically, customerSkipReason, type SubscriptionOnPlan } from './rules.js';

function customerOf(ctx: SyncContext, customerId: string): Customer {
  const customer = ctx.store.customer(customerId);
  if (!customer) throw new OutboundInputError('CUSTOMER_NOT_FOUND', `No customer with id '${customerId}'`);
  return customer;
}

function subscriptionsOnPlans(ctx: SyncContext, customerId: string): SubscriptionOnPlan[] {
  return ctx.store.subscriptionsOf(customerId).flatMap((subscription) => {
    const plan = ctx.store.package(subscription.planId);
    return plan ? [{ subscription, plan }] : [];
  });
}

/**
 * Customer -> Zuora account, when the rules of seeds/000 let it through; the outcome is recorded on
 * the customer (`sync`) and the customer answered. `paymentMethod` is a method just given to the
 * platform; while the customer is not synced it waits (see paymentMethods.ts) for the account.
 */
export async function syncCustomer(ctx: SyncContext, customerId: string, paymentMethod?: PaymentMethodInput): Promise<Customer> {
  const customer = customerOf(ctx, customerId);
  const { at } = await platformNow(ctx);
  const input = paymentMethod ?? heldPaymentMethod(ctx, customerId);
  const reason = customerSkipReason(customer, subscriptionsOnPlans(ctx, customerId), input, ctx.store.integration());
  if (reason !== undefined) {
    if (input) holdPaymentMethod(ctx, customerId, input);
    const skipped: Customer = { ...customer, sync: { status: 'NO_SYNC', reason, at } };
    await ctx.store.putCustomer(skipped);
    return skipped;
  }
  try {
    const synced = await pushAccount(ctx, customer, input, at);
    releasePaymentMethod(ctx, customerId);
    return synced;
  } catch (error) {
    if (!isSyncFailure(error)) throw error;
    // Kept for the next attempt, which may find the account already created (its id is stored).
    if (input) holdPaymentMethod(ctx, customerId, input);
    const sync = retried(await recordFailure(ctx, { kind: 'customer', id: customerId, customerId }, error, at), customer.sync);
    const failed: Customer = { ...customerOf(ctx, customerId), sync };
    await ctx.store.putCustomer(failed);
    return failed;
  }
}

/**
 * The customer's account, synced if it is not yet. A customer already synced is taken as it is,
 * unless a payment method is waiting to reach its account.
 */
export async function ensureCustomerSynced(ctx: SyncContext, customerId: string): Promise<Customer> {
  const customer = customerOf(ctx, customerId);
  const ready = customer.billingId !== undefined && customer.billingAccountNumber !== undefined && customer.sync?.status === 'SYNCED';
  return ready && !heldPaymentMethod(ctx, customerId) ? customer : syncCustomer(ctx, customerId);
}

/** Quickstart accounts show their number; the V1 read is the fallback the seeds name for it. */
async function accountNumberOf(ctx: SyncContext, account: V2Account): Promise<string> {
  return account.account_number ?? (await ctx.zuora.getAccountV1(account.id)).basicInfo.accountNumber;
}

/** Auto-pay charges the default payment method: on when there is one and a subscription is collected by CHARGE. */
function autoPayWanted(ctx: SyncContext, customer: Customer, input: PaymentMethodInput | undefined): boolean {
  return (customer.paymentMethod !== undefined || input !== undefined) && chargesAutomatically(subscriptionsOnPlans(ctx, customer.id));
}

/**
 * Keeps the account's auto-pay as the customer's subscriptions want it: a customer synced for an
 * INVOICE subscription and given a CHARGE one later is charged from then on, and the other way round.
 */
export async function alignAutoPay(ctx: SyncContext, customer: Customer): Promise<void> {
  if (!customer.billingId) return;
  const wanted = autoPayWanted(ctx, customer, undefined);
  const account = await ctx.zuora.getAccount(customer.billingId);
  if ((account.auto_pay ?? false) !== wanted) await ctx.zuora.updateAccount(account.id, { auto_pay: wanted });
}

async function pushAccount(ctx: SyncContext, customer: Customer, input: PaymentMethodInput | undefined, at: string): Promise<Customer> {
  const paymentTerm = await paymentTermOf(ctx, customer);
  const autoPay = autoPayWanted(ctx, customer, input);
  let record: Customer;
  if (customer.billingId === undefined) {
    // The payment method rides along and becomes the default, so auto-pay can be on from the start.
    const account = await ctx.zuora.createAccount({
      ...newAccountBody(ctx, customer, paymentTerm),
      ...(input ? { payment_method: paymentMethodFields(input) } : {}),
      auto_pay: autoPay,
    });
    record = {
      ...customer,
      billingId: account.id,
      billingAccountNumber: await accountNumberOf(ctx, account),
      ...(input ? { paymentMethod: storedPaymentMethod(input, account.default_payment_method_id) } : {}),
    };
    await ctx.store.putCustomer(record);
    // The platform logged CUSTOMER_CREATED when the customer was made; this is its Zuora link.
    await ctx.store.appendEvent({
      type: 'CUSTOMER_UPDATED',
      at,
      customerId: customer.id,
      data: { billingId: record.billingId, billingAccountNumber: record.billingAccountNumber },
    });
    if (!input) await adoptPaymentMethod(ctx, record, account, autoPay);
  } else {
    const account = await ctx.zuora.getAccount(customer.billingId);
    await ctx.zuora.updateAccount(account.id, { ...accountFields(ctx, customer, paymentTerm), bill_to: billToContact(customer) });
    record = { ...customer, billingAccountNumber: await accountNumberOf(ctx, account) };
    await ctx.store.putCustomer(record);
    if (input) record = await addPaymentMethod(ctx, record, account, input, autoPay);
    else await adoptPaymentMethod(ctx, record, account, autoPay);
  }
  const synced: Customer = { ...record, sync: { status: 'SYNCED', at } };
  await ctx.store.putCustomer(synced);
  return synced;
}
