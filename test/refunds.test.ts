import { beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, useEmulator, type TestCustomer } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';
import { useReceiver } from './helpers/receiver.js';

// Refunds of payments: from the payment's unapplied amount, electronic ones through the gateway
// simulator (the test card decides), external ones recorded and cancellable; every refund raises a
// `Refund` change that event triggers watch.
const env = useEmulator({ now: '2026-05-01T00:00:00.000Z' });
const receiver = useReceiver();

beforeAll(async () => {
  // Refund INSERT and UPDATE, each a callout carrying the merge fields Zuora names.
  const watch = async (name: string, condition: string) => {
    const trigger = await env.zuora.post('/events/event-triggers', { baseObject: 'Refund', condition, active: true, eventType: { name, displayName: name } });
    expect(trigger.status, JSON.stringify(trigger.body)).toBe(200);
    const template = await env.zuora.post('/notifications/callout-templates', {
      name: `${name} callout`,
      eventTypeName: name,
      calloutBaseurl: `${receiver.url}/${name}`,
      httpMethod: 'POST',
      calloutParams: { id: '<Refund.Id>', number: '<Refund.Number>', amount: '<Refund.Amount>', status: '<Refund.Status>', account: '<Refund.AccountId>', payment: '{{DataSource.Payment.PaymentNumber}}' },
      active: true,
    });
    await env.zuora.post('/notifications/notification-definitions', { name, eventTypeName: name, active: true, calloutActive: true, calloutTemplateIds: [template.body.id] });
  };
  await watch('RefundCreated', "changeType == 'INSERT'");
  await watch('RefundChanged', "changeType == 'UPDATE' && Refund.Status != Refund.Status_old");
});

/** A payment of `amount` left unapplied: electronic to the customer's card, or external. */
async function unappliedPayment(customer: TestCustomer, amount: number, type: 'Electronic' | 'External') {
  const { body } = await env.zuora.post('/v1/payments', { accountId: customer.id, amount, currency: 'USD', type });
  expect(body, JSON.stringify(body)).toMatchObject({ success: true, unappliedAmount: amount });
  return body as { id: string; number: string };
}

const paymentOf = async (id: string) => (await env.zuora.get(`/v1/payments/${id}`)).body;

describe('refunds of payments', () => {
  it('refunds part of an electronic payment through the gateway and reads it back by id or number', async () => {
    const customer = await createCustomer(env.zuora, '4242424242424242');
    const payment = await unappliedPayment(customer, 40, 'Electronic');
    const { body } = await env.zuora.post(`/v1/payments/${payment.number}/refunds`, { type: 'Electronic', totalAmount: 15, comment: 'partial refund' });
    expect(body).toMatchObject({
      success: true,
      number: expect.stringMatching(/^R-\d{8}$/),
      accountId: customer.id,
      paymentId: payment.id,
      type: 'Electronic',
      methodType: 'CreditCard',
      amount: 15,
      status: 'Processed',
      gatewayState: 'Submitted',
      refundDate: '2026-05-01',
      comment: 'partial refund',
      cancelledOn: null,
    });
    for (const key of [body.id, body.number]) expect((await env.zuora.get(`/v1/refunds/${key}`)).body).toMatchObject({ id: body.id, amount: 15, status: 'Processed' });
    // 40 paid, 15 of it given back: 25 left to apply.
    expect(await paymentOf(payment.id)).toMatchObject({ amount: 40, refundAmount: 15, unappliedAmount: 25, appliedAmount: 0 });
    expect((await env.zuora.get(`/v1/accounts/${customer.id}`)).body.metrics.unappliedPaymentAmount).toBe('25.00');

    await env.admin.post('/clock/advance', { by: 'PT0S' });
    expect(receiver.at('/RefundCreated').map((request) => request.body)).toContainEqual({
      id: body.id,
      number: body.number,
      amount: '15',
      status: 'Processed',
      account: customer.id,
      payment: payment.number,
    });
  });

  it('keeps a refund the gateway declines as Error, answers with its code, and leaves the payment as it was', async () => {
    // This test card pays but cannot be refunded.
    const customer = await createCustomer(env.zuora, '4000000000005126');
    const payment = await unappliedPayment(customer, 30, 'Electronic');
    const { body } = await env.zuora.post(`/v1/payments/${payment.id}/refunds`, { type: 'Electronic', totalAmount: 30 });
    expect(body).toMatchObject({ success: false, reasons: [{ message: expect.stringContaining('expired_or_canceled_card') }] });
    const number = /refund (R-\d{8})/.exec(body.reasons[0].message)?.[1];
    expect((await env.zuora.get(`/v1/refunds/${number}`)).body).toMatchObject({ status: 'Error', gatewayState: 'FailedToSettle', gatewayResponseCode: 'expired_or_canceled_card', amount: 30 });
    expect(await paymentOf(payment.id)).toMatchObject({ refundAmount: 0, unappliedAmount: 30 });
  });

  it('records an external refund and cancels it, which gives the payment its money back', async () => {
    const customer = await createCustomer(env.zuora);
    const payment = await unappliedPayment(customer, 20, 'External');
    const refund = (await env.zuora.post(`/v1/payments/${payment.id}/refunds`, { type: 'External', methodType: 'Check', totalAmount: 20, referenceId: 'chk-1001' })).body;
    expect(refund).toMatchObject({ success: true, type: 'External', methodType: 'Check', gatewayState: 'NotSubmitted', referenceId: 'chk-1001' });
    expect(await paymentOf(payment.id)).toMatchObject({ refundAmount: 20, unappliedAmount: 0 });

    const cancelled = await env.zuora.put(`/v1/refunds/${refund.number}/cancel`, {});
    expect(cancelled.body).toMatchObject({ success: true, status: 'Canceled', cancelledOn: '2026-05-01T00:00:00.000Z' });
    expect(await paymentOf(payment.id)).toMatchObject({ refundAmount: 0, unappliedAmount: 20 });
    expect((await env.zuora.put(`/v1/refunds/${refund.id}/cancel`, {})).body).toMatchObject({ success: false, reasons: [{ code: 58740030 }] });

    await env.admin.post('/clock/advance', { by: 'PT0S' });
    expect(receiver.at('/RefundChanged').map((request) => request.body)).toContainEqual(expect.objectContaining({ id: refund.id, status: 'Canceled', amount: '20' }));
  });

  it('refuses what Zuora refuses, creating nothing and changing no payment', async () => {
    const customer = await createCustomer(env.zuora, '4242424242424242');
    const electronic = await unappliedPayment(customer, 10, 'Electronic');
    const external = await unappliedPayment(customer, 10, 'External');
    const refusals: Array<[string, unknown]> = [
      [electronic.id, { type: 'Electronic', totalAmount: 10.01 }],
      [electronic.id, { type: 'Electronic', totalAmount: 0 }],
      [electronic.id, { type: 'Electronic', totalAmount: 5, methodType: 'Check' }],
      [electronic.id, { type: 'External', totalAmount: 5 }],
      [electronic.id, { type: 'Electronic', totalAmount: 5, refundDate: '2026-04-30' }],
      [electronic.id, { type: 'Wire', totalAmount: 5 }],
      [electronic.id, { totalAmount: 5 }],
      [external.id, { type: 'Electronic', totalAmount: 5 }],
    ];
    const before = (await env.zuora.get('/object-query/payments?pageSize=99')).body;
    for (const [paymentId, request] of refusals) {
      const { body } = await env.zuora.post(`/v1/payments/${paymentId}/refunds`, request);
      expect(body, JSON.stringify(request)).toMatchObject({ success: false, reasons: [{ code: expect.any(Number), message: expect.any(String) }] });
    }
    // Refund's resource code 587400, category 20 (invalid value) and 22 (missing field).
    expect((await env.zuora.post(`/v1/payments/${electronic.id}/refunds`, { type: 'Electronic', totalAmount: 11 })).body.reasons[0].code).toBe(58740020);
    expect((await env.zuora.post(`/v1/payments/${external.id}/refunds`, { type: 'External', totalAmount: 1 })).body.reasons[0].code).toBe(58740022);
    // The payment is what is missing: Payment's resource code 587300, category 40.
    expect((await env.zuora.post('/v1/payments/P-99999999/refunds', { type: 'External', methodType: 'Cash', totalAmount: 1 })).body.reasons[0].code).toBe(58730040);
    expect((await env.zuora.get('/object-query/payments?pageSize=99')).body).toEqual(before);
    expect((await env.zuora.get('/v1/refunds/R-99999999')).body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
  });
});

describeOfficial("refund answers match Zuora's official spec", () => {
  it('validates the create, read and cancel answers', async () => {
    const customer = await createCustomer(env.zuora, '4242424242424242');
    const payment = await unappliedPayment(customer, 12, 'External');
    const created = await env.zuora.post(`/v1/payments/${payment.id}/refunds`, { type: 'External', methodType: 'Cash', totalAmount: 12 });
    await expectOfficialResponse('v1', 'POST', '/v1/payments/{paymentKey}/refunds', 200, created.body);
    await expectOfficialResponse('v1', 'GET', '/v1/refunds/{refundKey}', 200, (await env.zuora.get(`/v1/refunds/${created.body.id}`)).body);
    await expectOfficialResponse('v1', 'PUT', '/v1/refunds/{refundKey}/cancel', 200, (await env.zuora.put(`/v1/refunds/${created.body.id}/cancel`, {})).body);
  });
});
