import { describe, expect, it } from 'vitest';
import { isValidPaymentSignature, razorpayPaymentSignature } from '../signatures.js';
import { pickOrderPayment, razorpayReceipt, toMinor, toPaymentResult, toPaymentStatus } from '../transformers.js';

describe('Razorpay transformers', () => {
  it('maps payment statuses', () => {
    expect(['created', 'authorized', 'captured', 'refunded', 'failed', 'new_status'].map(toPaymentStatus)).toEqual(['processing', 'authorized', 'captured', 'captured', 'failed', 'processing']);
  });

  it('derives receipts of at most 40 characters, distinct per verb', () => {
    const receipt = razorpayReceipt('a'.repeat(200), 'authorize');
    expect(receipt.length).toBeLessThanOrEqual(40);
    expect(receipt).not.toBe(razorpayReceipt('a'.repeat(200), 'refund'));
  });

  it('reads integer amounts, including strings', () => {
    expect([toMinor(5000), toMinor('5000'), toMinor(null), toMinor('12.5')]).toEqual([5000, 5000, 0, 0]);
  });

  it('picks the captured payment over failed attempts', () => {
    const payments = [
      { id: 'pay_a', amount: 100, currency: 'INR', status: 'failed', created_at: 3 },
      { id: 'pay_b', amount: 100, currency: 'INR', status: 'captured', created_at: 2 },
    ];
    expect(pickOrderPayment(payments)?.id).toBe('pay_b');
  });

  it('an order without payments waits for Checkout', () => {
    expect(toPaymentResult({ id: 'order_1', amount: 100, currency: 'INR', status: 'created' }, undefined, 'rzp_test_x')).toMatchObject({
      status: 'requires_action',
      nextAction: { type: 'razorpay_checkout', orderId: 'order_1', keyId: 'rzp_test_x' },
    });
  });

  it('verifies Checkout signatures over order_id|payment_id', () => {
    const signature = razorpayPaymentSignature('order_1', 'pay_1', 'secret');
    expect(isValidPaymentSignature('order_1', 'pay_1', signature, 'secret')).toBe(true);
    expect(isValidPaymentSignature('order_1', 'pay_2', signature, 'secret')).toBe(false);
    expect(isValidPaymentSignature('order_1', 'pay_1', signature.slice(0, -1), 'secret')).toBe(false);
  });
});
