import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainEvent } from '../db/entities/domain-event.js';
import type { Payment } from '../db/entities/payment.js';
import type { PaymentStatus } from '../domain/payment-state.js';

/** What a domain event is about; `data` is exactly what partners receive. */
export interface DomainEventSubject {
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
}

/**
 * Writes a domain event to the outbox in the caller's unit of work, so it commits or rolls back with
 * the change it describes. Partner webhooks and live subscriptions are fed from here (see docs/webhooks.md).
 */
export function recordDomainEvent(em: EntityManager, type: string, subject: DomainEventSubject): DomainEvent {
  const event = em.create(DomainEvent, { type, subjectType: subject.subjectType, subjectId: subject.subjectId, payload: subject.data });
  em.persist(event);
  return event;
}

/** The partner-facing event type for a payment entering `status`. */
export function paymentEventType(status: PaymentStatus): string {
  switch (status) {
    case 'captured':
      return 'payment.succeeded';
    case 'authorized':
      return 'payment.requires_capture';
    case 'partially_refunded':
    case 'refunded':
      return 'payment.refunded';
    case 'requires_payment_method':
    case 'requires_action':
    case 'processing':
    case 'failed':
    case 'canceled':
    case 'expired':
      return `payment.${status}`;
  }
}

/** The payment as partners see it in `data`: amounts in minor units, ids, never gateway secrets. */
export function paymentEventData(payment: Payment): Record<string, unknown> {
  return {
    id: payment.id,
    status: payment.status,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    authorizedMinor: payment.authorizedMinor,
    capturedMinor: payment.capturedMinor,
    refundedMinor: payment.refundedMinor,
    captureMethod: payment.captureMethod,
    gateway: payment.gateway,
    customerId: payment.customer?.id ?? null,
    invoiceId: payment.invoice?.id ?? null,
    onlinePaymentId: payment.onlinePayment?.id ?? null,
    failureCode: payment.failureCode ?? null,
  };
}

/** Records the event for a payment that just moved (called by `transition`, the one place statuses change). */
export function recordPaymentEvent(em: EntityManager, payment: Payment): DomainEvent {
  return recordDomainEvent(em, paymentEventType(payment.status), { subjectType: 'payment', subjectId: payment.id, data: paymentEventData(payment) });
}
