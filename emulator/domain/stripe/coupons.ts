import type { ReadView, Transaction } from '../../state/transaction.js';
import { mergeMetadata } from './customers.js';
import { badState, invalidParam, missingParam, noSuch } from './errors.js';
import { emit } from './events.js';
import { stripeId } from './ids.js';
import { COUPONS, PROMOTION_CODES, type Metadata, type DiscountTerms, type StripeCoupon, type StripeDiscount, type StripePromotionCode } from './model.js';
import { addInterval, nowOn } from './time.js';

export interface CouponInput {
  id?: string;
  name?: string | null;
  percent_off?: number;
  amount_off?: number;
  currency?: string;
  duration?: StripeCoupon['duration'];
  duration_in_months?: number;
  max_redemptions?: number;
  redeem_by?: number;
  metadata?: Metadata;
}

const COUPON_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function getCoupon(view: ReadView, id: string, param = 'id'): StripeCoupon {
  const coupon = view.get<StripeCoupon>(COUPONS, id);
  if (!coupon || coupon.deleted) throw noSuch('coupon', id, param);
  return coupon;
}

/** A coupon's id is the one given, else eight characters, as Stripe makes them. */
export function createCoupon(tx: Transaction, input: CouponInput): StripeCoupon {
  if (input.percent_off === undefined && input.amount_off === undefined) throw missingParam('percent_off');
  if (input.percent_off !== undefined && input.amount_off !== undefined) throw invalidParam('amount_off', 'You may only specify one of these parameters: amount_off, percent_off.', 'parameter_invalid_integer');
  if (input.percent_off !== undefined && !(input.percent_off > 0 && input.percent_off <= 100)) throw invalidParam('percent_off', 'percent_off must be above 0 and at most 100.', 'parameter_invalid_integer');
  if (input.amount_off !== undefined && !input.currency) throw missingParam('currency');
  const duration = input.duration ?? 'once';
  if (duration === 'repeating' && !input.duration_in_months) throw missingParam('duration_in_months');
  const generated = stripeId(tx, 'c').slice(2);
  const id = input.id ?? [...generated.slice(0, 8)].map((char) => COUPON_ALPHABET[char.charCodeAt(0) % COUPON_ALPHABET.length]).join('');
  if (tx.get(COUPONS, id)) throw badState('Coupon already exists.', 'resource_already_exists', 'id');
  const coupon = tx.insert<StripeCoupon>(COUPONS, {
    id,
    created: nowOn(tx, null),
    name: input.name ?? null,
    percent_off: input.percent_off ?? null,
    amount_off: input.amount_off ?? null,
    currency: input.currency?.toLowerCase() ?? null,
    duration,
    duration_in_months: duration === 'repeating' ? (input.duration_in_months ?? null) : null,
    max_redemptions: input.max_redemptions ?? null,
    redeem_by: input.redeem_by ?? null,
    times_redeemed: 0,
    metadata: input.metadata ?? {},
    deleted: false,
  });
  emit(tx, 'coupon.created', COUPONS, coupon);
  return coupon;
}

/** Only the name and metadata of a coupon change. */
export function updateCoupon(tx: Transaction, id: string, input: { name?: string | null; metadata?: Metadata }): StripeCoupon {
  const coupon = getCoupon(tx, id);
  const updated = tx.update<StripeCoupon>(COUPONS, id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.metadata ? { metadata: mergeMetadata(coupon.metadata, input.metadata) } : {}),
  });
  emit(tx, 'coupon.updated', COUPONS, updated);
  return updated;
}

/** Deleting a coupon stops new redemptions; discounts already made from it go on applying. */
export function deleteCoupon(tx: Transaction, id: string): StripeCoupon {
  const coupon = getCoupon(tx, id);
  const deleted = tx.update<StripeCoupon>(COUPONS, id, { deleted: true });
  emit(tx, 'coupon.deleted', COUPONS, coupon);
  return deleted;
}

export function couponValid(coupon: StripeCoupon, now: number): boolean {
  return !coupon.deleted && (coupon.redeem_by === null || now < coupon.redeem_by) && (coupon.max_redemptions === null || coupon.times_redeemed < coupon.max_redemptions);
}

export interface PromotionCodeInput {
  coupon?: string;
  code?: string;
  customer?: string;
  expires_at?: number;
  max_redemptions?: number;
  active?: boolean;
  metadata?: Metadata;
}

export function getPromotionCode(view: ReadView, id: string, param = 'id'): StripePromotionCode {
  const code = view.get<StripePromotionCode>(PROMOTION_CODES, id);
  if (!code) throw noSuch('promotion_code', id, param);
  return code;
}

export function createPromotionCode(tx: Transaction, input: PromotionCodeInput): StripePromotionCode {
  if (!input.coupon) throw missingParam('promotion[coupon]');
  const coupon = getCoupon(tx, input.coupon, 'promotion[coupon]');
  const id = stripeId(tx, 'promo');
  const code = input.code ?? id.slice(6, 14).toUpperCase();
  if (tx.all<StripePromotionCode>(PROMOTION_CODES).some((other) => other.active && other.code.toLowerCase() === code.toLowerCase())) {
    throw badState('An active promotion code with this code already exists.', 'resource_already_exists', 'code');
  }
  const promotion = tx.insert<StripePromotionCode>(PROMOTION_CODES, {
    id,
    created: nowOn(tx, null),
    code,
    coupon: coupon.id,
    active: input.active ?? true,
    customer: input.customer ?? null,
    expires_at: input.expires_at ?? null,
    max_redemptions: input.max_redemptions ?? null,
    times_redeemed: 0,
    metadata: input.metadata ?? {},
  });
  emit(tx, 'promotion_code.created', PROMOTION_CODES, promotion);
  return promotion;
}

/** Promotion codes are never deleted: they are turned off with `active=false`. */
export function updatePromotionCode(tx: Transaction, id: string, input: { active?: boolean; metadata?: Metadata }): StripePromotionCode {
  const promotion = getPromotionCode(tx, id);
  const updated = tx.update<StripePromotionCode>(PROMOTION_CODES, id, {
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(input.metadata ? { metadata: mergeMetadata(promotion.metadata, input.metadata) } : {}),
  });
  emit(tx, 'promotion_code.updated', PROMOTION_CODES, updated);
  return updated;
}

/**
 * Redeems a coupon (directly or through a promotion code) into a discount that starts now and
 * ends as its duration says: `once` after the first invoice, `repeating` after N months, `forever` never.
 */
export function redeem(tx: Transaction, entry: { coupon?: string; promotion_code?: string }, customer: string, testClock: string | null, param: string): StripeDiscount {
  const now = nowOn(tx, testClock);
  let promotion: StripePromotionCode | undefined;
  if (entry.promotion_code) {
    promotion = getPromotionCode(tx, entry.promotion_code, `${param}[promotion_code]`);
    const usable = promotion.active && (promotion.expires_at === null || now < promotion.expires_at) && (promotion.max_redemptions === null || promotion.times_redeemed < promotion.max_redemptions) && (promotion.customer === null || promotion.customer === customer);
    if (!usable) throw invalidParam(`${param}[promotion_code]`, `This promotion code cannot be redeemed.`, 'promotion_code_invalid');
    tx.update<StripePromotionCode>(PROMOTION_CODES, promotion.id, { times_redeemed: promotion.times_redeemed + 1 });
  }
  const couponId = promotion?.coupon ?? entry.coupon;
  if (!couponId) throw missingParam(`${param}[coupon]`);
  const coupon = getCoupon(tx, couponId, `${param}[coupon]`);
  if (!couponValid(coupon, now)) throw invalidParam(`${param}[coupon]`, `Coupon expired: ${coupon.id}`, 'coupon_expired');
  tx.update<StripeCoupon>(COUPONS, coupon.id, { times_redeemed: coupon.times_redeemed + 1 });
  return {
    id: stripeId(tx, 'di'),
    coupon: coupon.id,
    promotion_code: promotion?.id ?? null,
    start: now,
    end: coupon.duration === 'repeating' ? addInterval(now, 'month', coupon.duration_in_months ?? 1, new Date(now * 1000).getUTCDate()) : null,
    once: coupon.duration === 'once',
  };
}

/** The terms of the discounts that apply now, fixed on the invoice they apply to. */
export function termsOf(view: ReadView, discounts: readonly StripeDiscount[], now: number): DiscountTerms[] {
  return discounts
    .filter((discount) => discount.end === null || discount.end > now)
    .flatMap((discount) => {
      const coupon = view.get<StripeCoupon>(COUPONS, discount.coupon);
      return coupon ? [{ discount: discount.id, percent_off: coupon.percent_off, amount_off: coupon.amount_off }] : [];
    });
}

/** What the terms take off a subtotal: percentages of it and fixed amounts, never more than it. */
export function discountAmount(terms: readonly DiscountTerms[], subtotal: number): number {
  const off = terms.reduce((sum, term) => sum + (term.percent_off !== null ? Math.round((subtotal * term.percent_off) / 100) : (term.amount_off ?? 0)), 0);
  return Math.min(off, subtotal);
}

/** A `once` discount is used up by the invoice it first applied to. */
export const afterInvoice = (discounts: readonly StripeDiscount[], now: number): StripeDiscount[] =>
  discounts.map((discount) => (discount.once && discount.end === null ? { ...discount, end: now } : discount));
