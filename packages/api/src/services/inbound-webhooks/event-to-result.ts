import type { PaymentResult, PaymentStatus as GatewayPaymentStatus } from '@payrail/gateways';
import type { Payment } from '../../db/entities/payment.js';
import type { WebhookEvent } from '../../db/entities/webhook-event.js';

/** The payment status a normalised payment event reports, or null for events that are not about a payment's status. */
export function paymentStatusOfEvent(type: string): GatewayPaymentStatus | null {
  switch (type) {
    case 'payment.authorized':
      return 'authorized';
    case 'payment.succeeded':
      return 'captured';
    case 'payment.failed':
      return 'failed';
    case 'payment.canceled':
      return 'canceled';
    case 'payment.requires_action':
      return 'requires_action';
    case 'payment.processing':
      return 'processing';
    default:
      return null;
  }
}

/**
 * Turns a stored payment event into the same `PaymentResult` a gateway call returns, so webhooks go
 * through exactly the code path (and state machine) that calls do. Amounts missing from the event
 * default to the payment's own amount.
 */
export function eventToPaymentResult(event: WebhookEvent, payment: Payment, status: GatewayPaymentStatus): PaymentResult {
  const eventAmount = event.amountMinor ?? payment.amountMinor;
  const authorizedMinor = status === 'authorized' || status === 'captured' ? Math.max(payment.authorizedMinor, eventAmount) : payment.authorizedMinor;
  const result: PaymentResult = {
    gatewayReference: event.gatewayReference ?? payment.gatewayReference ?? '',
    status,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    authorizedMinor,
    capturedMinor: status === 'captured' ? eventAmount : 0,
    capturableMinor: status === 'authorized' ? authorizedMinor : 0,
    raw: { webhookEventId: event.eventId, nativeType: event.nativeType },
  };
  if (event.failure) result.failure = event.failure;
  return result;
}
