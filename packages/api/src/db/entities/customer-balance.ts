import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Customer } from './customer.js';
import { idColumn, moneyColumn, newId, timestampColumn } from './columns.js';

/** A customer's prepaid credit in one currency; changed only together with a BalanceTransaction row. */
@Entity({ tableName: 'customer_balances' })
@Unique({ properties: ['customer', 'currency'] })
export class CustomerBalance {
  [OptionalProps]?: 'amountMinor' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @ManyToOne(() => Customer, { deleteRule: 'cascade' }) customer!: Customer;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property(moneyColumn()) amountMinor: number = 0;
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
