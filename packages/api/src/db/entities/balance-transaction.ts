import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Customer } from './customer.js';
import { idColumn, moneyColumn, newId, timestampColumn } from './columns.js';

export type BalanceTransactionKind = 'top_up' | 'invoice_payment' | 'adjustment';

/** Ledger of prepaid-credit movements: positive credits, negative debits. */
@Entity({ tableName: 'balance_transactions' })
@Index({ properties: ['customer', 'createdAt'] })
export class BalanceTransaction {
  [OptionalProps]?: 'createdAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @ManyToOne(() => Customer, { deleteRule: 'cascade' }) customer!: Customer;
  @Property({ type: 'string', length: 32 }) kind!: BalanceTransactionKind;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property(moneyColumn()) amountMinor!: number;
  @Property(moneyColumn()) balanceAfterMinor!: number;
  @Property({ type: 'uuid', nullable: true }) paymentId?: string | null;
  @Property({ type: 'uuid', nullable: true }) invoiceId?: string | null;
  @Property({ type: 'string', length: 500, nullable: true }) note?: string | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
}
