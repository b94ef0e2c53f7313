import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../context.js';
import { requirePermission, requirePermissionOrCustomer } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { RecurringSchedulePayload, schedulePayload } from './schedule-payloads.js';

@InputType({ description: 'The schedule to act on.' })
export class RecurringScheduleIdInput {
  @Field(() => ID) scheduleId!: string;
}

/** Pause, resume, cancel and charge-now: each a signal to the schedule's workflow. */
@Resolver()
export class RecurringScheduleCommandsResolver {
  @Mutation(() => RecurringSchedulePayload, { description: 'Stops charging until resumed. Staff, partners with schedules:write, and the customer for their own.' })
  async pauseRecurringSchedule(@Ctx() ctx: GraphQLContext, @Arg('input', () => RecurringScheduleIdInput) input: RecurringScheduleIdInput) {
    requirePermissionOrCustomer(ctx.viewer, 'schedules:write');
    return schedulePayload(await withUserErrors(() => ctx.services.schedules.pause(ctx.viewer, input.scheduleId)));
  }

  @Mutation(() => RecurringSchedulePayload, { description: 'Resumes a paused schedule; one paused by dunning retries at once. Staff, partners, the customer for their own.' })
  async resumeRecurringSchedule(@Ctx() ctx: GraphQLContext, @Arg('input', () => RecurringScheduleIdInput) input: RecurringScheduleIdInput) {
    requirePermissionOrCustomer(ctx.viewer, 'schedules:write');
    return schedulePayload(await withUserErrors(() => ctx.services.schedules.resume(ctx.viewer, input.scheduleId)));
  }

  @Mutation(() => RecurringSchedulePayload, { description: 'Cancels for good (the workflow ends). Staff, partners, the customer for their own.' })
  async cancelRecurringSchedule(@Ctx() ctx: GraphQLContext, @Arg('input', () => RecurringScheduleIdInput) input: RecurringScheduleIdInput) {
    requirePermissionOrCustomer(ctx.viewer, 'schedules:write');
    return schedulePayload(await withUserErrors(() => ctx.services.schedules.cancel(ctx.viewer, input.scheduleId)));
  }

  @Mutation(() => RecurringSchedulePayload, { description: 'Charges the current cycle (or the pending retry) now instead of at its date. Staff and partners with schedules:write.' })
  async chargeRecurringScheduleNow(@Ctx() ctx: GraphQLContext, @Arg('input', () => RecurringScheduleIdInput) input: RecurringScheduleIdInput) {
    requirePermission(ctx.viewer, 'schedules:write');
    return schedulePayload(await withUserErrors(() => ctx.services.schedules.chargeNow(ctx.viewer, input.scheduleId)));
  }
}
