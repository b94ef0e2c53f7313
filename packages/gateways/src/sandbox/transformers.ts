import { declineTypeOf, failureCodes, type FailureCode, type PaymentFailure } from '../errors.js';
import type { NormalizedWebhookEvent } from '../events.js';
import type { PaymentResult, RefundOutput } from '../interface.js';
import type { JsonObject } from '../json.js';
import type { SandboxPayment, SandboxRefund } from './store.js';
import { normaliseSandboxEventType, type SandboxWebhookEvent } from './webhooks.js';

const failureMessages: Partial<Record<FailureCode, string>> = {
  card_declined: 'The card was declined.',
  insufficient_funds: 'The card has insufficient funds.',
  expired_card: 'The card has expired.',
  incorrect_cvc: 'The card security code is incorrect.',
  lost_or_stolen: 'The card was reported lost or stolen.',
  processing_error: 'An error occurred while processing the card; try again later.',
  authentication_required: 'The card requires authentication (3-D Secure).',
};

/** A decline as the sandbox reports it. */
export function sandboxFailure(code: FailureCode): PaymentFailure {
  return { code, message: failureMessages[code] ?? `Declined: ${code}`, declineType: declineTypeOf(code), gatewayCode: code };
}

/** The log view of a payment: what the processor "answered", without the client secret or card number. */
export function sandboxPaymentRaw(payment: SandboxPayment): JsonObject {
  const raw: JsonObject = {
    id: payment.id,
    object: 'sandbox.payment',
    status: payment.status,
    amount: payment.amountMinor,
    currency: payment.currency,
    capture_method: payment.captureMethod,
    amount_authorized: payment.authorizedMinor,
    amount_captured: payment.capturedMinor,
    amount_capturable: payment.capturableMinor,
    amount_refunded: payment.refundedMinor,
    card: { brand: payment.card.brand, last4: payment.card.number.slice(-4) },
    off_session: payment.offSession,
    metadata: { ...payment.metadata },
    created: Math.floor(payment.createdAt.getTime() / 1000),
  };
  if (payment.failure !== undefined) raw.failure_code = payment.failure.code;
  return raw;
}

/** Normalised result of a sandbox payment. */
export function toPaymentResult(payment: SandboxPayment): PaymentResult {
  const result: PaymentResult = {
    gatewayReference: payment.id,
    status: payment.status,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    authorizedMinor: payment.authorizedMinor,
    capturedMinor: payment.capturedMinor,
    capturableMinor: payment.capturableMinor,
    refundedMinor: payment.refundedMinor,
    raw: sandboxPaymentRaw(payment),
  };
  if (payment.status === 'requires_action') {
    result.nextAction = {
      type: 'three_d_secure',
      clientSecret: payment.clientSecret,
      ...(payment.returnUrl === undefined ? {} : { redirectUrl: `sandbox://3ds/${payment.id}?return_url=${encodeURIComponent(payment.returnUrl)}` }),
    };
  }
  if (payment.failure !== undefined) result.failure = payment.failure;
  return result;
}

/** The log view of a refund. */
export function sandboxRefundRaw(refund: SandboxRefund): JsonObject {
  return {
    id: refund.id,
    object: 'sandbox.refund',
    payment: refund.paymentId,
    amount: refund.amountMinor,
    currency: refund.currency,
    status: refund.status,
    reason: refund.reason ?? null,
    created: Math.floor(refund.createdAt.getTime() / 1000),
  };
}

/** Normalised output of a sandbox refund. */
export function toRefundOutput(refund: SandboxRefund): RefundOutput {
  return { refundReference: refund.id, status: refund.status, amountMinor: refund.amountMinor, raw: sandboxRefundRaw(refund) };
}

/** Normalises a verified sandbox event. */
export function toNormalizedEvent(event: SandboxWebhookEvent): NormalizedWebhookEvent {
  const object = event.data.object;
  const type = normaliseSandboxEventType(event.type);
  const normalized: NormalizedWebhookEvent = {
    eventId: event.id,
    type,
    nativeType: event.type,
    occurredAt: new Date(event.created * 1000),
    raw: { id: event.id, type: event.type, created: event.created, data: { object } },
  };
  const objectKind = object.object;
  if (objectKind === 'sandbox.payment' && typeof object.id === 'string') {
    normalized.gatewayReference = object.id;
    const amount = type === 'payment.succeeded' ? object.amount_captured : object.amount;
    if (typeof amount === 'number') normalized.amountMinor = amount;
    if (typeof object.failure_code === 'string') {
      const code = parseFailureCode(object.failure_code);
      normalized.failure = sandboxFailure(code);
    }
  }
  if (objectKind === 'sandbox.refund' && typeof object.id === 'string') {
    normalized.refundReference = object.id;
    if (typeof object.payment === 'string') normalized.gatewayReference = object.payment;
    if (typeof object.amount === 'number') normalized.amountMinor = object.amount;
  }
  if (objectKind === 'sandbox.method' && typeof object.id === 'string') normalized.methodId = object.id;
  if (typeof object.currency === 'string') normalized.currency = object.currency;
  return normalized;
}

function parseFailureCode(value: string): FailureCode {
  return failureCodes.find((code) => code === value) ?? 'unknown';
}
