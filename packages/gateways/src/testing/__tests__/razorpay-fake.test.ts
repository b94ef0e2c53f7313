/** The fake's own contract: what other packages rely on when they start it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRazorpayFake, type RazorpayFake } from '../razorpay-fake.js';

describe('Razorpay fake', () => {
  let fake: RazorpayFake;
  const auth = (): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${fake.keyId}:${fake.keySecret}`).toString('base64')}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    fake = await startRazorpayFake();
  });
  afterAll(async () => fake.close());

  it('answers 401 with Razorpay’s error body to a wrong key', async () => {
    const response = await fetch(`${fake.url}/v1/orders`, { headers: { authorization: `Basic ${Buffer.from('rzp_test_x:nope').toString('base64')}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST_ERROR', description: 'Authentication failed' } });
  });

  it('validates orders and reports unknown ids like Razorpay', async () => {
    const tooSmall = await fetch(`${fake.url}/v1/orders`, { method: 'POST', headers: auth(), body: JSON.stringify({ amount: 50, currency: 'INR' }) });
    expect(tooSmall.status).toBe(400);
    expect(await tooSmall.json()).toMatchObject({ error: { code: 'BAD_REQUEST_ERROR', field: 'amount', reason: 'input_validation_failed' } });
    const missing = await fetch(`${fake.url}/v1/payments/pay_missing`, { headers: auth() });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { description: 'The id provided does not exist' } });
  });

  it('creates orders, lists them by receipt, and pays them through Checkout with a valid signature', async () => {
    const created = await fetch(`${fake.url}/v1/orders`, { method: 'POST', headers: auth(), body: JSON.stringify({ amount: 1000, currency: 'INR', receipt: 'r-1', payment_capture: true }) });
    const order: unknown = await created.json();
    expect(order).toMatchObject({ entity: 'order', amount: 1000, amount_due: 1000, status: 'created', receipt: 'r-1' });
    const listed = await (await fetch(`${fake.url}/v1/orders?receipt=r-1`, { headers: auth() })).json();
    expect(listed).toMatchObject({ entity: 'collection', count: 1 });
    const orderId = typeof order === 'object' && order !== null && 'id' in order && typeof order.id === 'string' ? order.id : '';
    const checkout = await fake.completeCheckout(orderId);
    expect(checkout.razorpay_signature).toMatch(/^[0-9a-f]{64}$/);
    expect(fake.state.payment(checkout.razorpay_payment_id)).toMatchObject({ status: 'captured', captured: true, order_id: orderId });
    expect(fake.state.order(orderId)).toMatchObject({ status: 'paid', amount_paid: 1000, amount_due: 0 });
  });
});
