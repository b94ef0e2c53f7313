import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { idColumn, jsonColumn, newId, timestampColumn } from './columns.js';

/**
 * The outbox: one row per domain event, written in the same transaction as the change it describes.
 * A trigger NOTIFYs `payrail_live` on insert (delivered at commit), which wakes live subscriptions and
 * the partner-webhook dispatcher in every process; `dispatchedAt` is set once deliveries are planned.
 */
@Entity({ tableName: 'domain_events' })
export class DomainEvent {
  [OptionalProps]?: 'createdAt';
  /** UUID v7, so ordering by id is ordering by time; also the partner-facing event id. */
  @PrimaryKey(idColumn()) id: string = newId();
  /** `payment.succeeded`, `link.paid`, `schedule.past_due`, ... */
  @Property({ type: 'string', length: 64 }) type!: string;
  /** What the event is about: `payment`, `link`, `profile`, `schedule`, ... */
  @Property({ type: 'string', length: 32 }) subjectType!: string;
  @Property({ type: 'string', length: 64 }) subjectId!: string;
  /** The JSON partners receive as `data`. */
  @Property(jsonColumn()) payload!: Record<string, unknown>;
  @Property(timestampColumn()) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), nullable: true }) dispatchedAt?: Date | null;
}
