// Price and quantity changes in the middle of a period, through Stripe's official SDK: the unused
// time of the old item credited and the remaining time of the new one charged, as proration
// invoice items that wait for the renewal (create_prorations), are invoiced at once
// (always_invoice), or are not made (none). Amounts are worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { fixturesPresent, shapeProblems, stripeSdk } from './helpers/stripe.js';

const FEB_1 = Date.UTC(2027, 1, 1) / 1000; // a 28-day period: 1 Feb to 1 Mar 2027
const FEB_11 = Date.UTC(2027, 1, 11) / 1000; // 18 of 28 days left
const FEB_15 = Date.UTC(2027, 1, 15) / 1000; // 14 of 28 days left: half
const MAR_1 = Date.UTC(2027, 2, 1) / 1000;

let emulator: RunningEmulator;
let stripe: Stripe;
let clock: Stripe.TestHelpers.TestClock;
let pro: Stripe.Price; // $30 a month
let business: Stripe.Price; // $45 a month
let seat: Stripe.Price; // $10 a seat a month

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0, now: '2027-02-01T00:00:00Z' });
  stripe = stripeSdk(emulator.stripe?.url ?? '', emulator.stripe?.secretKey ?? '');
  clock = await stripe.testHelpers.testClocks.create({ frozen_time: FEB_1 });
  const product = await stripe.products.create({ name: 'Acme Pro Plan' });
  pro = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 3000, recurring: { interval: 'month' } });
  business = await stripe.prices.create({ product: (await stripe.products.create({ name: 'Acme Business Plan' })).id, currency: 'usd', unit_amount: 4500, recurring: { interval: 'month' } });
  seat = await stripe.prices.create({ product: (await stripe.products.create({ name: 'Acme Seats' })).id, currency: 'usd', unit_amount: 1000, recurring: { interval: 'month' } });
});

afterAll(async () => {
  await emulator?.close();
});

async function subscribe(email: string, items: Stripe.SubscriptionCreateParams.Item[]): Promise<Stripe.Subscription> {
  const customer = await stripe.customers.create({ email, test_clock: clock.id });
  await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id }).then((card) => stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } }));
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items });
  expect(subscription.status).toBe('active');
  return subscription;
}

const itemOf = (subscription: Stripe.Subscription, price: Stripe.Price): Stripe.SubscriptionItem =>
  subscription.items.data.find((item) => item.price.id === price.id) as Stripe.SubscriptionItem;

const pendingProrations = async (customer: string) => (await stripe.invoiceItems.list({ customer, pending: true } as Stripe.InvoiceItemListParams)).data.filter((item) => item.proration);

const advanceTo = async (time: number) => {
  await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: time });
};

describe('prorations on item changes', () => {
  let seats: Stripe.Subscription; // create_prorations
  let upgrade: Stripe.Subscription; // always_invoice
  let quiet: Stripe.Subscription; // none

  it('signs three customers up on 1 February', async () => {
    seats = await subscribe('seats@example.com', [{ price: pro.id }, { price: seat.id, quantity: 2 }]);
    upgrade = await subscribe('upgrade@example.com', [{ price: pro.id }]);
    quiet = await subscribe('quiet@example.com', [{ price: seat.id, quantity: 2 }]);
  });

  it('always_invoice: a plan change on 11 February is invoiced and paid at once, prorated over 18 of 28 days', async () => {
    await advanceTo(FEB_11);
    const changed = await stripe.subscriptions.update(upgrade.id, {
      items: [{ id: itemOf(upgrade, pro).id, price: business.id }],
      proration_behavior: 'always_invoice',
      expand: ['latest_invoice'],
    });
    const invoice = changed.latest_invoice as Stripe.Invoice;
    expect(invoice.billing_reason).toBe('subscription_update');
    expect(invoice.status).toBe('paid');
    // Unused Pro: 3000 × 18/28 = 1928.57 -> -1929; remaining Business: 4500 × 18/28 = 2892.86 -> 2893.
    const amounts = invoice.lines.data.map((line) => line.amount).sort((a, b) => a - b);
    expect(amounts).toEqual([-1929, 2893]);
    expect(invoice.amount_paid).toBe(964);
    const credit = invoice.lines.data.find((line) => line.amount < 0);
    expect(credit?.description).toBe('Unused time on 1 × Acme Pro Plan after 11 Feb 2027');
    expect(credit?.parent?.invoice_item_details?.proration).toBe(true);
    expect(credit?.period).toEqual({ start: FEB_11, end: MAR_1 });
    expect(await pendingProrations(String(changed.customer))).toHaveLength(0);
  });

  it('create_prorations (the default): a seat change on 15 February leaves two proration items pending', async () => {
    await advanceTo(FEB_15);
    await stripe.subscriptions.update(seats.id, { items: [{ id: itemOf(seats, seat).id, quantity: 5 }] });
    const pending = await pendingProrations(String(seats.customer));
    // Half the period is left: unused 2 seats = -(2000 / 2), remaining 5 seats = 5000 / 2.
    expect(pending.map((item) => item.amount).sort((a, b) => a - b)).toEqual([-1000, 2500]);
    for (const item of pending) {
      expect(item.invoice).toBeNull();
      expect(item.parent?.subscription_details).toMatchObject({ subscription: seats.id, subscription_item: itemOf(seats, seat).id });
      if (fixturesPresent) expect(shapeProblems(JSON.parse(JSON.stringify(item)), 'invoiceitem')).toEqual([]);
    }
    // No invoice was made for the change.
    expect((await stripe.invoices.list({ subscription: seats.id })).data).toHaveLength(1);
  });

  it('none: a quantity change makes no prorations', async () => {
    await stripe.subscriptions.update(quiet.id, { items: [{ id: itemOf(quiet, seat).id, quantity: 4 }], proration_behavior: 'none' });
    expect(await pendingProrations(String(quiet.customer))).toHaveLength(0);
  });

  it('refuses an unknown proration_behavior and a proration_date outside the period, changing nothing', async () => {
    const wrong = await stripe.subscriptions.update(quiet.id, { items: [{ id: itemOf(quiet, seat).id, quantity: 9 }], proration_behavior: 'sometimes' as 'none' }).catch((error: unknown) => error);
    expect(wrong).toMatchObject({ type: 'StripeInvalidRequestError', param: 'proration_behavior', statusCode: 400 });
    const early = await stripe.subscriptions.update(quiet.id, { items: [{ id: itemOf(quiet, seat).id, quantity: 9 }], proration_date: FEB_1 - 86_400 }).catch((error: unknown) => error);
    expect(early).toMatchObject({ type: 'StripeInvalidRequestError', param: 'proration_date' });
    expect((await stripe.subscriptionItems.retrieve(itemOf(quiet, seat).id)).quantity).toBe(4);
  });

  it('the renewal on 1 March carries the pending prorations beside the new period', async () => {
    await advanceTo(MAR_1 + 2 * 3600);
    const renewal = (await stripe.invoices.list({ subscription: seats.id })).data.find((invoice) => invoice.billing_reason === 'subscription_cycle');
    expect(renewal?.status).toBe('paid');
    // March: Pro 3000 + 5 seats 5000; February's prorations -1000 + 2500.
    expect(renewal?.amount_paid).toBe(3000 + 5000 - 1000 + 2500);
    expect(renewal?.lines.data.filter((line) => line.parent?.invoice_item_details?.proration)).toHaveLength(2);
    const quietRenewal = (await stripe.invoices.list({ subscription: quiet.id })).data.find((invoice) => invoice.billing_reason === 'subscription_cycle');
    // No prorations: March at the new quantity only.
    expect(quietRenewal?.amount_paid).toBe(4000);
    const upgradeRenewal = (await stripe.invoices.list({ subscription: upgrade.id })).data.find((invoice) => invoice.billing_reason === 'subscription_cycle');
    expect(upgradeRenewal?.amount_paid).toBe(4500);
  });
});
