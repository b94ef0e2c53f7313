import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { idColumn, jsonColumn, newId, timestampColumn } from './columns.js';

@Entity({ tableName: 'audit_logs' })
@Index({ properties: ['entityType', 'entityId'] })
@Index({ properties: ['createdAt'] })
export class AuditLog {
  [OptionalProps]?: 'createdAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 16 }) actorType!: string;
  @Property({ type: 'string', length: 64, nullable: true }) actorId?: string | null;
  @Property({ type: 'string', length: 64 }) action!: string;
  @Property({ type: 'string', length: 64 }) entityType!: string;
  @Property({ type: 'string', length: 64 }) entityId!: string;
  /** What changed, never secrets. */
  @Property({ ...jsonColumn(), nullable: true }) data?: Record<string, unknown> | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
}
