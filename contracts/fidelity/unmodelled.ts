import { UNMODELLED_ACCOUNT_FIELDS } from '../../emulator/api/v1/shapes/account.js';
import { UNMODELLED_INVOICE_FIELDS } from '../../emulator/api/v1/invoices.js';
import { UNMODELLED_ITEM_FIELDS } from '../../emulator/api/v1/shapes/invoiceItem.js';
import { UNMODELLED_ORDER_FIELDS } from '../../emulator/api/v1/shapes/order.js';
import { UNMODELLED_CHARGE_FIELDS, UNMODELLED_SUBSCRIPTION_FIELDS } from '../../emulator/api/v1/shapes/subscription.js';

/** The fields each V1 shape sends only as null, read from the shapes themselves so the ledger cannot drift. */
export const UNMODELLED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'account (`GET /v1/accounts/{account-key}`)': UNMODELLED_ACCOUNT_FIELDS,
  'subscription (`GET /v1/subscriptions/{subscription-key}`)': UNMODELLED_SUBSCRIPTION_FIELDS,
  'subscription rate plan charge': UNMODELLED_CHARGE_FIELDS,
  'invoice item (`GET /v1/invoices/{invoiceKey}/items`)': UNMODELLED_ITEM_FIELDS,
  'order (`GET /v1/orders/{orderNumber}` and the order lists)': UNMODELLED_ORDER_FIELDS,
  'invoice (`GET /v1/object/invoice/{id}`, `GET /v1/transactions/invoices/accounts/{account-key}`)': UNMODELLED_INVOICE_FIELDS,
};
