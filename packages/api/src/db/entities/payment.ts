import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Customer } from './customer.js';
import { CustomerPaymentProfile } from './customer-payment-profile.js';
import { Invoice } from './invoice.js';
import { OnlinePayment } from './online-payment.js';
import { PaymentGatewayKey } from './payment-gateway-key.js';
import { idColumn, jsonColumn, moneyColumn, newId, timestampColumn } from './columns.js';
import type { PaymentStatus } from '../../domain/payment-state.js';

export type CaptureMethod = 'automatic' | 'manual';
/** How the money arrived: through a gateway, or recorded by staff, or drawn from prepaid credit. */
export type PaymentMethodKind = 'card' | 'cash' | 'bank_transfer' | 'balance';
export type PaymentPurpose = 'invoice' | 'link' | 'amount' | 'top_up';

@Entity({ tableName: 'payments' })
@Index({ properties: ['status', 'createdAt'] })
@Index({ properties: ['customer', 'createdAt'] })
@Index({ properties: ['gateway', 'createdAt'] })
@Index({ properties: ['currency', 'createdAt'] })
@Index({ properties: ['createdAt'] })
@Unique({ properties: ['gateway', 'gatewayReference'] })
export class Payment {
  [OptionalProps]?: 'captureMethod' | 'authorizedMinor' | 'capturedMinor' | 'refundedMinor' | 'feeMinor' | 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 32 }) status!: PaymentStatus;
  @Property({ type: 'string', length: 16 }) purpose!: PaymentPurpose;
  @Property({ type: 'string', length: 16 }) methodKind!: PaymentMethodKind;
  @Property({ type: 'string', length: 16 }) captureMethod: CaptureMethod = 'automatic';
  @Property(moneyColumn()) amountMinor!: number;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property(moneyColumn()) authorizedMinor: number = 0;
  @Property(moneyColumn()) capturedMinor: number = 0;
  @Property(moneyColumn()) refundedMinor: number = 0;
  @Property(moneyColumn()) feeMinor: number = 0;
  /** Gateway name, or "manual" / "balance" for payments that did not go through one. */
  @Property({ type: 'string', length: 32 }) gateway!: string;
  @ManyToOne(() => PaymentGatewayKey, { nullable: true }) gatewayKey?: PaymentGatewayKey | null;
  @Property({ type: 'string', length: 255, nullable: true }) gatewayReference?: string | null;
  @ManyToOne(() => Customer, { nullable: true }) customer?: Customer | null;
  @ManyToOne(() => CustomerPaymentProfile, { nullable: true }) profile?: CustomerPaymentProfile | null;
  @ManyToOne(() => Invoice, { nullable: true }) invoice?: Invoice | null;
  @ManyToOne(() => OnlinePayment, { nullable: true }) onlinePayment?: OnlinePayment | null;
  @Property({ type: 'string', length: 255, nullable: true }) idempotencyKey?: string | null;
  @Property({ type: 'string', length: 500, nullable: true }) description?: string | null;
  @Property({ type: 'string', length: 64, nullable: true }) failureCode?: string | null;
  @Property({ type: 'string', length: 500, nullable: true }) failureMessage?: string | null;
  /** What the payer must do next (3-D Secure client secret, checkout order); cleared once done. */
  @Property({ ...jsonColumn(), nullable: true }) nextAction?: Record<string, string> | null;
  @Property({ ...timestampColumn(), nullable: true }) authorizedAt?: Date | null;
  @Property({ ...timestampColumn(), nullable: true }) capturedAt?: Date | null;
  @Property({ ...timestampColumn(), nullable: true }) canceledAt?: Date | null;
  /** When the gateway drops an uncaptured authorization. */
  @Property({ ...timestampColumn(), nullable: true }) authorizationExpiresAt?: Date | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
