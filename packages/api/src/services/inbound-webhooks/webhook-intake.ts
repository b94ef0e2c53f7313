import type { MikroORM } from '@mikro-orm/postgresql';
import { WebhookVerificationError, type NormalizedWebhookEvent } from '@payrail/gateways';
import { PaymentGatewayKey } from '../../db/entities/payment-gateway-key.js';
import type { Metrics } from '../../metrics.js';
import type { GatewayClients } from '../gateway-clients.js';

/** Why an inbound webhook was refused before anything was stored. */
export class WebhookRejectedError extends Error {
  override readonly name = 'WebhookRejectedError';
  constructor(
    readonly reason: 'unknown_key' | WebhookVerificationError['reason'],
    readonly httpStatus: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

export interface ReceivedWebhook {
  /** Our row id (present for a new event and for a duplicate alike). */
  id: string;
  /** False when (gateway, event id) was stored before: the caller answers 200 and does nothing. */
  isNew: boolean;
  event: NormalizedWebhookEvent;
}

/**
 * The first two steps of an inbound webhook: verify the signature on the raw bytes with the key's
 * webhook secret, then store the event exactly once (`INSERT ... ON CONFLICT DO NOTHING` on
 * (gateway, event id)). Applying it is the WebhookApplier's job, after the HTTP answer.
 */
export class WebhookIntake {
  constructor(
    private readonly orm: MikroORM,
    private readonly clients: GatewayClients,
    private readonly metrics: Metrics,
  ) {}

  async receive(gateway: string, keyId: string, rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<ReceivedWebhook> {
    const event = await this.verify(gateway, keyId, rawBody, headers);
    const rows: { id: string }[] = await this.orm.em.getConnection().execute(
      `insert into webhook_events (id, gateway, gateway_key_id, event_id, type, native_type, gateway_reference, refund_reference, method_id,
         amount_minor, currency, failure, occurred_at, raw, status, attempts, next_attempt_at, received_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', 0, now(), now())
       on conflict (gateway, event_id) do nothing returning id`,
      [
        gateway,
        keyId,
        event.eventId,
        event.type,
        event.nativeType.slice(0, 100),
        event.gatewayReference ?? null,
        event.refundReference ?? null,
        event.methodId ?? null,
        event.amountMinor ?? null,
        event.currency ?? null,
        event.failure ? JSON.stringify(event.failure) : null,
        event.occurredAt,
        JSON.stringify(event.raw),
      ],
    );
    if (rows[0]) return { id: rows[0].id, isNew: true, event };
    const [existing] = await this.orm.em.getConnection().execute<{ id: string }[]>('select id from webhook_events where gateway = ? and event_id = ?', [gateway, event.eventId]);
    return { id: existing!.id, isNew: false, event };
  }

  private async verify(gateway: string, keyId: string, rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<NormalizedWebhookEvent> {
    const key = isUuid(keyId) ? await this.orm.em.fork().findOne(PaymentGatewayKey, keyId) : null;
    if (!key || key.gateway !== gateway) {
      this.metrics.webhooksRejected.inc({ gateway, reason: 'unknown_key' });
      throw new WebhookRejectedError('unknown_key', 404, 'no such webhook endpoint');
    }
    try {
      return await this.clients.forKey(key).parseWebhook({ rawBody, headers });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      this.metrics.webhooksRejected.inc({ gateway, reason: error.reason });
      throw new WebhookRejectedError(error.reason, 400, error.message);
    }
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
