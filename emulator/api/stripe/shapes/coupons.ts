import { couponValid } from '../../../domain/stripe/coupons.js';
import type { StripeCoupon, StripePromotionCode } from '../../../domain/stripe/model.js';
import { base } from './common.js';

/** `valid` is judged at `now` (the account's clock). */
export function couponShape(coupon: StripeCoupon, now: number) {
  return {
    ...base('coupon', coupon.id),
    amount_off: coupon.amount_off,
    created: coupon.created,
    currency: coupon.currency,
    duration: coupon.duration,
    duration_in_months: coupon.duration_in_months,
    max_redemptions: coupon.max_redemptions,
    metadata: coupon.metadata,
    name: coupon.name,
    percent_off: coupon.percent_off,
    redeem_by: coupon.redeem_by,
    times_redeemed: coupon.times_redeemed,
    valid: couponValid(coupon, now),
  };
}

/** Since clover the coupon sits under `promotion`. */
export function promotionCodeShape(code: StripePromotionCode) {
  return {
    ...base('promotion_code', code.id),
    active: code.active,
    code: code.code,
    created: code.created,
    customer: code.customer,
    customer_account: null,
    expires_at: code.expires_at,
    max_redemptions: code.max_redemptions,
    metadata: code.metadata,
    promotion: { coupon: code.coupon, type: 'coupon' },
    restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
    times_redeemed: code.times_redeemed,
  };
}
