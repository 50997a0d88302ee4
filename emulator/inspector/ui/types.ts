// What the admin API answers, as the page reads it (emulator/admin/ and emulator/admin/inspect/).

export interface TenantInfo {
  clientId: string;
  name?: string;
  now?: string;
}

export interface Job {
  id: string;
  kind: string;
  dueAt: string;
  payload: unknown;
}

export interface JobRun extends Job {
  outcome: 'done' | 'failed';
  error?: string;
}

export interface AdvanceResult {
  now: string;
  jobsRun: number;
  ran: JobRun[];
}

export interface PaymentMethodView {
  id: string;
  type: string;
  brand: string | null;
  last4: string | null;
  expires: string | null;
  status: string;
  gatewayOutcome: string;
  numConsecutiveFailures: number;
  lastTransactionStatus: string | null;
}

export interface AccountSummary {
  id: string;
  accountNumber: string;
  name: string;
  status: string;
  currency: string;
  balance: number;
  creditBalance: number;
  autoPay: boolean;
  billCycleDay: number;
  defaultPaymentMethodId: string | null;
  billTo: { name: string; email: string | null } | null;
  customFields: Record<string, unknown>;
  paymentMethods: PaymentMethodView[];
}

export interface InvoiceEntry {
  kind: 'invoice';
  at: string;
  id: string;
  number: string;
  status: string;
  date: string;
  dueDate: string;
  amount: number;
  balance: number;
  items: Array<{ id: string; subscriptionNumber: string; subscriptionId: string; chargeNumber: string; chargeName: string; serviceStartDate: string; serviceEndDate: string; quantity: number; amount: number }>;
}

export interface CreditMemoEntry {
  kind: 'creditMemo';
  at: string;
  id: string;
  number: string;
  status: string;
  date: string;
  amount: number;
  unappliedAmount: number;
  reason: string;
  writeOff: boolean;
  source: string;
  invoices: Array<{ invoiceId: string; invoiceNumber: string | null; amount: number }>;
}

export interface PaymentEntry {
  kind: 'payment';
  at: string;
  id: string;
  number: string;
  status: string;
  date: string;
  type: string;
  amount: number;
  paymentMethodId: string | null;
  gatewayState: string;
  gatewayResponse: string | null;
  gatewayResponseCode: string | null;
  invoices: Array<{ invoiceId: string; invoiceNumber: string | null; amount: number }>;
}

export interface AccountDetail extends AccountSummary {
  subscriptions: Array<{ id: string; subscriptionNumber: string; version: number; status: string }>;
  timeline: Array<InvoiceEntry | CreditMemoEntry | PaymentEntry>;
}

export interface SubscriptionSummary {
  subscriptionNumber: string;
  id: string;
  version: number;
  status: string;
  accountId: string;
  accountNumber: string | null;
  termStartDate: string;
  termEndDate: string | null;
}

export interface ChargeView {
  id: string;
  chargeNumber: string;
  segment: number;
  name: string;
  chargeType: string;
  chargeModel: string;
  billingPeriod: string | null;
  price: number | null;
  quantity: number | null;
  currency: string;
  effectiveStartDate: string;
  effectiveEndDate: string | null;
  chargedThroughDate: string;
}

export interface VersionView {
  id: string;
  version: number;
  status: string;
  isLatestVersion: boolean;
  originalId: string;
  previousSubscriptionId: string | null;
  termStartDate: string;
  termEndDate: string | null;
  contractEffectiveDate: string;
  cancelledDate: string | null;
  createdDate: string;
  customFields: Record<string, unknown>;
  order: { id: string; orderNumber: string; status: string | null; orderDate: string | null; actions: string[] };
  ratePlans: Array<{ id: string; name: string; productRatePlanId: string; lastChangeType: string | null; charges: ChargeView[] }>;
  invoices: Array<{ id: string; invoiceNumber: string; accountId: string; amount: number; balance: number; status: string }>;
}

export interface SubscriptionDetail {
  subscriptionNumber: string;
  accountId: string;
  accountNumber: string | null;
  versions: VersionView[];
}

export interface OrderView {
  id: string;
  orderNumber: string;
  accountId: string;
  accountNumber: string;
  orderDate: string;
  status: string;
  scheduledDate: string | null;
  actions: string[];
  subscriptions: Array<{ subscriptionNumber: string; subscriptionId: string }>;
  invoiceIds: string[];
  paymentIds: string[];
  errorMessage: string | null;
  createdDate: string;
}

export interface CalloutAttempt {
  attempt: number;
  requestId: string;
  at: string;
  status: number | null;
  durationMs: number;
  error?: string;
  responseBody?: string;
}

export interface CalloutDelivery {
  id: string;
  seq: number;
  notificationId: string;
  eventName: string;
  object: string;
  objectId: string;
  accountId: string | null;
  subscriptionNumber: string | null;
  url: string;
  method: string;
  body: string | null;
  status: string;
  attempts: CalloutAttempt[];
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface Faults {
  callouts: { mode: string; remaining: number; seed: number } | null;
  payments: Array<{ accountId: string; accountNumber: string | null; remaining: number; responseCode: string; response: string }>;
}

export interface RequestEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  at: string;
  durationMs: number;
  trackId?: string;
}

export interface UsageView {
  id: string;
  accountNumber: string;
  subscriptionNumber: string;
  subscriptionId: string;
  chargeNumber: string;
  unitOfMeasure: string;
  quantity: number;
  startDateTime: string;
  endDateTime: string | null;
  status: string;
  invoiceId: string | null;
}

export interface SyncState {
  status: string;
  reason?: string;
  at: string;
}

export interface SyncCustomer {
  id: string;
  name: string;
  email?: string;
  billingId?: string;
  billingAccountNumber?: string;
  archived: boolean;
  sync?: SyncState;
}

export interface SyncSubscription {
  id: string;
  customerId: string;
  planId: string;
  status: string;
  billingId?: string;
  billingSubscriptionNumber?: string;
  historicalBillingIds: string[];
  latestInvoice?: { id: string; status: string; amount: number; requiresAction: boolean };
  sync?: SyncState;
}

export interface SyncEvent {
  id: string;
  type: string;
  at: string;
  customerId?: string;
  subscriptionId?: string;
  data: Record<string, unknown>;
}

export type SyncEngineView =
  | { linked: false }
  | { linked: true; url: string; reachable: false; error: string }
  | { linked: true; url: string; reachable: true; customers: SyncCustomer[]; subscriptions: SyncSubscription[]; events: SyncEvent[] };
