import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, OneToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { idColumn, newId, timestampColumn } from './columns.js';
import { Payment } from './payment.js';

/** `pending`: being retried with backoff; `resolved`: the gateway's answer settled it; `needs_attention`: staff queue. */
export type ReconciliationState = 'pending' | 'resolved' | 'needs_attention';

/** Reconciliation bookkeeping for a payment that stayed in a non-final state too long. */
@Entity({ tableName: 'payment_reconciliations' })
@Index({ properties: ['state', 'nextAttemptAt'] })
export class PaymentReconciliation {
  [OptionalProps]?: 'state' | 'attempts' | 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @OneToOne(() => Payment, { owner: true, unique: true }) payment!: Payment;
  @Property({ type: 'string', length: 16 }) state: ReconciliationState = 'pending';
  @Property({ type: 'integer' }) attempts: number = 0;
  @Property(timestampColumn()) nextAttemptAt!: Date;
  @Property({ ...timestampColumn(), nullable: true }) lastCheckedAt?: Date | null;
  /** What the last check found ("gateway says processing", "retrievePayment failed: ..."). */
  @Property({ type: 'string', length: 500, nullable: true }) lastOutcome?: string | null;
  @Property(timestampColumn()) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
