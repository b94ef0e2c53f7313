import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { failureCodes } from '../../errors.js';
import { toFailureCode, toPaymentIntentCreateParams, toPaymentStatus, toRefundStatus, stripeIdempotencyKey } from '../transformers.js';

describe('Stripe transformers', () => {
  it.each([
    ['requires_payment_method', null, 'requires_payment_method'],
    ['requires_payment_method', { code: 'card_declined' }, 'failed'],
    ['requires_confirmation', null, 'requires_payment_method'],
    ['requires_action', null, 'requires_action'],
    ['processing', null, 'processing'],
    ['requires_capture', null, 'authorized'],
    ['succeeded', null, 'captured'],
    ['canceled', null, 'canceled'],
    ['some_future_status', null, 'processing'],
  ] as const)('maps intent status %s (error %o) to %s', (status, lastError, expected) => {
    const lastPaymentError: Stripe.PaymentIntent.LastPaymentError | null = lastError === null ? null : { type: 'card_error', code: lastError.code };
    expect(toPaymentStatus({ status, last_payment_error: lastPaymentError })).toBe(expected);
  });

  it.each([
    ['card_declined', 'insufficient_funds', 'insufficient_funds'],
    ['card_declined', 'lost_card', 'lost_or_stolen'],
    ['card_declined', 'stolen_card', 'lost_or_stolen'],
    ['card_declined', 'generic_decline', 'card_declined'],
    ['card_declined', 'do_not_honor', 'do_not_honor'],
    ['expired_card', undefined, 'expired_card'],
    ['incorrect_cvc', undefined, 'incorrect_cvc'],
    ['authentication_required', undefined, 'authentication_required'],
    ['card_declined', 'something_new', 'card_declined'],
  ] as const)('maps code %s / decline %s to %s', (code, declineCode, expected) => {
    expect(toFailureCode(code, declineCode)).toBe(expected);
    expect(failureCodes).toContain(expected);
  });

  it('builds off-session create params from a saved method', () => {
    const params = toPaymentIntentCreateParams({
      idempotencyKey: 'k',
      amountMinor: 1999,
      currency: 'INR',
      captureMethod: 'automatic',
      source: { kind: 'saved', gatewayCustomerId: 'cus_1', methodId: 'pm_1' },
      offSession: true,
      statementDescriptor: 'A VERY LONG DESCRIPTOR THAT EXCEEDS',
      metadata: { paymentId: 'p1' },
    });
    expect(params).toEqual({
      amount: 1999,
      currency: 'inr',
      capture_method: 'automatic',
      allowed_payment_method_types: ['card'],
      confirm: true,
      metadata: { paymentId: 'p1' },
      customer: 'cus_1',
      payment_method: 'pm_1',
      off_session: true,
      statement_descriptor_suffix: 'A VERY LONG DESCRIPTOR',
    });
  });

  it('maps refund statuses', () => {
    expect([toRefundStatus('succeeded'), toRefundStatus('pending'), toRefundStatus('requires_action'), toRefundStatus('failed'), toRefundStatus('canceled'), toRefundStatus(null)]).toEqual([
      'succeeded',
      'pending',
      'pending',
      'failed',
      'failed',
      'pending',
    ]);
  });

  it('derives one Stripe key per verb', () => {
    expect(stripeIdempotencyKey('abc', 'capture')).toBe('abc:capture');
  });
});
