// Light shapes of what Zuora answers: the fields the sync engine reads, typed; everything else stays
// reachable as `unknown` through the index signatures. These are not the full specs (the contract
// harness checks answers against those) and hold no emulator types: this must work against real Zuora.

/** A JSON request body. Callers build Zuora's own request shapes; the client passes them through. */
export type JsonObject = Record<string, unknown>;

/** One HTTP exchange with Zuora, as handed to `onCall` (token requests excluded: they carry the secret). */
export interface RecordedCall {
  method: string;
  /** Path with query string, e.g. `/v1/orders?returnIds=true`. */
  path: string;
  requestBody: unknown;
  status: number;
  /** Parsed JSON, the raw text when the answer was not JSON, or undefined when it was empty. */
  responseBody: unknown;
}

export interface ZuoraClientOptions {
  /** e.g. `https://rest.apisandbox.zuora.com` or an emulator's URL; no trailing path. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  onCall?: (call: RecordedCall) => void;
  /** Per HTTP request, covering connect, headers and body. Default 30 s. */
  fetchTimeoutMs?: number;
}

// ---- Shared envelopes ----

/** What every V1 answer carries besides its payload. */
export interface V1Envelope {
  success: boolean;
  processId?: string;
  [field: string]: unknown;
}

/** `/v1/object/*` create answer. */
export interface CrudCreateResult {
  Success: boolean;
  Id: string;
  [field: string]: unknown;
}

/** Quickstart cursor page. */
export interface V2Page<T> {
  data: T[];
  next_page?: string | null;
  [field: string]: unknown;
}

/** Events and notifications offset page. */
export interface OffsetPage<T> {
  data: T[];
  /** Path of the following page; absent on the last. */
  next?: string;
  [field: string]: unknown;
}

// ---- Orders ----

export interface OrderSubscriptionResult {
  subscriptionNumber: string;
  /** Present with `returnIds`. */
  subscriptionId?: string;
  status?: string;
  [field: string]: unknown;
}

export interface CreateOrderResult extends V1Envelope {
  orderNumber: string;
  accountNumber: string;
  status: string;
  subscriptions?: OrderSubscriptionResult[];
  /** Older tenants answer this list instead of `subscriptions`. */
  subscriptionNumbers?: string[];
  orderId?: string;
  accountId?: string;
  subscriptionIds?: string[];
  invoiceNumbers?: string[];
  invoiceIds?: string[];
  paymentNumber?: string;
  paymentId?: string;
  paidAmount?: string | number;
  /** What a cancellation with `processingOptions.writeOff` wrote off. */
  writeOff?: Array<{ invoiceNumber: string; amount: number | string; status?: string; writeOffCreditMemoNumber?: string }>;
  creditMemoNumbers?: string[];
}

export interface OrderAction {
  type: string;
  [field: string]: unknown;
}

export interface Order {
  orderNumber: string;
  orderDate: string;
  status: string;
  isScheduled?: boolean;
  schedulingOptions?: { scheduledDate?: string; scheduledDatePolicy?: string };
  subscriptions: Array<{ subscriptionNumber: string; orderActions: OrderAction[]; [field: string]: unknown }>;
  [field: string]: unknown;
}

export interface OrdersPage extends V1Envelope {
  orders: Order[];
  nextPage?: string;
}

export interface CancelOrderResult extends V1Envelope {
  orderNumber: string;
  accountNumber?: string;
  status: string;
  cancelReason?: string;
}

export interface PreviewItem {
  chargeName?: string;
  chargeNumber?: string;
  productRatePlanChargeId?: string;
  serviceStartDate?: string;
  serviceEndDate?: string;
  amountWithoutTax?: number;
  taxAmount?: number;
  [field: string]: unknown;
}

export interface PreviewDocument {
  amount: number;
  amountWithoutTax?: number;
  taxAmount?: number;
  targetDate?: string;
  invoiceItems?: PreviewItem[];
  [field: string]: unknown;
}

export interface OrderPreviewResult extends V1Envelope {
  previewResult?: { invoices?: PreviewDocument[]; creditMemos?: PreviewDocument[]; [field: string]: unknown };
}

export interface SubscriptionPreviewResult extends V1Envelope {
  invoices?: PreviewDocument[];
  creditMemos?: PreviewDocument[];
}

// ---- Accounts ----

export interface V2Account {
  id: string;
  account_number: string;
  name: string;
  currency: string;
  bill_cycle_day?: number;
  payment_terms?: string;
  auto_pay?: boolean;
  default_payment_method_id?: string;
  enabled?: boolean;
  custom_fields?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface V1Account extends V1Envelope {
  basicInfo: { id: string; accountNumber: string; name: string; status: string; [field: string]: unknown };
  billingAndPayment?: {
    billCycleDay?: number;
    currency?: string;
    paymentTerm?: string;
    autoPay?: boolean;
    defaultPaymentMethodId?: string;
    [field: string]: unknown;
  };
  metrics?: { balance?: string | number; creditBalance?: string | number; [field: string]: unknown };
  billToContact?: Record<string, unknown>;
  soldToContact?: Record<string, unknown>;
}

// ---- Catalog ----

export interface V2Product {
  id: string;
  name: string;
  description?: string;
  sku?: string;
  active?: boolean;
  custom_fields?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface V2Plan {
  id: string;
  name: string;
  product_id: string;
  plan_number?: string;
  active?: boolean;
  custom_fields?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface V2Price {
  id: string;
  name: string;
  plan_id?: string;
  charge_type?: string;
  charge_model?: string;
  unit_of_measure?: string;
  quantity?: number;
  amounts?: Record<string, number>;
  unit_amounts?: Record<string, number>;
  custom_fields?: Record<string, unknown>;
  [field: string]: unknown;
}

/** `GET /v1/product-rate-plan-charges/{key}`. */
export interface V1ProductRatePlanCharge extends V1Envelope {
  id: string;
  name: string;
  type: string;
  model: string;
  productRatePlanChargeNumber?: string;
  billingPeriod?: string | null;
  defaultQuantity?: number | null;
  uom?: string | null;
  pricing?: Array<{ currency: string; price?: number | null; tiers?: unknown[] | null; [field: string]: unknown }>;
  customFields?: Record<string, unknown>;
}

// ---- Subscriptions ----

export interface V2SubscriptionItem {
  id: string;
  subscription_item_number?: string;
  price_id?: string;
  charge_type?: string;
  unit_of_measure?: string;
  quantity?: number;
  start_date?: string;
  end_date?: string;
  [field: string]: unknown;
}

export interface V2SubscriptionPlan {
  id: string;
  plan_id?: string;
  subscription_plan_number?: string;
  /** Present with `expand: ['subscription_plans.subscription_items']`. */
  subscription_items?: V2Page<V2SubscriptionItem>;
  [field: string]: unknown;
}

export interface V2Subscription {
  id: string;
  subscription_number: string;
  state?: string;
  version?: number;
  latest_version?: boolean;
  account_id?: string;
  start_date?: string;
  end_date?: string;
  /** Expanded lists come as pages, as every Quickstart list does. */
  subscription_plans?: V2Page<V2SubscriptionPlan>;
  custom_fields?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface V1RatePlanCharge {
  id: string;
  productRatePlanChargeId: string;
  number: string;
  name: string;
  type?: string;
  model?: string;
  uom?: string;
  quantity?: number;
  price?: number;
  [field: string]: unknown;
}

export interface V1Subscription extends V1Envelope {
  id: string;
  subscriptionNumber: string;
  accountId?: string;
  accountNumber?: string;
  version?: number;
  status: string;
  termStartDate?: string;
  termEndDate?: string;
  autoRenew?: boolean;
  ratePlans: Array<{
    id: string;
    productRatePlanId: string;
    ratePlanName?: string;
    subscriptionRatePlanNumber?: string;
    ratePlanCharges: V1RatePlanCharge[];
    [field: string]: unknown;
  }>;
}

// ---- Payment methods and usage ----

export interface V2PaymentMethod {
  id: string;
  type?: string;
  account_id?: string;
  state?: string;
  [field: string]: unknown;
}

export interface V2UsageRecord {
  id: string;
  account_number?: string;
  subscription_number?: string;
  subscription_item_id?: string;
  quantity: number;
  unit_of_measure?: string;
  start_time?: string;
  end_time?: string;
  state?: string;
  [field: string]: unknown;
}

export interface UsageQuery {
  /** Quickstart filters, `field.OP:value`, e.g. `state.EQ:pending`; sent as repeated `filter[]`. */
  filter?: string[];
  cursor?: string;
  pageSize?: number;
}

// ---- Invoices and payments ----

/** `/v1/object/invoice/{id}`: the CRUD API capitalises field names. */
export interface CrudInvoice {
  Id: string;
  AccountId?: string;
  InvoiceNumber?: string;
  Status?: string;
  Amount?: number;
  Balance?: number;
  DueDate?: string;
  [field: string]: unknown;
}

export interface V1InvoiceItem {
  id: string;
  subscriptionId?: string;
  subscriptionName?: string;
  productRatePlanChargeId?: string;
  chargeAmount?: string | number;
  serviceStartDate?: string;
  serviceEndDate?: string;
  [field: string]: unknown;
}

export interface InvoiceItemsPage extends V1Envelope {
  invoiceItems: V1InvoiceItem[];
  nextPage?: string;
}

export interface V1Payment extends V1Envelope {
  id: string;
  number?: string;
  status?: string;
  amount?: number;
}

export interface HostedPage {
  pageId: string;
  pageName?: string;
  pageType?: string;
  pageVersion?: string;
  [field: string]: unknown;
}

export interface HostedPagesList extends V1Envelope {
  hostedpages: HostedPage[];
}

export interface RsaSignature extends V1Envelope {
  signature: string;
  token: string;
  tenantId: string;
  key: string;
}

// ---- Integration setup ----

export interface CustomFieldDefinition {
  type?: string;
  schema?: { properties?: Record<string, unknown>; [field: string]: unknown };
  [field: string]: unknown;
}

export interface EventTrigger {
  id: string;
  baseObject: string;
  condition: string;
  active: boolean;
  eventType: { name: string; displayName?: string; description?: string; namespace?: string };
  description?: string;
  [field: string]: unknown;
}

export interface EventTriggerQuery {
  baseObject?: string;
  eventTypeName?: string;
  active?: boolean;
  start?: number;
  limit?: number;
}

export interface CalloutTemplate {
  id: string;
  name: string;
  active?: boolean;
  calloutBaseurl?: string;
  httpMethod?: string;
  eventTypeName?: string;
  eventCategory?: number;
  [field: string]: unknown;
}

export interface CalloutTemplateQuery {
  eventTypeName?: string;
  eventCategory?: number;
  name?: string;
  start?: number;
  limit?: number;
}

export interface NotificationDefinition {
  id: string;
  name: string;
  active?: boolean;
  eventTypeName?: string;
  eventCategory?: number;
  calloutActive?: boolean;
  calloutTemplateIds?: string[];
  [field: string]: unknown;
}

export interface NotificationQuery {
  eventTypeName?: string;
  eventCategory?: number;
  start?: number;
  limit?: number;
}

export interface PaymentTerm {
  name: string;
  active?: boolean;
  default?: boolean;
  dueDays?: number;
  [field: string]: unknown;
}
