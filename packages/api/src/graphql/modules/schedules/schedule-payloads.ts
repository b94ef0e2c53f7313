import { Field, ObjectType } from 'type-graphql';
import type { RecurringSchedule } from '../../../db/entities/recurring-schedule.js';
import { UserError } from '../../common-types.js';
import { RecurringScheduleType } from './schedule.resolver.js';

@ObjectType({ description: 'Result of a mutation on a recurring schedule.' })
export class RecurringSchedulePayload {
  @Field(() => RecurringScheduleType, { nullable: true }) schedule!: RecurringSchedule | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const schedulePayload = (result: { value: RecurringSchedule | null; userErrors: UserError[] }): RecurringSchedulePayload =>
  Object.assign(new RecurringSchedulePayload(), { schedule: result.value, userErrors: result.userErrors });
