import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { idColumn, newId, timestampColumn } from './columns.js';
import { PartnerWebhookDelivery } from './partner-webhook-delivery.js';

/** One HTTP attempt of a delivery: the delivery log partners and staff read. */
@Entity({ tableName: 'partner_webhook_attempts' })
@Index({ properties: ['delivery', 'createdAt'] })
export class PartnerWebhookAttempt {
  [OptionalProps]?: 'createdAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @ManyToOne(() => PartnerWebhookDelivery) delivery!: PartnerWebhookDelivery;
  @Property({ type: 'integer' }) attempt!: number;
  /** HTTP status, or null when no response came (refused, timeout). */
  @Property({ type: 'integer', nullable: true }) statusCode?: number | null;
  @Property({ type: 'integer' }) latencyMs!: number;
  @Property({ type: 'string', length: 500, nullable: true }) error?: string | null;
  @Property(timestampColumn()) createdAt: Date = new Date();
}
