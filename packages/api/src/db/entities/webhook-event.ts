import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { PaymentFailure } from '@payrail/gateways';
import { idColumn, jsonColumn, newId, timestampColumn } from './columns.js';

/**
 * What happened to a stored inbound event: `received` (stored, not applied yet: a crash here is
 * recovered on restart), `applied`, `unmatched` (no payment/refund/profile we know; retried a few
 * times, then kept for reconciliation), `ignored` (a type we do not act on).
 */
export type WebhookEventStatus = 'received' | 'applied' | 'unmatched' | 'ignored';

/** An inbound gateway webhook, stored once per (gateway, gateway event id) after its signature verified. */
@Entity({ tableName: 'webhook_events' })
@Unique({ properties: ['gateway', 'eventId'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['gatewayReference'] })
export class WebhookEvent {
  [OptionalProps]?: 'status' | 'attempts' | 'receivedAt' | 'nextAttemptAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 32 }) gateway!: string;
  @Property({ type: 'uuid' }) gatewayKeyId!: string;
  @Property({ type: 'string', length: 255 }) eventId!: string;
  /** Normalised type (`payment.succeeded`, ...). */
  @Property({ type: 'string', length: 32 }) type!: string;
  @Property({ type: 'string', length: 100 }) nativeType!: string;
  @Property({ type: 'string', length: 255, nullable: true }) gatewayReference?: string | null;
  @Property({ type: 'string', length: 255, nullable: true }) refundReference?: string | null;
  @Property({ type: 'string', length: 255, nullable: true }) methodId?: string | null;
  @Property({ type: new BigIntType('number'), nullable: true }) amountMinor?: number | null;
  @Property({ type: 'string', length: 3, nullable: true }) currency?: string | null;
  /** The normalised failure, for failure events. */
  @Property({ ...jsonColumn(), nullable: true }) failure?: PaymentFailure | null;
  @Property(timestampColumn()) occurredAt!: Date;
  /** The gateway's redacted body, for the log. */
  @Property(jsonColumn()) raw!: Record<string, unknown>;
  @Property({ type: 'string', length: 16 }) status: WebhookEventStatus = 'received';
  @Property({ type: 'integer' }) attempts: number = 0;
  /** When the recovery loop may look at it again (unmatched events back off). */
  @Property(timestampColumn()) nextAttemptAt: Date = new Date();
  @Property({ type: 'string', length: 500, nullable: true }) lastError?: string | null;
  @Property({ type: 'uuid', nullable: true }) paymentId?: string | null;
  @Property(timestampColumn()) receivedAt: Date = new Date();
  @Property({ ...timestampColumn(), nullable: true }) appliedAt?: Date | null;
}
