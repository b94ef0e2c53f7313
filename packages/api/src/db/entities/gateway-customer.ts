import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Customer } from './customer.js';
import { PaymentGatewayKey } from './payment-gateway-key.js';
import { idColumn, newId, timestampColumn } from './columns.js';

/** The customer's id at one gateway account, created once and reused for every saved method. */
@Entity({ tableName: 'gateway_customers' })
@Unique({ properties: ['customer', 'gatewayKey'] })
export class GatewayCustomer {
  [OptionalProps]?: 'createdAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @ManyToOne(() => Customer) customer!: Customer;
  @ManyToOne(() => PaymentGatewayKey) gatewayKey!: PaymentGatewayKey;
  @Property({ type: 'string', length: 255 }) gatewayCustomerId!: string;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
}
