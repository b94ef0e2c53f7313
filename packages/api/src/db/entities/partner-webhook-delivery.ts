import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { idColumn, newId, timestampColumn } from './columns.js';
import { DomainEvent } from './domain-event.js';
import { PartnerWebhookEndpoint } from './partner-webhook-endpoint.js';

/** `pending` until its workflow runs, then `succeeded`, or `failed` once retries are exhausted. */
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One event to one endpoint; a manual resend is a new delivery of the same event (same event id header). */
@Entity({ tableName: 'partner_webhook_deliveries' })
@Index({ properties: ['endpoint', 'createdAt'] })
@Index({ properties: ['status', 'workflowStarted'] })
export class PartnerWebhookDelivery {
  [OptionalProps]?: 'status' | 'attempts' | 'workflowStarted' | 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @ManyToOne(() => PartnerWebhookEndpoint) endpoint!: PartnerWebhookEndpoint;
  @ManyToOne(() => DomainEvent) event!: DomainEvent;
  @Property({ type: 'string', length: 64 }) eventType!: string;
  @Property({ type: 'string', length: 16 }) status: DeliveryStatus = 'pending';
  @Property({ type: 'integer' }) attempts: number = 0;
  @Property({ type: 'integer', nullable: true }) lastStatusCode?: number | null;
  @Property({ type: 'string', length: 500, nullable: true }) lastError?: string | null;
  /** Set once the Temporal workflow that delivers it was started (the dispatcher retries until then). */
  @Property({ type: 'boolean' }) workflowStarted: boolean = false;
  /** The delivery this one resends, if any. */
  @Property({ type: 'uuid', nullable: true }) resendOf?: string | null;
  @Property({ ...timestampColumn(), nullable: true }) deliveredAt?: Date | null;
  @Property(timestampColumn()) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
