import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { idColumn, jsonColumn, newId, timestampColumn } from './columns.js';

export type NotificationKind = 'payment_failed' | 'schedule_stopped' | 'hold_expiring';
/** email: to the customer; staff: a note for the billing team; partner_event: for partner webhooks. */
export type NotificationChannel = 'email' | 'staff' | 'partner_event';
export type NotificationStatus = 'pending' | 'sent';

/**
 * One message about one event on one channel. `(channel, dedupeKey)` is unique, so a retried activity
 * finds the row it wrote and never sends the same failure twice.
 */
@Entity({ tableName: 'notifications' })
@Unique({ properties: ['channel', 'dedupeKey'] })
@Index({ properties: ['paymentId'] })
@Index({ properties: ['createdAt'] })
export class Notification {
  [OptionalProps]?: 'status' | 'data' | 'createdAt' | 'sentAt' | 'recipient' | 'paymentId' | 'scheduleId';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 32 }) kind!: NotificationKind;
  @Property({ type: 'string', length: 16 }) channel!: NotificationChannel;
  /** Names the event, e.g. `payment_failed:<paymentId>`. */
  @Property({ type: 'string', length: 255 }) dedupeKey!: string;
  @Property({ type: 'string', length: 320, nullable: true }) recipient?: string | null;
  @Property({ type: 'string', length: 300 }) subject!: string;
  @Property({ type: 'text' }) body!: string;
  @Property({ ...jsonColumn(), nullable: true }) data?: Record<string, unknown> | null;
  @Property({ type: 'uuid', nullable: true }) paymentId?: string | null;
  @Property({ type: 'uuid', nullable: true }) scheduleId?: string | null;
  @Property({ type: 'string', length: 16 }) status: NotificationStatus = 'pending';
  @Property({ ...timestampColumn(), nullable: true }) sentAt?: Date | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
}
