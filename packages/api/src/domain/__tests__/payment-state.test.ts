import { describe, expect, it } from 'vitest';
import { canTransition, PAYMENT_STATUSES, statusAfterRefund, type PaymentStatus } from '../payment-state.js';

describe('payment state machine', () => {
  it('allows the forward lifecycle', () => {
    const path: PaymentStatus[] = ['requires_payment_method', 'requires_action', 'processing', 'authorized', 'captured', 'partially_refunded', 'refunded'];
    for (let i = 0; i < path.length - 1; i += 1) expect(canTransition(path[i]!, path[i + 1]!)).toBe(true);
  });

  it('never moves backwards: a late processing or authorized after captured changes nothing', () => {
    expect(canTransition('captured', 'processing')).toBe(false);
    expect(canTransition('captured', 'authorized')).toBe(false);
    expect(canTransition('refunded', 'captured')).toBe(false);
    expect(canTransition('authorized', 'requires_action')).toBe(false);
  });

  it('final states have no way out', () => {
    for (const final of ['refunded', 'failed', 'canceled', 'expired'] as const) {
      for (const to of PAYMENT_STATUSES) expect(canTransition(final, to)).toBe(false);
    }
  });

  it('derives the refund status from amounts', () => {
    expect(statusAfterRefund(100, 0)).toBe('captured');
    expect(statusAfterRefund(100, 40)).toBe('partially_refunded');
    expect(statusAfterRefund(100, 100)).toBe('refunded');
  });
});
