// Coupons, promotion codes and the discounts they make on subscription invoices, through the SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { fixturesPresent, shapeProblems, stripeSdk } from './helpers/stripe.js';

const T0 = Date.UTC(2027, 4, 1) / 1000; // 2027-05-01
const JUNE_1 = Date.UTC(2027, 5, 1) / 1000;

let emulator: RunningEmulator;
let stripe: Stripe;
let price: Stripe.Price;
let clock: Stripe.TestHelpers.TestClock;

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0, now: '2027-05-01T00:00:00Z' });
  stripe = stripeSdk(emulator.stripe?.url ?? '', emulator.stripe?.secretKey ?? '', { maxNetworkRetries: 0 });
  const product = await stripe.products.create({ name: 'Acme Pro Plan' });
  price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
  clock = await stripe.testHelpers.testClocks.create({ frozen_time: T0 });
});

afterAll(async () => {
  await emulator?.close();
});

/** A customer on the test clock with a good card, subscribed with the given discounts. */
async function subscribe(discounts: Stripe.SubscriptionCreateParams.Discount[]): Promise<Stripe.Subscription> {
  const customer = await stripe.customers.create({ name: 'Discounted', test_clock: clock.id });
  const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
  return stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], discounts, expand: ['latest_invoice'] });
}

const renewalOf = async (subscription: Stripe.Subscription) =>
  (await stripe.invoices.list({ subscription: subscription.id })).data.find((invoice) => invoice.billing_reason === 'subscription_cycle');

describe('coupons and promotion codes', () => {
  let forever: Stripe.Coupon;
  let once: Stripe.Coupon;
  let spring: Stripe.PromotionCode;
  let foreverSub: Stripe.Subscription;
  let onceSub: Stripe.Subscription;

  it('makes coupons (percentage or amount) and a promotion code for one of them', async () => {
    forever = await stripe.coupons.create({ percent_off: 25, duration: 'forever', name: '25% off' });
    once = await stripe.coupons.create({ id: 'WELCOME5', amount_off: 500, currency: 'usd', duration: 'once' });
    expect(forever.id).toMatch(/^[A-Z0-9]{8}$/);
    expect(once).toMatchObject({ id: 'WELCOME5', valid: true, times_redeemed: 0 });
    spring = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: forever.id }, code: 'SPRING' });
    expect(spring.promotion.coupon).toBe(forever.id);
    await expect(stripe.coupons.create({ duration: 'once' })).rejects.toMatchObject({ code: 'parameter_missing' });
  });

  it('takes 25% off every invoice of a subscription that redeemed the promotion code', async () => {
    foreverSub = await subscribe([{ promotion_code: spring.id }]);
    const first = foreverSub.latest_invoice as Stripe.Invoice;
    // $20.00 less 25% = $15.00
    expect(first.total).toBe(1500);
    expect(first.amount_paid).toBe(1500);
    expect(first.subtotal).toBe(2000);
    expect(first.total_discount_amounts?.[0]?.amount).toBe(500);
    expect((await stripe.promotionCodes.retrieve(spring.id)).times_redeemed).toBe(1);
    expect((await stripe.coupons.retrieve(forever.id)).times_redeemed).toBe(1);
  });

  it('takes $5 off the first invoice only for a once coupon', async () => {
    onceSub = await subscribe([{ coupon: 'WELCOME5' }]);
    expect((onceSub.latest_invoice as Stripe.Invoice).total).toBe(1500);
  });

  it('keeps a deleted coupon working on the discounts made from it, while refusing new redemptions', async () => {
    await stripe.coupons.del(forever.id);
    await expect(subscribe([{ coupon: forever.id }])).rejects.toMatchObject({ code: 'resource_missing' });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JUNE_1 + 2 * 3600 });
    expect((await renewalOf(foreverSub))?.total).toBe(1500);
    expect((await renewalOf(onceSub))?.total).toBe(2000);
  });

  it('refuses a promotion code that was turned off', async () => {
    const code = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: 'WELCOME5' }, code: 'OFF' });
    await stripe.promotionCodes.update(code.id, { active: false });
    await expect(subscribe([{ promotion_code: code.id }])).rejects.toMatchObject({ code: 'promotion_code_invalid' });
  });

  it('removes a subscription discount', async () => {
    await stripe.subscriptions.deleteDiscount(foreverSub.id);
    expect((await stripe.subscriptions.retrieve(foreverSub.id)).discounts).toEqual([]);
  });

  it.skipIf(!fixturesPresent)('answers coupons and promotion codes shaped like the fixtures', async () => {
    expect(shapeProblems(await stripe.coupons.retrieve('WELCOME5'), 'coupon')).toEqual([]);
    expect(shapeProblems(await stripe.promotionCodes.retrieve(spring.id), 'promotion_code')).toEqual([]);
  });
});
