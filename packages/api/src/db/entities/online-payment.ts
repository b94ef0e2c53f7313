import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Customer } from './customer.js';
import { Invoice } from './invoice.js';
import { idColumn, moneyColumn, newId, timestampColumn } from './columns.js';

export type OnlinePaymentStatus = 'active' | 'paid' | 'expired' | 'canceled';

/** A pay link: an unguessable token that lets anyone holding it pay a fixed amount. */
@Entity({ tableName: 'online_payments' })
@Index({ properties: ['status', 'createdAt'] })
export class OnlinePayment {
  [OptionalProps]?: 'status' | 'reusable' | 'paidCount' | 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 64 }) @Unique() token!: string;
  @Property(moneyColumn()) amountMinor!: number;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property({ type: 'string', length: 500 }) description!: string;
  @Property({ ...timestampColumn(), nullable: true }) expiresAt?: Date | null;
  @Property({ type: 'string', length: 16 }) status: OnlinePaymentStatus = 'active';
  @ManyToOne(() => Customer, { nullable: true }) customer?: Customer | null;
  @ManyToOne(() => Invoice, { nullable: true }) invoice?: Invoice | null;
  @Property({ type: 'boolean' }) reusable: boolean = false;
  @Property({ type: 'integer' }) paidCount: number = 0;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
