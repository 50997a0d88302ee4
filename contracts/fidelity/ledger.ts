// The fidelity ledger's facts: which official schemas the V1 answers are modelled on field by field,
// over which minor versions, and which fields of real Zuora answers the emulator still answers
// differently. contracts/fidelity/write.ts renders them into contracts/FIDELITY.md.

export interface ModelledEndpoint {
  /** Official spec operation, `METHOD /path/template`. */
  operation: string;
  /** The official response schema the answer is built on. */
  schema: string;
  /** Minor versions whose shape the emulator answers; version-gated fields inside the range are listed apart. */
  versions: string;
  /** Where the emulator builds the answer (emulator/api/v1/shapes/...), for readers of the ledger. */
  shape: string;
}

export const MODELLED_ENDPOINTS: readonly ModelledEndpoint[] = [
  { operation: 'GET /v1/accounts/{account-key}', schema: 'GETAccountType', versions: '196.0 - 341.0', shape: 'shapes/account.ts' },
  { operation: 'GET /v1/subscriptions/{subscription-key}', schema: 'GETSubscriptionByKeyWithSuccess', versions: '196.0 - 341.0', shape: 'shapes/subscription.ts' },
  { operation: 'GET /v1/invoices/{invoiceKey}/items', schema: 'GETInvoiceItemsResponse', versions: '196.0 - 341.0', shape: 'shapes/invoiceItem.ts' },
  { operation: 'GET /v1/orders/{orderNumber}', schema: 'GetOrderResponse', versions: '196.0 - 341.0', shape: 'shapes/order.ts' },
  { operation: 'GET /v1/orders', schema: 'GetAllOrdersResponseType', versions: '196.0 - 341.0', shape: 'shapes/order.ts' },
  { operation: 'GET /v1/orders/subscription/{subscriptionNumber}', schema: 'GetOrdersResponse', versions: '196.0 - 341.0', shape: 'shapes/order.ts' },
  { operation: 'GET /v1/orders/subscriptionOwner/{accountNumber}', schema: 'GetOrdersResponse', versions: '196.0 - 341.0', shape: 'shapes/order.ts' },
  { operation: 'GET /v1/orders/invoiceOwner/{accountNumber}', schema: 'GetOrdersResponse', versions: '196.0 - 341.0', shape: 'shapes/order.ts' },
  { operation: 'GET /v1/object/invoice/{id}', schema: 'ProxyGetInvoice (2017 spec)', versions: '196.0 - 341.0', shape: 'invoices.ts' },
  { operation: 'GET /v1/transactions/invoices/accounts/{account-key}', schema: 'GETInvoiceFileWrapper (2017 spec)', versions: '196.0 - 341.0', shape: 'invoices.ts' },
  { operation: 'GET /v1/transactions/payments/accounts/{account-key}', schema: 'GETPaymentsType (2017 spec)', versions: '196.0 - 341.0', shape: 'payments.ts' },
];

export interface KnownMismatch {
  /** The compared object, as named in the wire references (account, subscription, ...). */
  object: string;
  path: string;
  reason: string;
}

/** Fields of real Zuora answers the emulator answers with another name or type (none at present). */
export const KNOWN_MISMATCHES: readonly KnownMismatch[] = [];
