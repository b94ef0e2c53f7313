import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Payment } from './payment.js';
import { idColumn, jsonColumn, moneyColumn, newId, timestampColumn } from './columns.js';

export type GatewayTransactionKind =
  | 'authorize'
  | 'confirm'
  | 'capture'
  | 'cancel'
  | 'refund'
  | 'webhook'
  | 'reconcile'
  | 'expire'
  | 'manual';
export type GatewayTransactionOutcome = 'succeeded' | 'failed' | 'pending';

/** Every call to and event from a gateway for one payment: the payment's timeline and log. */
@Entity({ tableName: 'payment_gateway_transactions' })
@Index({ properties: ['payment', 'createdAt'] })
export class PaymentGatewayTransaction {
  [OptionalProps]?: 'amountMinor' | 'actorType' | 'createdAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @ManyToOne(() => Payment, { deleteRule: 'cascade' }) payment!: Payment;
  @Property({ type: 'string', length: 16 }) kind!: GatewayTransactionKind;
  @Property({ type: 'string', length: 16 }) outcome!: GatewayTransactionOutcome;
  @Property(moneyColumn()) amountMinor: number = 0;
  @Property({ type: 'string', length: 32, nullable: true }) fromStatus?: string | null;
  @Property({ type: 'string', length: 32 }) toStatus!: string;
  @Property({ type: 'string', length: 255, nullable: true }) gatewayReference?: string | null;
  @Property({ type: 'string', length: 255, nullable: true }) idempotencyKey?: string | null;
  @Property({ type: 'string', length: 64, nullable: true }) failureCode?: string | null;
  @Property({ type: 'string', length: 500, nullable: true }) message?: string | null;
  /** The gateway's answer with secrets and card data removed. */
  @Property({ ...jsonColumn(), nullable: true }) raw?: Record<string, unknown> | null;
  @Property({ type: 'string', length: 16 }) actorType: string = 'system';
  @Property({ type: 'string', length: 64, nullable: true }) actorId?: string | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
}
