import { describe, expect, it } from 'vitest';
import { signRazorpayWebhook } from '../../testing/razorpay-fake.js';
import { parseRazorpayWebhook } from '../webhooks.js';

const secret = 'rzp_whsec';
const now = new Date('2030-05-01T00:00:00Z');
const created = Math.floor(now.getTime() / 1000) - 60;

function body(event: string, payload: Record<string, unknown>, createdAt = created): Buffer {
  return Buffer.from(JSON.stringify({ entity: 'event', account_id: 'acc_1', event, contains: Object.keys(payload), payload, created_at: createdAt }));
}

describe('Razorpay webhooks', () => {
  it('normalises payment.failed with its failure and refund.processed with its refund', () => {
    const failed = body('payment.failed', { payment: { entity: { id: 'pay_1', order_id: 'order_1', amount: 5000, currency: 'INR', status: 'failed', error_reason: 'insufficient_funds', error_description: 'Low balance' } } });
    expect(parseRazorpayWebhook({ rawBody: failed, headers: signRazorpayWebhook(failed, secret, 'evt_1'), now }, secret)).toMatchObject({
      eventId: 'evt_1',
      type: 'payment.failed',
      gatewayReference: 'order_1',
      amountMinor: 5000,
      currency: 'INR',
      failure: { code: 'insufficient_funds', declineType: 'soft' },
    });
    const refunded = body('refund.processed', { refund: { entity: { id: 'rfnd_1', amount: 100, currency: 'INR', payment_id: 'pay_1' } }, payment: { entity: { id: 'pay_1', order_id: 'order_1', amount: 5000, currency: 'INR' } } });
    expect(parseRazorpayWebhook({ rawBody: refunded, headers: signRazorpayWebhook(refunded, secret, 'evt_2'), now }, secret)).toMatchObject({ type: 'refund.succeeded', refundReference: 'rfnd_1', gatewayReference: 'order_1', amountMinor: 100 });
    const other = body('invoice.paid', {});
    expect(parseRazorpayWebhook({ rawBody: other, headers: signRazorpayWebhook(other, secret, 'evt_3'), now }, secret).type).toBe('unknown');
  });

  it('rejects a wrong secret, an event outside the 48 h window, one changed byte and a missing header', () => {
    const rawBody = body('payment.captured', { payment: { entity: { id: 'pay_1', order_id: 'order_1', amount: 5000, currency: 'INR' } } });
    expect(() => parseRazorpayWebhook({ rawBody, headers: signRazorpayWebhook(rawBody, 'other'), now }, secret)).toThrow(/does not match/);
    const old = body('payment.captured', {}, created - 49 * 3600);
    expect(() => parseRazorpayWebhook({ rawBody: old, headers: signRazorpayWebhook(old, secret), now }, secret)).toThrow(/window/);
    const changed = Buffer.from(rawBody.toString().replace('"amount":5000', '"amount":9000'));
    expect(() => parseRazorpayWebhook({ rawBody: changed, headers: signRazorpayWebhook(rawBody, secret), now }, secret)).toThrow(/does not match/);
    expect(() => parseRazorpayWebhook({ rawBody, headers: {}, now }, secret)).toThrow(/missing/);
  });
});
