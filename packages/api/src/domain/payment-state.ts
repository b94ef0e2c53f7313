/**
 * The payment lifecycle. Ranks make transitions monotonic: a late or duplicated gateway event can only
 * move a payment forward, never back (a "processing" webhook after "captured" changes nothing).
 */
export const PAYMENT_STATUSES = [
  'requires_payment_method',
  'requires_action',
  'processing',
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
  'failed',
  'canceled',
  'expired',
] as const;

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const ALLOWED: Record<PaymentStatus, readonly PaymentStatus[]> = {
  requires_payment_method: ['requires_action', 'processing', 'authorized', 'captured', 'failed', 'canceled', 'expired'],
  requires_action: ['processing', 'authorized', 'captured', 'failed', 'canceled', 'expired'],
  processing: ['authorized', 'captured', 'failed', 'canceled'],
  authorized: ['captured', 'canceled', 'expired'],
  captured: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  failed: [],
  canceled: [],
  expired: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The status implied by the captured and refunded amounts of a captured payment. */
export function statusAfterRefund(capturedMinor: number, refundedMinor: number): PaymentStatus {
  if (refundedMinor <= 0) return 'captured';
  return refundedMinor >= capturedMinor ? 'refunded' : 'partially_refunded';
}

export interface PaymentAmounts {
  status: PaymentStatus;
  amountMinor: number;
  authorizedMinor: number;
  capturedMinor: number;
  refundedMinor: number;
}

/** The invariants every persisted payment keeps; returns the first one broken, or null. */
export function amountInvariantViolation(p: PaymentAmounts): string | null {
  if (p.refundedMinor < 0 || p.capturedMinor < 0 || p.authorizedMinor < 0) return 'negative amount';
  if (p.refundedMinor > p.capturedMinor) return 'refunded exceeds captured';
  if (p.capturedMinor > p.authorizedMinor) return 'captured exceeds authorized';
  if (p.authorizedMinor > p.amountMinor) return 'authorized exceeds amount';
  switch (p.status) {
    case 'requires_payment_method':
    case 'requires_action':
    case 'processing':
    case 'failed':
    case 'expired':
      return p.capturedMinor === 0 ? null : `${p.status} with captured money`;
    case 'authorized':
      return p.authorizedMinor > 0 && p.capturedMinor === 0 ? null : 'authorized without a pure hold';
    case 'canceled':
      return p.capturedMinor === 0 ? null : 'canceled with captured money';
    case 'captured':
      return p.capturedMinor > 0 && p.refundedMinor === 0 ? null : 'captured amounts inconsistent';
    case 'partially_refunded':
      return p.refundedMinor > 0 && p.refundedMinor < p.capturedMinor ? null : 'partial refund amounts inconsistent';
    case 'refunded':
      return p.capturedMinor > 0 && p.refundedMinor === p.capturedMinor ? null : 'refund amounts inconsistent';
  }
}
