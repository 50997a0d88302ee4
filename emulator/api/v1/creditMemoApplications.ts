import { applyCreditMemoTo, unapplyCreditMemo } from '../../domain/invoices/creditMemoApplications.js';
import { applicationHandler } from './applications.js';
import { toV1CreditMemo } from './creditMemos.js';

// PUT /v1/credit-memos/{creditMemoKey}/apply and /unapply (and the /v1/creditmemos spelling); both answer GETCreditMemoType.

export const putCreditMemoApply = applicationHandler('creditMemoKey', applyCreditMemoTo, toV1CreditMemo);
export const putCreditMemoUnapply = applicationHandler('creditMemoKey', unapplyCreditMemo, toV1CreditMemo);
