import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { idColumn, newId, timestampColumn } from './columns.js';

/** admin: everything; finance: money operations; support: read-only. */
export type StaffRole = 'admin' | 'finance' | 'support';

@Entity({ tableName: 'staff_users' })
export class StaffUser {
  [OptionalProps]?: 'active' | 'createdAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 320 }) @Unique() email!: string;
  @Property({ type: 'string', length: 200 }) name!: string;
  @Property({ type: 'string', length: 16 }) role!: StaffRole;
  @Property({ type: 'text', hidden: true, lazy: true }) passwordHash!: string;
  @Property({ type: 'boolean' }) active: boolean = true;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
}
