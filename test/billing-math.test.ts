import { describe, expect, it } from 'vitest';
import type { ChargeTier } from '../emulator/domain/catalog/charges.js';
import { billableItems, type BillableItem } from '../emulator/domain/billing/billableItems.js';
import { addMonths, daysBetween } from '../emulator/domain/billing/dates.js';
import { billingPeriodEnd, billingPeriodsFrom, billingSchedule, type BillingAlignment } from '../emulator/domain/billing/periods.js';
import { rateQuantity, roundMoney } from '../emulator/domain/billing/rating.js';
import type { SubscriptionCharge } from '../emulator/domain/subscriptions/model.js';

// All dates are in 2026 unless written otherwise; 2026 is not a leap year (February has 28 days).

/** A $31/month flat fee starting 2026-01-01, not billed yet; tests override what they care about. */
function charge(overrides: Partial<SubscriptionCharge> = {}): SubscriptionCharge {
  const start = overrides.effectiveStartDate ?? '2026-01-01';
  return {
    id: 'charge-1',
    subscriptionId: 'sub-1',
    ratePlanId: 'plan-1',
    originalChargeId: 'charge-1',
    chargeNumber: 'C-00000001',
    segment: 1,
    isLastSegment: true,
    productRatePlanChargeId: 'catalog-charge-1',
    name: 'Platform fee',
    chargeType: 'Recurring',
    chargeModel: 'Flat Fee Pricing',
    billingPeriod: 'Month',
    specificBillingPeriod: null,
    billingTiming: 'In Advance',
    billCycleType: 'DefaultFromCustomer',
    billCycleDay: null,
    listPriceBase: 'Per Billing Period',
    triggerEvent: 'ContractEffective',
    uom: null,
    currency: 'USD',
    quantity: null,
    price: 31,
    tiers: [],
    effectiveStartDate: start,
    effectiveEndDate: null,
    chargedThroughDate: start,
    customFields: {},
    createdDate: '2026-01-01T00:00:00.000Z',
    updatedDate: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** $10 per seat per month. */
const seats = (quantity: number, overrides: Partial<SubscriptionCharge> = {}): SubscriptionCharge =>
  charge({ name: 'Seats', chargeModel: 'Per Unit Pricing', quantity, price: 10, uom: 'Seat', ...overrides });

const tier = (number: number, startingUnit: number, endingUnit: number | null, price: number, priceFormat: ChargeTier['priceFormat'] = 'Per Unit'): ChargeTier => ({
  currency: 'USD',
  tier: number,
  startingUnit,
  endingUnit,
  price,
  priceFormat,
});

const BCD_1: BillingAlignment = { accountBillCycleDay: 1, subscriptionStartDate: '2026-01-01' };

function bill(charges: SubscriptionCharge[], target: string, alignment: BillingAlignment = BCD_1) {
  return billableItems({ ...alignment, charges }, target);
}

/** The parts of an item a test states by hand. */
const line = ({ serviceStartDate, serviceEndDate, amount, processingType }: BillableItem) => ({
  serviceStartDate,
  serviceEndDate,
  amount,
  processingType,
});

describe('dates', () => {
  it('adds months clamped to the month end, and returns to the bill cycle day after a short month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-02-28', 1, 31)).toBe('2026-03-31');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-01-15', -11)).toBe('2025-02-15');
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
  });
});

describe('rating one full period', () => {
  const graduatedSeats = [tier(1, 1, 10, 100), tier(2, 11, null, 80)];

  it('prices per-unit charges by the quantity', () => {
    // 10 seats x $10 = 100
    expect(rateQuantity(seats(10), 10)).toEqual({ amount: 100, unitPrice: 10 });
  });

  it('prices graduated tiers unit by unit', () => {
    // 12 seats: 10 x $100 (tier 1-10) + 2 x $80 (tier 11+) = 1000 + 160 = 1160
    expect(rateQuantity({ chargeModel: 'Tiered Pricing', price: null, tiers: graduatedSeats }, 12)).toEqual({ amount: 1160, unitPrice: null });
    // Zuora's other way of writing the same table (0-10, 10+) gives the same: 1000 + 160
    expect(rateQuantity({ chargeModel: 'Tiered Pricing', price: null, tiers: [tier(1, 0, 10, 100), tier(2, 10, null, 80)] }, 12).amount).toBe(1160);
  });

  it('prices volume tiers by the one tier holding the whole quantity', () => {
    // 12 seats fall in tier 11+: 12 x $80 = 960
    expect(rateQuantity({ chargeModel: 'Volume Pricing', price: null, tiers: graduatedSeats }, 12)).toEqual({ amount: 960, unitPrice: 80 });
    // 10 seats are still in tier 1-10: 10 x $100 = 1000
    expect(rateQuantity({ chargeModel: 'Volume Pricing', price: null, tiers: graduatedSeats }, 10).amount).toBe(1000);
  });

  it('charges a flat-fee tier once, whatever the units in it', () => {
    const tiers = [tier(1, 1, 10, 500, 'Flat Fee'), tier(2, 11, null, 40)];
    // volume, 8 seats: tier 1-10 is a flat $500
    expect(rateQuantity({ chargeModel: 'Volume Pricing', price: null, tiers }, 8)).toEqual({ amount: 500, unitPrice: null });
    // graduated, 12 seats: $500 for tier 1-10 + 2 x $40 = 580
    expect(rateQuantity({ chargeModel: 'Tiered Pricing', price: null, tiers }, 12).amount).toBe(580);
  });

  it('rounds money half away from zero', () => {
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(-2.345)).toBe(-2.35);
    expect(Object.is(roundMoney(-0.004), 0)).toBe(true);
  });
});

describe('recurring charges in advance', () => {
  it('bills a partial first period up to the bill cycle day, then whole months', () => {
    const { items, chargedThroughDates } = bill([charge({ effectiveStartDate: '2026-01-15' })], '2026-02-01');
    expect(items.map(line)).toEqual([
      // [Jan 15, Feb 1) is 17 of January's 31 days: 17/31 x $31 = 17.00
      { serviceStartDate: '2026-01-15', serviceEndDate: '2026-02-01', amount: 17, processingType: 'Charge' },
      // a whole February
      { serviceStartDate: '2026-02-01', serviceEndDate: '2026-03-01', amount: 31, processingType: 'Charge' },
    ]);
    expect(chargedThroughDates).toEqual({ 'charge-1': '2026-03-01' });
  });

  it('bills per-unit charges for their quantity', () => {
    const { items } = bill([seats(10)], '2026-01-01');
    // 10 seats x $10 for [Jan 1, Feb 1) = 100.00
    expect(items).toEqual([
      {
        chargeId: 'charge-1',
        chargeNumber: 'C-00000001',
        chargeName: 'Seats',
        ratePlanId: 'plan-1',
        subscriptionId: 'sub-1',
        serviceStartDate: '2026-01-01',
        serviceEndDate: '2026-02-01',
        quantity: 10,
        unitPrice: 10,
        amount: 100,
        processingType: 'Charge',
      },
    ]);
  });

  it('bills an annual charge starting on the bill cycle day as one whole year', () => {
    const { items } = bill([charge({ billingPeriod: 'Annual', price: 1200 })], '2026-01-01');
    // starts on BCD 1: no partial period; [2026-01-01, 2027-01-01) = 1200.00
    expect(items.map(line)).toEqual([{ serviceStartDate: '2026-01-01', serviceEndDate: '2027-01-01', amount: 1200, processingType: 'Charge' }]);
  });

  it('prorates an annual charge starting off the bill cycle day against the year ending on it', () => {
    const { items } = bill([charge({ billingPeriod: 'Annual', price: 365, effectiveStartDate: '2026-01-15' })], '2026-02-01');
    expect(items.map(line)).toEqual([
      // full period [2025-02-01, 2026-02-01) = 365 days: 17/365 x $365 = 17.00
      { serviceStartDate: '2026-01-15', serviceEndDate: '2026-02-01', amount: 17, processingType: 'Charge' },
      { serviceStartDate: '2026-02-01', serviceEndDate: '2027-02-01', amount: 365, processingType: 'Charge' },
    ]);
  });

  it('keeps bill cycle day 31 on the last day of February and comes back to the 31st', () => {
    const alignment = { ...BCD_1, accountBillCycleDay: 31 };
    const { items } = bill([charge({ price: 28, effectiveStartDate: '2026-01-31' })], '2026-03-31', alignment);
    expect(items.map((item) => [item.serviceStartDate, item.serviceEndDate, item.amount])).toEqual([
      ['2026-01-31', '2026-02-28', 28],
      ['2026-02-28', '2026-03-31', 28],
      ['2026-03-31', '2026-04-30', 28],
    ]);
    // starting Feb 10: the cycle date is Feb 28, the full period [Jan 31, Feb 28) has 28 days;
    // [Feb 10, Feb 28) = 18 days: 18/28 x $28 = 18.00
    const partial = bill([charge({ price: 28, effectiveStartDate: '2026-02-10' })], '2026-02-10', alignment);
    expect(partial.items.map(line)).toEqual([{ serviceStartDate: '2026-02-10', serviceEndDate: '2026-02-28', amount: 18, processingType: 'Charge' }]);
  });

  it('clamps bill cycle day 31 to the 30th in a 30-day month', () => {
    const alignment = { ...BCD_1, accountBillCycleDay: 31 };
    const { items } = bill([charge({ price: 30, effectiveStartDate: '2026-04-10' })], '2026-04-30', alignment);
    expect(items.map(line)).toEqual([
      // full period [Mar 31, Apr 30) = 30 days; [Apr 10, Apr 30) = 20 days: 20/30 x $30 = 20.00
      { serviceStartDate: '2026-04-10', serviceEndDate: '2026-04-30', amount: 20, processingType: 'Charge' },
      // [Apr 30, May 31) is a whole period
      { serviceStartDate: '2026-04-30', serviceEndDate: '2026-05-31', amount: 30, processingType: 'Charge' },
    ]);
  });

  it('prorates a quarterly charge against the whole quarter ending on the first cycle date', () => {
    const { items } = bill([charge({ billingPeriod: 'Quarter', price: 90, effectiveStartDate: '2026-01-15' })], '2026-02-01');
    expect(items.map(line)).toEqual([
      // full period [2025-11-01, 2026-02-01) = 30 + 31 + 31 = 92 days: 17/92 x $90 = 16.630... = 16.63
      { serviceStartDate: '2026-01-15', serviceEndDate: '2026-02-01', amount: 16.63, processingType: 'Charge' },
      { serviceStartDate: '2026-02-01', serviceEndDate: '2026-05-01', amount: 90, processingType: 'Charge' },
    ]);
  });

  it('starts weekly periods on the charge start', () => {
    const { items } = bill([charge({ billingPeriod: 'Week', price: 70, effectiveStartDate: '2026-01-14' })], '2026-01-28');
    // three whole weeks starting Jan 14, 21 and 28, $70 each
    expect(items.map((item) => [item.serviceStartDate, item.serviceEndDate, item.amount])).toEqual([
      ['2026-01-14', '2026-01-21', 70],
      ['2026-01-21', '2026-01-28', 70],
      ['2026-01-28', '2026-02-04', 70],
    ]);
  });

  it('aligns to the charge-level day for SpecificDayofMonth and to the subscription start for SubscriptionStartDay', () => {
    const specific = bill([charge({ billCycleType: 'SpecificDayofMonth', billCycleDay: 20, effectiveStartDate: '2026-01-15' })], '2026-01-15');
    // [Jan 15, Jan 20) = 5 days of [Dec 20, Jan 20) = 31 days: 5/31 x $31 = 5.00
    expect(specific.items.map(line)).toEqual([{ serviceStartDate: '2026-01-15', serviceEndDate: '2026-01-20', amount: 5, processingType: 'Charge' }]);
    const subscriptionDay = bill(
      [charge({ billCycleType: 'SubscriptionStartDay', effectiveStartDate: '2026-02-01' })],
      '2026-02-01',
      { accountBillCycleDay: 1, subscriptionStartDate: '2026-01-10' },
    );
    // added later to a subscription that started on the 10th: [Feb 1, Feb 10) = 9 days of [Jan 10, Feb 10) = 31: 9/31 x $31 = 9.00
    expect(subscriptionDay.items.map(line)).toEqual([{ serviceStartDate: '2026-02-01', serviceEndDate: '2026-02-10', amount: 9, processingType: 'Charge' }]);
  });

  it('bills nothing when the target date is before the charge starts', () => {
    expect(bill([charge({ effectiveStartDate: '2026-03-01' })], '2026-02-28')).toEqual({ items: [], chargedThroughDates: {} });
  });

  it('bills nothing twice: a second run from the stored billed-through date picks up only the next period', () => {
    const first = bill([charge()], '2026-01-01');
    const again = bill([charge({ chargedThroughDate: first.chargedThroughDates['charge-1'] })], '2026-01-31');
    expect(again.items).toEqual([]);
    const next = bill([charge({ chargedThroughDate: '2026-02-01' })], '2026-02-01');
    expect(next.items.map(line)).toEqual([{ serviceStartDate: '2026-02-01', serviceEndDate: '2026-03-01', amount: 31, processingType: 'Charge' }]);
  });
});

describe('recurring charges in arrears', () => {
  it('bills a month only once it has ended', () => {
    const arrears = charge({ billingTiming: 'In Arrears' });
    // [Jan 1, Feb 1) ends (exclusive) on Feb 1: nothing on Jan 31
    expect(bill([arrears], '2026-01-31').items).toEqual([]);
    const { items, chargedThroughDates } = bill([arrears], '2026-02-01');
    expect(items.map(line)).toEqual([{ serviceStartDate: '2026-01-01', serviceEndDate: '2026-02-01', amount: 31, processingType: 'Charge' }]);
    expect(chargedThroughDates).toEqual({ 'charge-1': '2026-02-01' });
  });
});

describe('one-time charges', () => {
  it('are billed once, on or after their start', () => {
    const setup = charge({ chargeType: 'OneTime', billingPeriod: null, name: 'Setup', price: 50, effectiveStartDate: '2026-01-15' });
    expect(bill([setup], '2026-01-14').items).toEqual([]);
    const { items, chargedThroughDates } = bill([setup], '2026-01-20');
    expect(items.map(line)).toEqual([{ serviceStartDate: '2026-01-15', serviceEndDate: '2026-01-16', amount: 50, processingType: 'Charge' }]);
    expect(chargedThroughDates).toEqual({ 'charge-1': '2026-01-16' });
    expect(bill([{ ...setup, chargedThroughDate: '2026-01-16' }], '2026-03-01').items).toEqual([]);
  });
});

describe('changes to charges billed ahead', () => {
  it('credits the old quantity and charges the new one for the rest of the period', () => {
    // 10 seats billed for January; from Jan 15 the charge has 20 seats
    const before = seats(10, { effectiveEndDate: '2026-01-15', chargedThroughDate: '2026-02-01', isLastSegment: false });
    const after = seats(20, { id: 'charge-1b', segment: 2, effectiveStartDate: '2026-01-15' });
    const { items, chargedThroughDates } = bill([after, before], '2026-01-15');
    expect(items.map((item) => ({ ...line(item), quantity: item.quantity }))).toEqual([
      // 10 x $10 x 17/31 = 54.838... = 54.84 back
      { serviceStartDate: '2026-01-15', serviceEndDate: '2026-02-01', amount: -54.84, processingType: 'Credit', quantity: 10 },
      // 20 x $10 x 17/31 = 109.677... = 109.68
      { serviceStartDate: '2026-01-15', serviceEndDate: '2026-02-01', amount: 109.68, processingType: 'Charge', quantity: 20 },
    ]);
    // net: 10 extra seats x $10 x 17/31 = 54.84
    expect(roundMoney(items.reduce((sum, item) => sum + item.amount, 0))).toBe(54.84);
    expect(chargedThroughDates).toEqual({ 'charge-1': '2026-01-15', 'charge-1b': '2026-02-01' });
  });

  it("keeps a later segment on the first segment's cycle for ChargeTriggerDay charges", () => {
    const before = seats(10, { billCycleType: 'ChargeTriggerDay', effectiveStartDate: '2026-01-10', effectiveEndDate: '2026-01-20', chargedThroughDate: '2026-02-10' });
    const after = seats(20, { id: 'charge-1b', segment: 2, billCycleType: 'ChargeTriggerDay', effectiveStartDate: '2026-01-20' });
    const { items } = bill([before, after], '2026-01-20');
    expect(items.map(line)).toEqual([
      // periods run from the 10th: [Jan 20, Feb 10) = 21 of 31 days; 10 x $10 x 21/31 = 67.741... = 67.74 back
      { serviceStartDate: '2026-01-20', serviceEndDate: '2026-02-10', amount: -67.74, processingType: 'Credit' },
      // 20 x $10 x 21/31 = 135.483... = 135.48
      { serviceStartDate: '2026-01-20', serviceEndDate: '2026-02-10', amount: 135.48, processingType: 'Charge' },
    ]);
  });

  it('credits a cancelled charge for the service billed beyond the cancellation, period by period', () => {
    // billed through Apr 1, cancelled from Feb 10
    const cancelled = charge({ effectiveEndDate: '2026-02-10', chargedThroughDate: '2026-04-01' });
    expect(bill([cancelled], '2026-02-09').items).toEqual([]);
    const { items, chargedThroughDates } = bill([cancelled], '2026-02-10');
    expect(items.map(line)).toEqual([
      // [Feb 10, Mar 1) = 19 of February's 28 days: 19/28 x $31 = 21.035... = 21.04 back
      { serviceStartDate: '2026-02-10', serviceEndDate: '2026-03-01', amount: -21.04, processingType: 'Credit' },
      // all of March back
      { serviceStartDate: '2026-03-01', serviceEndDate: '2026-04-01', amount: -31, processingType: 'Credit' },
    ]);
    expect(chargedThroughDates).toEqual({ 'charge-1': '2026-02-10' });
  });

  it('credits a Subscription Term charge against the whole term it was billed for', () => {
    const term = charge({ billingPeriod: 'Subscription Term', price: 1200, effectiveEndDate: '2027-01-01' });
    expect(bill([term], '2026-01-01').items.map(line)).toEqual([
      { serviceStartDate: '2026-01-01', serviceEndDate: '2027-01-01', amount: 1200, processingType: 'Charge' },
    ]);
    const cancelled = { ...term, effectiveEndDate: '2026-07-01', chargedThroughDate: '2027-01-01' };
    // [Jul 1, 2027-01-01) = 31+31+30+31+30+31 = 184 of 365 days: 184/365 x $1200 = 604.931... = 604.93 back
    expect(bill([cancelled], '2026-07-01').items.map(line)).toEqual([
      { serviceStartDate: '2026-07-01', serviceEndDate: '2027-01-01', amount: -604.93, processingType: 'Credit' },
    ]);
  });
});

describe('period helpers', () => {
  const schedule = billingSchedule([charge({ effectiveStartDate: '2026-01-15' })], BCD_1);

  it('finds the end of the current billing period', () => {
    expect(billingPeriodEnd(schedule, '2026-01-20')).toBe('2026-02-01');
    expect(billingPeriodEnd(schedule, '2026-02-01')).toBe('2026-03-01');
    // before the charge starts, its first period is the current one
    expect(billingPeriodEnd(schedule, '2026-01-01')).toBe('2026-02-01');
  });

  it('lists the next N billing periods', () => {
    expect(billingPeriodsFrom(schedule, '2026-01-15', 3).map(({ start, end }) => [start, end])).toEqual([
      ['2026-01-15', '2026-02-01'],
      ['2026-02-01', '2026-03-01'],
      ['2026-03-01', '2026-04-01'],
    ]);
  });
});
