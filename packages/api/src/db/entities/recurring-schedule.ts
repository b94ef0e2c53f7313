import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Customer } from './customer.js';
import { CustomerPaymentProfile } from './customer-payment-profile.js';
import { idColumn, jsonColumn, moneyColumn, newId, timestampColumn } from './columns.js';

export type ScheduleInterval = 'day' | 'week' | 'month' | 'year';
export type ScheduleStatus = 'active' | 'paused' | 'past_due' | 'canceled';

/** Retry a failed cycle after these many days; then take the final action. */
export interface DunningPolicy {
  retryAfterDays: number[];
  finalAction: 'cancel' | 'pause';
}

@Entity({ tableName: 'recurring_schedules' })
@Index({ properties: ['status', 'nextChargeAt'] })
@Index({ properties: ['customer'] })
export class RecurringSchedule {
  [OptionalProps]?: 'intervalCount' | 'timezone' | 'cycle' | 'status' | 'dunningPolicy' | 'failedAttempts' | 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @ManyToOne(() => Customer) customer!: Customer;
  @ManyToOne(() => CustomerPaymentProfile) profile!: CustomerPaymentProfile;
  @Property(moneyColumn()) amountMinor!: number;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property({ type: 'string', length: 8 }) interval!: ScheduleInterval;
  @Property({ type: 'smallint' }) intervalCount: number = 1;
  /** Day of month the schedule is anchored to (1-31); months without it charge on their last day. */
  @Property({ type: 'smallint', nullable: true }) anchorDay?: number | null;
  @Property({ type: 'string', length: 64 }) timezone: string = 'UTC';
  @Property({ type: 'string', length: 500, nullable: true }) description?: string | null;
  @Property({ ...timestampColumn() }) nextChargeAt!: Date;
  @Property({ type: 'integer' }) cycle: number = 0;
  @Property({ type: 'string', length: 16 }) status: ScheduleStatus = 'active';
  @Property(jsonColumn()) dunningPolicy: DunningPolicy = { retryAfterDays: [1, 3, 5, 7], finalAction: 'cancel' };
  @Property({ type: 'smallint' }) failedAttempts: number = 0;
  @Property({ type: 'string', length: 255, nullable: true }) workflowId?: string | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
