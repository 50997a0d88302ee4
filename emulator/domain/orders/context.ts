import type { Transaction } from '../../state/transaction.js';
import type { Account } from '../accounts.js';
import { invalidValue } from '../errors.js';
import type { OrderActionInput } from './model.js';
import { ORDERS } from './model.js';

/**
 * The dates an order action takes effect on. The contract effective date defaults to the order date;
 * the other two are null unless the order gives them (charges they trigger then start with the contract).
 */
export interface TriggerDates {
  contractEffective: string;
  serviceActivation: string | null;
  customerAcceptance: string | null;
}

/** What every order action works with. */
export interface ActionContext {
  tx: Transaction;
  account: Account;
  orderId: string;
  orderNumber: string;
  orderDate: string;
  dates: TriggerDates;
  /** Where the action sits in the request, e.g. `subscriptions[0].orderActions[1]`, for error messages. */
  field: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(value: string, field: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(value))) throw invalidValue(ORDERS, field, `'${field}' must be a date (YYYY-MM-DD), got '${value}'`);
  return value;
}

/** Reads an action's trigger dates; only the contract effective date has a default. */
export function triggerDatesOf(action: OrderActionInput, orderDate: string, field: string): TriggerDates {
  const given = new Map((action.triggerDates ?? []).map((trigger, index) => [trigger.name, checkDate(trigger.triggerDate, `${field}.triggerDates[${index}].triggerDate`)]));
  const contractEffective = given.get('ContractEffective') ?? orderDate;
  return {
    contractEffective,
    serviceActivation: given.get('ServiceActivation') ?? null,
    customerAcceptance: given.get('CustomerAcceptance') ?? null,
  };
}

/** The date a charge starts on, by the event that triggers it. */
export function dateForTrigger(dates: TriggerDates, triggerEvent: string): string {
  if (triggerEvent === 'ServiceActivation') return dates.serviceActivation ?? dates.contractEffective;
  if (triggerEvent === 'CustomerAcceptance') return dates.customerAcceptance ?? dates.serviceActivation ?? dates.contractEffective;
  return dates.contractEffective;
}
