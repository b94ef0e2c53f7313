import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { DunningPolicy, ScheduleInterval } from '../../../db/entities/recurring-schedule.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { DateTimeScalar, SafeIntScalar } from '../../scalars.js';
import { RecurringSchedulePayload, schedulePayload } from './schedule-payloads.js';

@InputType({ description: 'How a failed cycle is retried before the final action.' })
export class DunningPolicyInput {
  @Field(() => [Int], { description: 'Days after the first failure of a cycle to retry, ascending (at most 10), e.g. [1, 3, 5, 7].' }) retryAfterDays!: number[];
  @Field(() => String, { description: 'cancel or pause the schedule when retries are spent or a decline is hard.' }) finalAction!: string;
}

@InputType({ description: 'Charge a saved card on a fixed interval.' })
export class CreateRecurringScheduleInput {
  @Field(() => ID) customerId!: string;
  @Field(() => ID, { description: 'A saved card of the customer on a key that allows recurring charges.' }) profileId!: string;
  @Field(() => SafeIntScalar) amountMinor!: number;
  @Field(() => String) currency!: string;
  @Field(() => String, { description: 'day, week, month or year.' }) interval!: string;
  @Field(() => Int, { nullable: true, description: 'Every n intervals; default 1.' }) intervalCount?: number | null;
  @Field(() => Int, { nullable: true, description: 'Day of month for monthly/yearly schedules (1-31; short months charge on their last day). Default: the start date\'s day.' }) anchorDay?: number | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone the dates are in; default UTC.' }) timezone?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'First charge; default now.' }) startAt?: Date | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => DunningPolicyInput, { nullable: true, description: 'Default: retry after 1, 3, 5 and 7 days, then cancel.' }) dunningPolicy?: DunningPolicyInput | null;
}

@Resolver()
export class CreateRecurringScheduleResolver {
  @Mutation(() => RecurringSchedulePayload, { description: 'Creates a schedule and starts its workflow. Staff (finance, admin) and partners with schedules:write.' })
  async createRecurringSchedule(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateRecurringScheduleInput) input: CreateRecurringScheduleInput) {
    requirePermission(ctx.viewer, 'schedules:write');
    return schedulePayload(
      await withUserErrors(() =>
        ctx.services.schedules.create(ctx.viewer, {
          ...input,
          // The service validates both strings; the casts only name the types it checks them against.
          interval: input.interval as ScheduleInterval,
          dunningPolicy: input.dunningPolicy ? { retryAfterDays: input.dunningPolicy.retryAfterDays, finalAction: input.dunningPolicy.finalAction as DunningPolicy['finalAction'] } : null,
        }),
      ),
    );
  }
}
