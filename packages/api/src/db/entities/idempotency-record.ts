import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { idColumn, jsonColumn, newId, timestampColumn } from './columns.js';

export type IdempotencyState = 'in_progress' | 'completed';

/**
 * Claims an idempotency key before any money moves. The unique (scope, key) constraint makes concurrent
 * duplicates wait for the first request's result instead of charging again.
 */
@Entity({ tableName: 'idempotency_records' })
@Unique({ properties: ['scope', 'key'] })
export class IdempotencyRecord {
  [OptionalProps]?: 'state' | 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  /** Who owns the key (a partner key id, a customer id, or "staff"), so two callers never collide. */
  @Property({ type: 'string', length: 80 }) scope!: string;
  @Property({ type: 'string', length: 255 }) key!: string;
  @Property({ type: 'string', length: 64 }) operation!: string;
  /** SHA-256 of the canonical input: same key with different input is rejected. */
  @Property({ type: 'string', length: 64 }) requestHash!: string;
  @Property({ type: 'string', length: 16 }) state: IdempotencyState = 'in_progress';
  @Property({ ...jsonColumn(), nullable: true }) result?: Record<string, unknown> | null;
  /** Until when the claiming process owns the key; past it, another request may take over the work. */
  @Property({ ...timestampColumn() }) leaseUntil!: Date;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
