import type { Suite } from './types.js';

/**
 * Settling the invoices suite's paid invoice other ways: part of the payment taken back and written
 * off instead, the write-off's credit moved off the invoice and back under both spellings of the
 * credit memo path.
 */
export const settlementSuite: Suite = {
  name: 'settlement',
  description: 'invoice write-off, credit memo apply and unapply',
  steps: [
    {
      name: 'take 1 of the payment back from the invoice',
      method: 'PUT',
      path: '/v1/payments/:paymentKey/unapply',
      params: { paymentKey: '${payment.id}' },
      body: { invoices: [{ invoiceId: '${invoiceId}', amount: 1 }] },
    },
    {
      name: 'write off what the invoice owes again',
      method: 'PUT',
      path: '/v1/invoices/:invoiceKey/write-off',
      params: { invoiceKey: '${invoiceId}' },
      body: { comment: 'Contract run ${runId}' },
      as: 'writeOff',
    },
    {
      name: "take the write-off's credit off the invoice",
      method: 'PUT',
      path: '/v1/credit-memos/:creditMemoKey/unapply',
      params: { creditMemoKey: '${writeOff.creditMemo.id}' },
      body: { invoices: [{ invoiceId: '${invoiceId}', amount: 1 }] },
    },
    {
      name: 'apply it again (creditmemos spelling)',
      method: 'PUT',
      path: '/v1/creditmemos/:creditMemoKey/apply',
      params: { creditMemoKey: '${writeOff.creditMemo.id}' },
      body: { invoices: [{ invoiceId: '${invoiceId}', amount: 1 }] },
    },
    {
      name: 'take it off again (creditmemos spelling)',
      method: 'PUT',
      path: '/v1/creditmemos/:creditMemoKey/unapply',
      params: { creditMemoKey: '${writeOff.creditMemo.id}' },
      body: { invoices: [{ invoiceId: '${invoiceId}', amount: 1 }] },
    },
    {
      name: 'and apply it once more',
      method: 'PUT',
      path: '/v1/credit-memos/:creditMemoKey/apply',
      params: { creditMemoKey: '${writeOff.creditMemo.id}' },
      body: { invoices: [{ invoiceId: '${invoiceId}', amount: 1 }] },
    },
  ],
};
