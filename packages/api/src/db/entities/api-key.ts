import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { idColumn, newId, timestampColumn } from './columns.js';

/** A partner system's key: shown once, stored as a SHA-256 hash (the key itself has 256 bits of entropy). */
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  [OptionalProps]?: 'scopes' | 'createdAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 120 }) label!: string;
  /** Public prefix of the key (e.g. "prk_3f9a1c2b"), used to find the row and to recognise the key. */
  @Property({ type: 'string', length: 32 }) @Unique() prefix!: string;
  @Property({ type: 'string', length: 64, hidden: true }) secretHash!: string;
  @Property({ type: 'text[]' }) scopes: string[] = [];
  @Property({ ...timestampColumn(), nullable: true }) lastUsedAt?: Date | null;
  @Property({ ...timestampColumn(), nullable: true }) revokedAt?: Date | null;
  @Property({ type: 'string', length: 64, nullable: true }) createdByStaffId?: string | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
}
