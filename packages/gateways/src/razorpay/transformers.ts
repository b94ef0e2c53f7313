/**
 * Pure mapping between Razorpay's wire objects and the normalised types. No I/O here.
 * Amounts: Razorpay takes the smallest currency unit (paise for INR) as an integer, like our minor units.
 */
import { createHash } from 'node:crypto';
import { assertNever, declineTypeOf, failureCodes, type FailureCode, type PaymentFailure } from '../errors.js';
import type { PaymentResult, PaymentStatus, RefundOutput } from '../interface.js';
import { redact } from '../internal/redact.js';

/** The order fields we read. */
export interface RazorpayOrderWire {
  id: string;
  amount: number | string;
  currency: string;
  receipt?: string | null;
  status: string;
  notes?: unknown;
}

/** The payment fields we read. */
export interface RazorpayPaymentWire {
  id: string;
  amount: number | string;
  currency: string;
  status: string;
  order_id?: string | null;
  captured?: boolean;
  amount_refunded?: number | string | null;
  error_code?: string | null;
  error_reason?: string | null;
  error_description?: string | null;
  created_at?: number;
}

/** The refund fields we read. */
export interface RazorpayRefundWire {
  id: string;
  amount?: number | string;
  currency?: string;
  payment_id?: string;
  receipt?: string | null;
  status: string;
}

/**
 * Razorpay has no idempotency header for orders and refunds; we make the operation look-up-then-create
 * by a receipt derived from our key. Receipts are at most 40 characters, so the key is hashed.
 */
export function razorpayReceipt(idempotencyKey: string, verb: string): string {
  return `prl_${createHash('sha256').update(`${idempotencyKey}:${verb}`).digest('hex').slice(0, 36)}`;
}

/** Razorpay sometimes sends amounts as strings; ours are integers. */
export function toMinor(amount: number | string | null | undefined): number {
  const value = typeof amount === 'string' ? Number(amount) : (amount ?? 0);
  return Number.isSafeInteger(value) ? value : 0;
}

const knownPaymentStatuses = ['created', 'authorized', 'captured', 'refunded', 'failed'] as const;
type KnownPaymentStatus = (typeof knownPaymentStatuses)[number];

function isKnownPaymentStatus(status: string): status is KnownPaymentStatus {
  return knownPaymentStatuses.some((known) => known === status);
}

/** Normalised status of a Razorpay payment. */
export function toPaymentStatus(status: string): PaymentStatus {
  // A status newer than this mapping: treat as processing until reconciliation or a webhook settles it.
  if (!isKnownPaymentStatus(status)) return 'processing';
  switch (status) {
    case 'created':
      return 'processing';
    case 'authorized':
      return 'authorized';
    case 'captured':
    case 'refunded':
      // Refunds do not undo the capture: refundedMinor carries them.
      return 'captured';
    case 'failed':
      return 'failed';
    default:
      return assertNever(status);
  }
}

/** Razorpay error reasons (payments' `error_reason`) mapped to ours; unknown ones become card_declined. */
const reasonToFailure: Readonly<Record<string, FailureCode>> = {
  card_declined: 'card_declined',
  payment_failed: 'card_declined',
  insufficient_funds: 'insufficient_funds',
  insufficient_balance: 'insufficient_funds',
  card_expired: 'expired_card',
  expired_card: 'expired_card',
  incorrect_cvv: 'incorrect_cvc',
  invalid_card_number: 'incorrect_number',
  card_reported_lost_or_stolen: 'lost_or_stolen',
  lost_or_stolen: 'lost_or_stolen',
  suspected_fraud: 'fraudulent',
  payment_risk_check_failed: 'fraudulent',
  authentication_failed: 'authentication_required',
  incorrect_otp: 'authentication_required',
  bank_technical_error: 'processing_error',
  gateway_technical_error: 'processing_error',
  server_error: 'processing_error',
  payment_timed_out: 'processing_error',
};

/** The normalised failure of a failed payment. */
export function toPaymentFailure(payment: Pick<RazorpayPaymentWire, 'error_code' | 'error_reason' | 'error_description'>): PaymentFailure {
  const reason = payment.error_reason ?? undefined;
  const code = (reason && reasonToFailure[reason]) || (reason && failureCodes.find((known) => known === reason)) || 'card_declined';
  const failure: PaymentFailure = { code, message: payment.error_description ?? 'The payment failed.', declineType: declineTypeOf(code) };
  if (reason) failure.gatewayCode = reason;
  return failure;
}

/** Orders in which a payment for the order matters: a captured one wins over an authorized one, etc. */
const paymentPreference: Readonly<Record<PaymentStatus, number>> = {
  captured: 6,
  authorized: 5,
  processing: 4,
  requires_action: 3,
  requires_payment_method: 2,
  failed: 1,
  canceled: 0,
};

/** The payment that represents the order's state: the most advanced, then the newest. */
export function pickOrderPayment(payments: readonly RazorpayPaymentWire[]): RazorpayPaymentWire | undefined {
  let best: RazorpayPaymentWire | undefined;
  for (const payment of payments) {
    if (best === undefined) {
      best = payment;
      continue;
    }
    const rank = paymentPreference[toPaymentStatus(payment.status)];
    const bestRank = paymentPreference[toPaymentStatus(best.status)];
    if (rank > bestRank || (rank === bestRank && (payment.created_at ?? 0) > (best.created_at ?? 0))) best = payment;
  }
  return best;
}

/**
 * Normalised view of an order and its representative payment. Without a payment the customer has not
 * paid in Checkout yet: `requires_action` with a `razorpay_checkout` next action.
 */
export function toPaymentResult(order: RazorpayOrderWire, payment: RazorpayPaymentWire | undefined, keyId: string): PaymentResult {
  const amountMinor = toMinor(order.amount);
  const currency = order.currency.toUpperCase();
  if (payment === undefined) {
    return {
      gatewayReference: order.id,
      status: 'requires_action',
      amountMinor,
      currency,
      authorizedMinor: 0,
      capturedMinor: 0,
      capturableMinor: 0,
      nextAction: { type: 'razorpay_checkout', orderId: order.id, keyId },
      raw: redact({ order }),
    };
  }
  const status = toPaymentStatus(payment.status);
  const paymentAmount = toMinor(payment.amount);
  const result: PaymentResult = {
    gatewayReference: order.id,
    status,
    amountMinor,
    currency,
    authorizedMinor: status === 'authorized' || status === 'captured' ? paymentAmount : 0,
    capturedMinor: status === 'captured' ? paymentAmount : 0,
    capturableMinor: status === 'authorized' ? paymentAmount : 0,
    refundedMinor: toMinor(payment.amount_refunded),
    raw: redact({ order, payment }),
  };
  if (status === 'failed') result.failure = toPaymentFailure(payment);
  return result;
}

/** Razorpay refund statuses: pending, processed, failed. */
export function toRefundStatus(status: string): RefundOutput['status'] {
  switch (status) {
    case 'processed':
      return 'succeeded';
    case 'failed':
      return 'failed';
    default:
      return 'pending';
  }
}

/** Normalised view of a refund. */
export function toRefundOutput(refund: RazorpayRefundWire): RefundOutput {
  const output: RefundOutput = { refundReference: refund.id, status: toRefundStatus(refund.status), amountMinor: toMinor(refund.amount), raw: redact(refund) };
  if (output.status === 'failed') output.failure = { code: 'processing_error', message: 'The refund failed at Razorpay.', declineType: 'soft' };
  return output;
}
