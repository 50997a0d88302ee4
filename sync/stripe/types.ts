// What the sync engine keeps of its Stripe integration, and the few Stripe objects it reads.

export interface StripeIntegration {
  /** The account's secret key (sk_test_... for a test account). */
  secretKey: string;
  /** Stripe's API base: https://api.stripe.com, or an emulator's Stripe port. */
  apiUrl: string;
  /** The webhook endpoint connect made, and its signing secret. */
  webhookEndpointId: string;
  webhookSecret: string;
  /** Compute tax with Stripe Tax on subscriptions (seed 003's toggle). */
  automaticTax: boolean;
  /** How Stripe prorates a change made now: pending for the next invoice (Stripe's default), invoiced at once, or not at all. */
  prorationBehavior?: StripeProrationBehavior;
}

export const STRIPE_PRORATION_BEHAVIORS = ['create_prorations', 'always_invoice', 'none'] as const;
export type StripeProrationBehavior = (typeof STRIPE_PRORATION_BEHAVIORS)[number];

export interface StripeSubscriptionItem {
  id: string;
  price: { id: string };
  quantity: number;
}

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}

export interface StripeSubscription {
  id: string;
  status: string;
  customer: string;
  latest_invoice: string | null;
  metadata: Record<string, string>;
  items: StripeList<StripeSubscriptionItem>;
}

export interface StripeInvoice {
  id: string;
  status: string;
  customer: string;
  billing_reason: string;
  currency: string;
  period_start: number;
  period_end: number;
  amount_due: number;
  parent: { subscription_details: { subscription: string } | null } | null;
}

export interface StripeEvent {
  id: string;
  type: string;
  data: { object: Record<string, unknown> & { id: string } };
}

export type FormParams = Readonly<Record<string, unknown>>;
