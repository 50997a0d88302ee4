import { createCoupon, createPromotionCode, deleteCoupon, getCoupon, getPromotionCode, updateCoupon, updatePromotionCode, type CouponInput } from '../../domain/stripe/coupons.js';
import { COUPONS, PROMOTION_CODES, type StripeCoupon, type StripePromotionCode } from '../../domain/stripe/model.js';
import { nowOn } from '../../domain/stripe/time.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { deleted, paramsOf, viewOf, write } from './context.js';
import { page } from './list.js';
import { allowOnly, bool, int, metadata, nullableStr, obj, str } from './params.js';
import { couponShape, promotionCodeShape } from './shapes/coupons.js';

const accountNow = (ctx: RequestContext): number => nowOn(viewOf(ctx), null);

/** `percent_off` may have decimals (25.5). */
function percent(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : Number.NaN;
}

export async function postCoupon(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['id', 'name', 'percent_off', 'amount_off', 'currency', 'duration', 'duration_in_months', 'max_redemptions', 'redeem_by', 'metadata', 'applies_to']);
  const input: CouponInput = {};
  const assign = <K extends keyof CouponInput>(key: K, value: CouponInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  assign('id', str(params, 'id'));
  assign('name', nullableStr(params, 'name'));
  assign('percent_off', percent(str(params, 'percent_off')));
  assign('amount_off', int(params, 'amount_off'));
  assign('currency', str(params, 'currency'));
  assign('duration', str(params, 'duration') as CouponInput['duration']);
  assign('duration_in_months', int(params, 'duration_in_months'));
  assign('max_redemptions', int(params, 'max_redemptions'));
  assign('redeem_by', int(params, 'redeem_by'));
  assign('metadata', metadata(params));
  const coupon = await write(ctx, (tx) => createCoupon(tx, input));
  return { body: couponShape(coupon, accountNow(ctx)) };
}

export const getCouponById = (ctx: RequestContext): Reply => ({ body: couponShape(getCoupon(viewOf(ctx), ctx.params.id ?? ''), accountNow(ctx)) });

export async function postCouponUpdate(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['name', 'metadata']);
  const [name, meta] = [nullableStr(params, 'name'), metadata(params)];
  const coupon = await write(ctx, (tx) => updateCoupon(tx, ctx.params.id ?? '', { ...(name !== undefined ? { name } : {}), ...(meta ? { metadata: meta } : {}) }));
  return { body: couponShape(coupon, accountNow(ctx)) };
}

export async function deleteCouponById(ctx: RequestContext): Promise<Reply> {
  const coupon = await write(ctx, (tx) => deleteCoupon(tx, ctx.params.id ?? ''));
  return deleted('coupon', coupon.id);
}

export function listCoupons(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created']);
  const now = accountNow(ctx);
  const coupons = viewOf(ctx).all<StripeCoupon>(COUPONS).filter((coupon) => !coupon.deleted);
  return { body: page(coupons, params, '/v1/coupons', (coupon) => couponShape(coupon, now)) };
}

/** `promotion[coupon]` names the coupon (clover and later); a bare `coupon` is the older spelling. */
export async function postPromotionCode(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['promotion', 'coupon', 'code', 'customer', 'expires_at', 'max_redemptions', 'active', 'metadata', 'restrictions']);
  const promotion = obj(params, 'promotion');
  const coupon = (promotion ? str(promotion, 'coupon') : undefined) ?? str(params, 'coupon');
  const [code, customer, expiresAt, max, active, meta] = [str(params, 'code'), str(params, 'customer'), int(params, 'expires_at'), int(params, 'max_redemptions'), bool(params, 'active'), metadata(params)];
  const created = await write(ctx, (tx) =>
    createPromotionCode(tx, {
      ...(coupon ? { coupon } : {}),
      ...(code ? { code } : {}),
      ...(customer ? { customer } : {}),
      ...(expiresAt !== undefined ? { expires_at: expiresAt } : {}),
      ...(max !== undefined ? { max_redemptions: max } : {}),
      ...(active !== undefined ? { active } : {}),
      ...(meta ? { metadata: meta } : {}),
    }),
  );
  return { body: promotionCodeShape(created) };
}

export const getPromotionCodeById = (ctx: RequestContext): Reply => ({ body: promotionCodeShape(getPromotionCode(viewOf(ctx), ctx.params.id ?? '')) });

export async function postPromotionCodeUpdate(ctx: RequestContext): Promise<Reply> {
  const params = paramsOf(ctx);
  allowOnly(params, ['active', 'metadata', 'restrictions']);
  const [active, meta] = [bool(params, 'active'), metadata(params)];
  const updated = await write(ctx, (tx) => updatePromotionCode(tx, ctx.params.id ?? '', { ...(active !== undefined ? { active } : {}), ...(meta ? { metadata: meta } : {}) }));
  return { body: promotionCodeShape(updated) };
}

export function listPromotionCodes(ctx: RequestContext): Reply {
  const params = paramsOf(ctx);
  allowOnly(params, ['limit', 'starting_after', 'ending_before', 'created', 'code', 'coupon', 'active', 'customer']);
  const [code, coupon, active] = [str(params, 'code'), str(params, 'coupon'), bool(params, 'active')];
  const codes = viewOf(ctx)
    .all<StripePromotionCode>(PROMOTION_CODES)
    .filter((promotion) => (!code || promotion.code === code) && (!coupon || promotion.coupon === coupon) && (active === undefined || promotion.active === active));
  return { body: page(codes, params, '/v1/promotion_codes', promotionCodeShape) };
}
