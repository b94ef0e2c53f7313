import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { idColumn, newId, timestampColumn } from './columns.js';

@Entity({ tableName: 'customers' })
export class Customer {
  [OptionalProps]?: 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 320 }) @Unique() email!: string;
  @Property({ type: 'string', length: 200 }) name!: string;
  /** ISO 3166-1 alpha-2. */
  @Property({ type: 'string', length: 2, nullable: true }) country?: string | null;
  @Property({ type: 'string', length: 3 }) defaultCurrency!: string;
  /** The partner system's own id for this customer. */
  @Property({ type: 'string', length: 200, nullable: true }) @Unique() externalRef?: string | null;
  /** Portal password (argon2id); null until the customer is invited and sets one. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true }) passwordHash?: string | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
