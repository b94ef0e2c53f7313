import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Viewer } from '../../auth/viewer.js';
import { PartnerWebhookAttempt } from '../../db/entities/partner-webhook-attempt.js';
import { PartnerWebhookDelivery } from '../../db/entities/partner-webhook-delivery.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { audit } from '../audit.js';
import type { DeliveryStarter } from './delivery-starter.js';
import { canSee, type PartnerWebhookEndpointsService } from './endpoints.service.js';
import { privateDestinationReason } from './url-policy.js';
import { PARTNER_EVENT_ID_HEADER, PARTNER_SIGNATURE_HEADER, signPartnerPayload } from './signature.js';

/** What one HTTP attempt came to; the activity turns `retry` into a retryable failure. */
export type AttemptResult =
  | { outcome: 'delivered'; statusCode: number }
  | { outcome: 'retry'; statusCode: number | null; error: string }
  | { outcome: 'skipped'; reason: string };

/**
 * Partner webhook deliveries: one signed HTTP attempt at a time (called by the delivery workflow's
 * activity, which Temporal retries with exponential backoff), the delivery log, and manual resends.
 */
export class PartnerWebhookDeliveriesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly endpoints: PartnerWebhookEndpointsService,
    private readonly starter: DeliveryStarter,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  /** POSTs the event once, records the attempt, and says whether to retry. */
  async attempt(deliveryId: string, attemptNumber: number): Promise<AttemptResult> {
    const em = this.orm.em.fork();
    const delivery = await em.findOne(PartnerWebhookDelivery, deliveryId, { populate: ['endpoint', 'event'] });
    if (!delivery) return { outcome: 'skipped', reason: 'delivery not found' };
    if (delivery.status !== 'pending') return { outcome: 'skipped', reason: `delivery already ${delivery.status}` };
    if (!delivery.endpoint.enabled) {
      delivery.status = 'failed';
      delivery.lastError = 'endpoint disabled';
      await em.flush();
      return { outcome: 'skipped', reason: 'endpoint disabled' };
    }
    const refused = await privateDestinationReason(new URL(delivery.endpoint.url), this.endpoints.urlPolicy);
    if (refused) {
      delivery.status = 'failed';
      delivery.lastError = refused;
      await em.flush();
      this.logger.warn({ deliveryId, endpointId: delivery.endpoint.id }, refused);
      return { outcome: 'skipped', reason: refused };
    }
    const event = delivery.event;
    // The body is identical on every attempt and resend; only the signature's timestamp changes.
    const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data: event.payload });
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Payrail-Webhooks/1',
          [PARTNER_SIGNATURE_HEADER]: signPartnerPayload(this.endpoints.signingSecret(delivery.endpoint), body, timestamp),
          [PARTNER_EVENT_ID_HEADER]: event.id,
          'payrail-event-type': event.type,
          'payrail-delivery-id': delivery.id,
        },
        body,
      });
      statusCode = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (statusCode < 200 || statusCode >= 300) error = `endpoint answered ${statusCode}`;
    } catch (failure) {
      error = describeFetchFailure(failure);
    }
    const latencyMs = Math.round(performance.now() - started);
    em.persist(em.create(PartnerWebhookAttempt, { delivery, attempt: attemptNumber, statusCode, latencyMs, error }));
    delivery.attempts += 1;
    delivery.lastStatusCode = statusCode;
    delivery.lastError = error;
    if (!error) {
      delivery.status = 'succeeded';
      delivery.deliveredAt = new Date();
    }
    await em.flush();
    if (error) {
      this.logger.info({ deliveryId, endpointId: delivery.endpoint.id, attempt: attemptNumber, statusCode, latencyMs }, 'partner webhook attempt failed; will retry');
      return { outcome: 'retry', statusCode, error };
    }
    return { outcome: 'delivered', statusCode: statusCode ?? 200 };
  }

  /** Retries are exhausted (days of them): the delivery is failed and shows in the log; staff may resend. */
  async markFailed(deliveryId: string, reason: string): Promise<void> {
    await this.orm.em
      .getConnection()
      .execute(`update partner_webhook_deliveries set status = 'failed', last_error = ?, updated_at = now() where id = ? and status = 'pending'`, [reason.slice(0, 500), deliveryId]);
  }

  /** A new delivery of the same event (same event id header, so a partner that got it already can drop it). */
  async resend(viewer: Viewer, deliveryId: string): Promise<PartnerWebhookDelivery> {
    const resent = await this.orm.em.fork().transactional(async (em) => {
      const original = await em.findOne(PartnerWebhookDelivery, deliveryId, { populate: ['endpoint'] });
      if (!original || !canSee(viewer, original.endpoint)) throw notFound('webhook delivery', 'input.deliveryId');
      if (!original.endpoint.enabled) throw new DomainError('INVALID_STATE', 'the endpoint is disabled; enable it before resending', 'input.deliveryId');
      const copy = em.create(PartnerWebhookDelivery, { endpoint: original.endpoint, event: original.event, eventType: original.eventType, resendOf: original.id });
      em.persist(copy);
      audit(em, viewer, 'partner_webhook.resent', { type: 'PartnerWebhookDelivery', id: original.id }, { resendId: copy.id });
      return copy;
    });
    if (this.starter.enabled) {
      await this.starter.start(resent.id);
      await this.orm.em.getConnection().execute('update partner_webhook_deliveries set workflow_started = true where id = ?', [resent.id]);
    }
    return this.orm.em.fork().findOneOrFail(PartnerWebhookDelivery, resent.id);
  }

  /** Newest first. */
  async listForEndpoint(viewer: Viewer, endpointId: string, limit: number): Promise<PartnerWebhookDelivery[]> {
    await this.endpoints.get(viewer, endpointId);
    return this.orm.em.fork().find(PartnerWebhookDelivery, { endpoint: endpointId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: Math.min(Math.max(limit, 1), 100) });
  }

  async attemptsOf(deliveryId: string): Promise<PartnerWebhookAttempt[]> {
    return this.orm.em.fork().find(PartnerWebhookAttempt, { delivery: deliveryId }, { orderBy: { createdAt: 'asc' }, limit: 500 });
  }
}

function describeFetchFailure(failure: unknown): string {
  if (failure instanceof Error && failure.name === 'TimeoutError') return 'timed out';
  const cause = failure instanceof Error && failure.cause instanceof Error ? failure.cause.message : null;
  return (cause ?? (failure instanceof Error ? failure.message : String(failure))).slice(0, 500);
}
