import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { CustomerPaymentProfile } from '../../db/entities/customer-payment-profile.js';
import { Payment } from '../../db/entities/payment.js';
import { Refund } from '../../db/entities/refund.js';
import { WebhookEvent, type WebhookEventStatus } from '../../db/entities/webhook-event.js';
import type { Metrics } from '../../metrics.js';
import { applyOutOfBandResult } from '../external-result.js';
import { releaseFailedRefund, transition } from '../payment-transitions.js';
import { eventToPaymentResult, paymentStatusOfEvent } from './event-to-result.js';

/** Told after commit about every payment a webhook moved (hold workflows, for example). */
export type PaymentMovedListener = (payment: Payment) => Promise<void>;

/** An event about an object we do not (yet) know is retried this many times, then kept for reconciliation. */
export const MAX_UNMATCHED_ATTEMPTS = 8;

/**
 * Applies one stored inbound event in one transaction: the event row is locked (`SKIP LOCKED`, so two
 * processes never apply the same event), the payment row is locked, the transition with its timeline
 * row and outbox event is written, and the event is marked applied, all or nothing. A crash before the
 * commit leaves the event `received`, and the recovery loop applies it later.
 */
export class WebhookApplier {
  private readonly listeners: PaymentMovedListener[] = [];

  constructor(
    private readonly orm: MikroORM,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  onPaymentMoved(listener: PaymentMovedListener): void {
    this.listeners.push(listener);
  }

  /** Returns what became of the event, or null when another process holds it or already applied it. */
  async apply(eventRowId: string): Promise<WebhookEventStatus | null> {
    const moved: Payment[] = [];
    let status: WebhookEventStatus | null;
    try {
      status = await this.orm.em.fork().transactional(async (em) => {
        const event = await em.findOne(WebhookEvent, { id: eventRowId, status: { $in: ['received', 'unmatched'] } }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
        if (!event) return null;
        event.attempts += 1;
        event.status = await this.applyTo(em, event, moved);
        event.lastError = null;
        if (event.status === 'unmatched') event.nextAttemptAt = new Date(Date.now() + unmatchedBackoffMs(event.attempts));
        else event.appliedAt = new Date();
        return event.status;
      });
    } catch (error) {
      await this.recordFailure(eventRowId, error);
      return null;
    }
    for (const payment of moved) await this.notify(payment);
    return status;
  }

  private async applyTo(em: EntityManager, event: WebhookEvent, moved: Payment[]): Promise<WebhookEventStatus> {
    const paymentStatus = paymentStatusOfEvent(event.type);
    if (paymentStatus) {
      const payment = await this.lockPayment(em, event);
      if (!payment) return 'unmatched';
      event.paymentId = payment.id;
      const outcome = await applyOutOfBandResult(em, payment, eventToPaymentResult(event, payment, paymentStatus), 'webhook', this.metrics);
      if (outcome.moved) moved.push(payment);
      return 'applied';
    }
    if (event.type === 'refund.succeeded' || event.type === 'refund.failed') return this.applyRefund(em, event);
    if (event.type === 'method.detached') return this.applyDetach(em, event);
    return 'ignored';
  }

  private lockPayment(em: EntityManager, event: WebhookEvent): Promise<Payment | null> {
    if (!event.gatewayReference) return Promise.resolve(null);
    return em.findOne(Payment, { gateway: event.gateway, gatewayReference: event.gatewayReference }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** A refund we started settles; one made elsewhere (the gateway's dashboard) stays unmatched for staff. */
  private async applyRefund(em: EntityManager, event: WebhookEvent): Promise<WebhookEventStatus> {
    if (!event.refundReference) return 'ignored';
    const found = await em.findOne(Refund, { gatewayReference: event.refundReference, payment: { gateway: event.gateway } });
    if (!found) return 'unmatched';
    const payment = await em.findOneOrFail(Payment, found.payment.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const refund = await em.findOneOrFail(Refund, found.id, { refresh: true });
    event.paymentId = payment.id;
    const succeeded = event.type === 'refund.succeeded';
    let message = `refund ${refund.id} ${succeeded ? 'settled' : 'failed at the gateway'}`;
    if (succeeded && refund.status === 'pending') refund.status = 'succeeded';
    if (!succeeded && refund.status !== 'failed') {
      refund.status = 'failed';
      const { from } = releaseFailedRefund(payment, refund.amountMinor);
      message = `${message}; ${refund.amountMinor} minor units are refundable again (${from} → ${payment.status})`;
    }
    transition(em, payment, payment.status, {
      kind: 'webhook',
      outcome: succeeded ? 'succeeded' : 'failed',
      amountMinor: event.amountMinor ?? refund.amountMinor,
      gatewayReference: event.refundReference,
      failureCode: event.failure?.code ?? null,
      message,
      raw: { webhookEventId: event.eventId, nativeType: event.nativeType },
    });
    return 'applied';
  }

  private async applyDetach(em: EntityManager, event: WebhookEvent): Promise<WebhookEventStatus> {
    if (!event.methodId) return 'ignored';
    const profile = await em.findOne(CustomerPaymentProfile, { gateway: event.gateway, methodId: event.methodId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!profile) return 'ignored';
    if (profile.status !== 'deleted') {
      profile.status = 'deleted';
      profile.isDefault = false;
    }
    return 'applied';
  }

  /** A bug or an outage while applying: keep the event `received` and try again later, with backoff. */
  private async recordFailure(eventRowId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error({ webhookEventId: eventRowId, err: error }, 'could not apply webhook event; it stays received and is retried');
    await this.orm.em
      .getConnection()
      .execute(
        `update webhook_events set attempts = attempts + 1, last_error = ?, next_attempt_at = now() + least(interval '1 hour', interval '5 seconds' * power(2, attempts)) where id = ?`,
        [message.slice(0, 500), eventRowId],
      )
      .catch((updateError: unknown) => this.logger.error({ webhookEventId: eventRowId, err: updateError }, 'could not record the webhook failure'));
  }

  private async notify(payment: Payment): Promise<void> {
    for (const listener of this.listeners) {
      await listener(payment).catch((error: unknown) => this.logger.warn({ paymentId: payment.id, err: error }, 'payment-moved listener failed'));
    }
  }
}

function unmatchedBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
