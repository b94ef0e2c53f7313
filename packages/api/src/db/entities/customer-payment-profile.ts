import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Customer } from './customer.js';
import { PaymentGatewayKey } from './payment-gateway-key.js';
import { idColumn, newId, timestampColumn } from './columns.js';

export type ProfileStatus = 'active' | 'requires_action' | 'deleted';

/** A saved payment method as gateway tokens only: never a card number or CVC. */
@Entity({ tableName: 'customer_payment_profiles' })
@Unique({ properties: ['gatewayKey', 'methodId'] })
@Index({ properties: ['customer', 'status'] })
export class CustomerPaymentProfile {
  [OptionalProps]?: 'isDefault' | 'status' | 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @ManyToOne(() => Customer) customer!: Customer;
  @ManyToOne(() => PaymentGatewayKey) gatewayKey!: PaymentGatewayKey;
  @Property({ type: 'string', length: 32 }) gateway!: string;
  @Property({ type: 'string', length: 255 }) gatewayCustomerId!: string;
  @Property({ type: 'string', length: 255 }) methodId!: string;
  @Property({ type: 'string', length: 32 }) brand!: string;
  @Property({ type: 'string', length: 4 }) last4!: string;
  @Property({ type: 'smallint' }) expMonth!: number;
  @Property({ type: 'smallint' }) expYear!: number;
  @Property({ type: 'boolean' }) isDefault: boolean = false;
  @Property({ type: 'string', length: 16 }) status: ProfileStatus = 'active';
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
