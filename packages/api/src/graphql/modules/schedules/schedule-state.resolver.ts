import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RecurringSchedule } from '../../../db/entities/recurring-schedule.js';
import { DomainError } from '../../../domain/errors.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermissionOrCustomer } from '../../guards.js';
import { DateTimeScalar } from '../../scalars.js';
import { RecurringScheduleType } from './schedule.resolver.js';

@ObjectType('RecurringScheduleState', { description: 'Where the schedule is, from its running workflow (or from the database when the workflow cannot be asked).' })
export class RecurringScheduleStateType {
  @Field(() => String, { description: 'active, paused, past_due or canceled.' }) status!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The next attempt: the next cycle, or the next dunning retry when past due.' }) nextChargeAt!: Date | null;
  @Field(() => Int, { description: 'The cycle charged next (0 before the first charge).' }) cycle!: number;
  @Field(() => Int, { description: 'Failed attempts in the current cycle.' }) failedAttempts!: number;
  @Field(() => Int, { description: 'Dunning retries still allowed in the current cycle.' }) retriesLeft!: number;
  @Field(() => String, { nullable: true, description: 'Normalised code of the last failure, e.g. card_declined.' }) lastFailureCode!: string | null;
  @Field(() => String, { description: 'workflow (live) or database (the last state the workflow recorded).' }) source!: string;
}

@Resolver(() => RecurringScheduleType)
export class RecurringScheduleStateResolver {
  @Query(() => RecurringScheduleType, { nullable: true, description: 'One recurring schedule; null when it does not exist or is not yours.' })
  async recurringSchedule(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<RecurringSchedule | null> {
    requirePermissionOrCustomer(ctx.viewer, 'schedules:read');
    try {
      return await ctx.services.schedules.get(ctx.viewer, id);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  @FieldResolver(() => RecurringScheduleStateType, { description: 'Live state: next charge, retries left, status.' })
  async state(@Root() s: RecurringSchedule, @Ctx() ctx: GraphQLContext): Promise<RecurringScheduleStateType> {
    const live = await ctx.services.schedules.liveState(s.id);
    if (live) {
      return { status: live.status, nextChargeAt: live.nextChargeAt ? new Date(live.nextChargeAt) : null, cycle: live.cycle, failedAttempts: live.failedAttempts, retriesLeft: live.retriesLeft, lastFailureCode: live.lastFailureCode, source: 'workflow' };
    }
    const retries = s.dunningPolicy.retryAfterDays.length;
    return {
      status: s.status,
      nextChargeAt: s.status === 'canceled' ? null : s.nextChargeAt,
      cycle: s.cycle,
      failedAttempts: s.failedAttempts,
      retriesLeft: Math.max(0, retries - Math.max(0, s.failedAttempts - 1)),
      lastFailureCode: null,
      source: 'database',
    };
  }
}
