import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Customer } from './customer.js';
import { idColumn, moneyColumn, newId, timestampColumn } from './columns.js';

export type InvoiceStatus = 'open' | 'paid' | 'void';

@Entity({ tableName: 'invoices' })
@Index({ properties: ['customer', 'status'] })
@Index({ properties: ['status', 'dueDate'] })
export class Invoice {
  [OptionalProps]?: 'amountPaidMinor' | 'status' | 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @ManyToOne(() => Customer) customer!: Customer;
  @Property({ type: 'string', length: 64 }) @Unique() number!: string;
  @Property({ type: 'string', length: 500, nullable: true }) description?: string | null;
  @Property(moneyColumn()) amountMinor!: number;
  @Property(moneyColumn()) amountPaidMinor: number = 0;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property({ type: 'date', nullable: true }) dueDate?: string | null;
  @Property({ type: 'string', length: 16 }) status: InvoiceStatus = 'open';
  @Property({ type: 'string', length: 200, nullable: true }) @Unique() externalRef?: string | null;
  @Property({ ...timestampColumn(), nullable: true }) paidAt?: Date | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
