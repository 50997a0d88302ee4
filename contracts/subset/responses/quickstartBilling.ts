import { array, bool, date, num, oneOf, ref, str, nullable, type SchemaMap } from '../schema.js';
import { audit, closed, page } from './quickstart.js';

// Quickstart billing documents and payments (the spec's invoice, invoiceItem, payment and
// creditMemo), limited to what the emulator answers, closed as the spec closes them.

const postedTime = closed({ posted_time: str() });
const appliedTo = closed({ billing_document_id: str(), billing_document_type: oneOf('invoice', 'debit_memo'), amount: num() });

/** What an invoice and a credit memo both carry. */
const billingDocument: SchemaMap = {
  ...audit,
  account_id: str(),
  account_number: str(),
  account: ref('Account'),
  description: str(),
  document_date: date(),
  currency: str(),
  state_transitions: postedTime,
  posted_by_id: str(),
  total: num(),
  subtotal: num(),
  tax: num(),
  balance: num(),
  remaining_balance: num(),
  transfer_to_accounting: bool(),
  bill_to_id: nullable(str()),
};

export const QUICKSTART_BILLING_SCHEMAS: SchemaMap = {
  SubscriptionList: page('Subscription'),
  QsInvoice: closed(
    {
      ...billingDocument,
      invoice_number: str(),
      due_date: date(),
      state: oneOf('draft', 'posted', 'open', 'canceled', 'failed'),
      paid: bool(),
      past_due: bool(),
      sold_to_id: nullable(str()),
      payment_terms: nullable(str()),
      items: ref('QsInvoiceItemList'),
    },
    ['id', 'invoice_number', 'state'],
  ),
  QsInvoiceList: page('QsInvoice'),
  QsInvoiceItem: closed(
    {
      ...audit,
      invoice_id: str(),
      invoice: ref('QsInvoice'),
      name: str(),
      description: str(),
      amount: num(),
      tax: num(),
      quantity: num(),
      unit_amount: num(),
      unit_of_measure: str(),
      service_start: date(),
      service_end: date(),
      subscription_id: str(),
      subscription_item_id: str(),
      price_id: str(),
      discount_item: bool(),
      tax_inclusive: bool(),
    },
    ['id', 'invoice_id'],
  ),
  QsInvoiceItemList: page('QsInvoiceItem'),
  QsPayment: closed(
    {
      ...audit,
      account_id: str(),
      account_number: str(),
      account: ref('Account'),
      payment_number: str(),
      description: str(),
      reference_id: str(),
      amount: num(),
      amount_applied: num(),
      remaining_balance: num(),
      amount_refunded: num(),
      currency: str(),
      payment_date: date(),
      payment_method_id: str(),
      external: bool(),
      state: oneOf('draft', 'posted', 'processing', 'processed', 'error', 'canceled'),
      gateway_state: oneOf('marked_for_submission', 'submitted', 'settled', 'not_submitted', 'failed'),
      gateway_response: str(),
      gateway_response_code: str(),
      applied_to: array(appliedTo),
    },
    ['id', 'payment_number', 'state'],
  ),
  QsPaymentList: page('QsPayment'),
  QsCreditMemo: closed(
    {
      ...billingDocument,
      credit_memo_number: str(),
      reason_code: str(),
      invoice_id: str(),
      state: oneOf('draft', 'posted', 'canceled', 'failed'),
      amount_refunded: num(),
      applied_to: array(appliedTo),
    },
    ['id', 'credit_memo_number', 'state'],
  ),
  QsCreditMemoList: page('QsCreditMemo'),
};
