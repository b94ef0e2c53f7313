import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RecurringSchedule } from '../../../db/entities/recurring-schedule.js';
import { Money } from '../../common-types.js';
import { connectionOf, PageArgs, paginate } from '../../connection.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermissionOrCustomer } from '../../guards.js';
import { DateTimeScalar } from '../../scalars.js';
import { CustomerType } from '../customers/customer.type.js';
import { PaymentProfileType } from '../profiles/profile.type.js';

@ObjectType('RecurringSchedule', { description: 'A saved card charged on a fixed interval, with dunning on failure.' })
export class RecurringScheduleType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'day, week, month or year.' }) interval!: string;
  @Field(() => Int) intervalCount!: number;
  @Field(() => Int, { nullable: true, description: 'Day of month a monthly schedule is anchored to.' }) anchorDay!: number | null;
  @Field(() => String) timezone!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => DateTimeScalar) nextChargeAt!: Date;
  @Field(() => Int, { description: 'Cycles charged so far.' }) cycle!: number;
  @Field(() => String, { description: 'active, paused, past_due or canceled.' }) status!: string;
  @Field(() => Int, { description: 'Failed attempts in the current cycle.' }) failedAttempts!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

export const RecurringScheduleConnection = connectionOf('RecurringSchedule', RecurringScheduleType);

@Resolver(() => RecurringScheduleType)
export class RecurringScheduleResolver {
  @Query(() => RecurringScheduleConnection, { description: 'Recurring schedules, newest first. Customers see only their own.' })
  recurringSchedules(
    @Ctx() ctx: GraphQLContext,
    @Arg('customerId', () => ID, { nullable: true }) customerId?: string,
    @Arg('status', () => String, { nullable: true }) status?: string,
    @Arg('page', () => PageArgs, { nullable: true }) page?: PageArgs,
  ) {
    requirePermissionOrCustomer(ctx.viewer, 'schedules:read');
    const owner = ctx.viewer.kind === 'customer' ? ctx.viewer.customerId : customerId;
    return paginate(ctx.em, RecurringSchedule, { ...(owner ? { customer: owner } : {}), ...(status ? { status } : {}) }, page);
  }

  @FieldResolver(() => Money) amount(@Root() s: RecurringSchedule): Money {
    return Money.of(s.amountMinor, s.currency);
  }

  @FieldResolver(() => CustomerType) customer(@Root() s: RecurringSchedule, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.customer.load(s.customer.id);
  }

  @FieldResolver(() => PaymentProfileType, { nullable: true }) profile(@Root() s: RecurringSchedule, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.profile.load(s.profile.id);
  }
}
