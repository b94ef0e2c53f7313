import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Payment } from './payment.js';
import { idColumn, moneyColumn, newId, timestampColumn } from './columns.js';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

@Entity({ tableName: 'refunds' })
@Index({ properties: ['payment', 'createdAt'] })
@Index({ properties: ['createdAt'] })
export class Refund {
  [OptionalProps]?: 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @ManyToOne(() => Payment) payment!: Payment;
  @Property(moneyColumn()) amountMinor!: number;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property({ type: 'string', length: 500, nullable: true }) reason?: string | null;
  @Property({ type: 'string', length: 16 }) status!: RefundStatus;
  @Property({ type: 'string', length: 255, nullable: true }) gatewayReference?: string | null;
  @Property({ type: 'string', length: 255, nullable: true }) idempotencyKey?: string | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
