import { describe, expect, it } from 'vitest';
import { DomainError } from '../emulator/domain/errors.js';
import { compileCondition, conditionContext } from '../emulator/events/conditions.js';
import type { ChangeType } from '../emulator/state/changeFeed.js';
import type { StoredRecord } from '../emulator/state/document.js';

type Fields = Record<string, unknown>;

/** A change as the store records it: camelCase fields, custom fields under `customFields`. */
function change(object: string, changeType: ChangeType, before: Fields | null, after: Fields | null) {
  const record = (fields: Fields | null) => (fields ? ({ id: `${object.toLowerCase()}-1`, ...fields } as StoredRecord) : null);
  return { object, changeType, before: record(before), after: record(after) };
}

const fires = (condition: string, changed: ReturnType<typeof change>): boolean => compileCondition(condition).matches(conditionContext(changed));

function rejection(condition: string): DomainError {
  try {
    compileCondition(condition);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`'${condition}' compiled`);
}

const invoice = (fields: Fields) => ({ status: 'Posted', balance: 100, amount: 100, invoiceNumber: 'INV00000001', ...fields });

describe('the seeds\' trigger conditions', () => {
  it('StiggInvoicePaidEvent fires when an update leaves the balance at zero', () => {
    const condition = "changeType =~ ['UPDATE'] && Invoice.Balance == 0";
    expect(fires(condition, change('Invoice', 'UPDATE', invoice({}), invoice({ balance: 0 })))).toBe(true);
    expect(fires(condition, change('Invoice', 'UPDATE', invoice({}), invoice({ balance: 40 })))).toBe(false);
    // A zero invoice created as such was never unpaid.
    expect(fires(condition, change('Invoice', 'INSERT', null, invoice({ balance: 0 })))).toBe(false);
  });

  it('StiggInvoicePostedEvent fires for a posted invoice with something owed, created or updated', () => {
    const condition = "changeType =~ ['INSERT','UPDATE'] && Invoice.Status == 'Posted' && Invoice.Balance > 0";
    expect(fires(condition, change('Invoice', 'INSERT', null, invoice({})))).toBe(true);
    expect(fires(condition, change('Invoice', 'UPDATE', invoice({ status: 'Draft' }), invoice({})))).toBe(true);
    expect(fires(condition, change('Invoice', 'UPDATE', invoice({}), invoice({ balance: 0 })))).toBe(false);
    expect(fires(condition, change('Invoice', 'INSERT', null, invoice({ status: 'Draft' })))).toBe(false);
    expect(fires(condition, change('Invoice', 'DELETE', invoice({}), null))).toBe(false);
  });

  it('StiggSubscriptionCancelledEvent fires on any change that shows the subscription cancelled', () => {
    const condition = "Subscription.Status == 'Cancelled'";
    expect(fires(condition, change('Subscription', 'UPDATE', { status: 'Active' }, { status: 'Cancelled' }))).toBe(true);
    expect(fires(condition, change('Subscription', 'INSERT', null, { status: 'Cancelled' }))).toBe(true);
    expect(fires(condition, change('Subscription', 'UPDATE', { status: 'Cancelled' }, { status: 'Active' }))).toBe(false);
  });

  it('StiggSubscriptionUpdatedEvent fires when a new latest version is written', () => {
    const condition = "changeType == 'INSERT' && Subscription.IsLatestVersion == true";
    expect(fires(condition, change('Subscription', 'INSERT', null, { isLatestVersion: true, version: 2 }))).toBe(true);
    expect(fires(condition, change('Subscription', 'INSERT', null, { isLatestVersion: false }))).toBe(false);
    // The previous version losing the flag is an update, not a new version.
    expect(fires(condition, change('Subscription', 'UPDATE', { isLatestVersion: false }, { isLatestVersion: true }))).toBe(false);
  });

  it('StiggScheduledOrderCompletedEvent fires for a scheduled order that completed', () => {
    const condition = "Order.IsScheduled == true && Order.Status == 'Completed'";
    expect(fires(condition, change('Order', 'UPDATE', { isScheduled: true, status: 'Scheduled' }, { isScheduled: true, status: 'Completed' }))).toBe(true);
    expect(fires(condition, change('Order', 'INSERT', null, { isScheduled: false, status: 'Completed' }))).toBe(false);
    expect(fires(condition, change('Order', 'INSERT', null, { isScheduled: true, status: 'Scheduled' }))).toBe(false);
  });

  it('StiggCustomerCanceledEvent fires when an account is updated to Canceled', () => {
    const condition = "changeType =~ ['UPDATE'] && Account.Status == 'Canceled'";
    expect(fires(condition, change('Account', 'UPDATE', { status: 'Active' }, { status: 'Canceled' }))).toBe(true);
    expect(fires(condition, change('Account', 'INSERT', null, { status: 'Canceled' }))).toBe(false);
    expect(fires(condition, change('Account', 'UPDATE', { status: 'Canceled' }, { status: 'Active' }))).toBe(false);
  });

  it('StiggPaymentFailedEvent fires for a payment in error', () => {
    const condition = "Payment.Status == 'Error'";
    expect(fires(condition, change('Payment', 'INSERT', null, { status: 'Error', amount: 10 }))).toBe(true);
    expect(fires(condition, change('Payment', 'INSERT', null, { status: 'Processed', amount: 10 }))).toBe(false);
  });
});

describe('the condition language', () => {
  it("reads a field's value before the change through _old (Zuora's own example)", () => {
    const condition = "changeType == 'UPDATE' && Invoice.Status == 'Posted' && Invoice.Status_old != 'Posted' && Invoice.Amount > 1000.0";
    expect(fires(condition, change('Invoice', 'UPDATE', invoice({ status: 'Draft', amount: 1500 }), invoice({ amount: 1500 })))).toBe(true);
    expect(fires(condition, change('Invoice', 'UPDATE', invoice({ amount: 1500 }), invoice({ amount: 1500, balance: 0 })))).toBe(false);
    expect(fires(condition, change('Invoice', 'UPDATE', invoice({ status: 'Draft', amount: 1000 }), invoice({ amount: 1000 })))).toBe(false);
  });

  it('has !, ||, parentheses, numbers and booleans', () => {
    const posted = change('Invoice', 'UPDATE', invoice({ status: 'Draft' }), invoice({ balance: 99.5 }));
    expect(fires('!(Invoice.Balance > 100)', posted)).toBe(true);
    expect(fires("Invoice.Status == 'Draft' || Invoice.Status == 'Posted'", posted)).toBe(true);
    expect(fires("(changeType == 'INSERT' || changeType == 'UPDATE') && Invoice.Balance >= 99.5", posted)).toBe(true);
    expect(fires("changeType == 'INSERT' || changeType == 'UPDATE' && Invoice.Balance < 99.5", posted)).toBe(false);
    expect(fires('Subscription.AutoRenew == false && !Subscription.IsLatestVersion', change('Subscription', 'UPDATE', null, { autoRenew: false, isLatestVersion: false }))).toBe(true);
  });

  it('has null: an inserted record has no old values, and missing fields are null', () => {
    const inserted = change('Invoice', 'INSERT', null, invoice({}));
    expect(fires('Invoice.Status_old == null', inserted)).toBe(true);
    expect(fires('Invoice.Comments == null', inserted)).toBe(true);
    expect(fires('Invoice.Status_old == null', change('Invoice', 'UPDATE', invoice({ status: 'Draft' }), invoice({})))).toBe(false);
    expect(fires("Invoice.Status_old =~ [null, 'Draft']", inserted)).toBe(true);
  });

  it('=~ is "in the list, or matches the whole pattern"; =^ is "starts with"', () => {
    const posted = change('Invoice', 'INSERT', null, invoice({ balance: 10 }));
    expect(fires("changeType =~ ['INSERT','UPDATE']", posted)).toBe(true);
    expect(fires("changeType =~ ['DELETE']", posted)).toBe(false);
    expect(fires('Invoice.Balance =~ [0, 10]', posted)).toBe(true);
    expect(fires("Invoice.InvoiceNumber =~ 'INV0+1'", posted)).toBe(true);
    expect(fires("Invoice.InvoiceNumber =~ 'NV0+1'", posted)).toBe(false);
    expect(fires("Invoice.Status =~ 'Post.*' && Invoice.Balance > 0", posted)).toBe(true);
    expect(fires("Invoice.InvoiceNumber =^ 'INV'", posted)).toBe(true);
    expect(fires("Invoice.InvoiceNumber =^ 'A'", posted)).toBe(false);
    expect(fires("Invoice.Status =~ 'Posted|\\(none\\)'", posted)).toBe(true);
  });

  it('reads custom fields by their own names and standard fields in PascalCase', () => {
    const renamed = change(
      'Account',
      'UPDATE',
      { status: 'Active', customFields: { stiggCustomerId__c: 'customer-1' } },
      { status: 'Active', customFields: { stiggCustomerId__c: 'customer-2' } },
    );
    expect(fires("Account.stiggCustomerId__c == 'customer-2' && Account.stiggCustomerId__c_old == 'customer-1'", renamed)).toBe(true);
    expect(fires("Account.Id == 'account-1'", renamed)).toBe(true);
    expect(fires("Account.status == 'Active'", renamed)).toBe(false);
  });

  it('shows a deleted record with its last values', () => {
    const deleted = change('Invoice', 'DELETE', invoice({ status: 'Draft' }), null);
    expect(fires("changeType == 'DELETE' && Invoice.Status == 'Draft' && Invoice.Status_old == 'Draft'", deleted)).toBe(true);
  });

  it('builds the context from the change: changeType, and each field with its _old twin', () => {
    const context = conditionContext(change('Subscription', 'UPDATE', { isLatestVersion: true, originalId: 'o-1' }, { isLatestVersion: false, originalId: 'o-1' }));
    expect(context).toMatchObject({
      changeType: 'UPDATE',
      Subscription: { Id: 'subscription-1', IsLatestVersion: false, IsLatestVersion_old: true, OriginalId: 'o-1', OriginalId_old: 'o-1' },
    });
  });

  it('answers no match, rather than failing, when a condition cannot be evaluated or is not true or false', () => {
    const withBadPattern = change('Invoice', 'INSERT', null, invoice({ comments: '(' }));
    expect(fires('Invoice.Status =~ Invoice.Comments', withBadPattern)).toBe(false);
    expect(fires('Invoice.Balance', withBadPattern)).toBe(false);
    expect(fires("Invoice.Status + 'x'", withBadPattern)).toBe(false);
  });

  it('compiles a text once and lists the objects it reads', () => {
    const condition = "changeType == 'INSERT' && Subscription.IsLatestVersion == true && Subscription.Status_old == null";
    expect(compileCondition(condition)).toBe(compileCondition(condition));
    expect(compileCondition(condition).objects).toEqual(['Subscription']);
    expect(compileCondition("Invoice.Balance == 0 && Account.Status == 'Active'").objects).toEqual(['Invoice', 'Account']);
  });

  it('refuses empty and malformed conditions with a message that says what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['', /cannot be empty/],
      ['   ', /cannot be empty/],
      ['Invoice.Balance ==', /not a valid expression: Unexpected end of expression/],
      ['Invoice.Balance = 0', /not a valid expression: Invalid expression token: =/],
      ["(Invoice.Status == 'Posted'", /parenthesis is never closed/],
      ["Invoice.Status == 'Posted')", /not a valid expression: Token \) \(closeParen\) unexpected/],
      ["Invoice.Status =~ '('", /pattern '\(' is not a valid regular expression/],
      ['Invoice.Status|upper', /calls 'upper', but conditions have no functions/],
    ];
    for (const [condition, message] of cases) {
      const error = rejection(condition);
      expect(error, condition).toMatchObject({ kind: 'InvalidValue', object: 'EventTrigger', field: 'condition' });
      expect(error.message, condition).toMatch(message);
    }
  });
});
