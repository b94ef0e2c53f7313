import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../context.js';
import { requirePermissionOrCustomer } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { SafeIntScalar } from '../../scalars.js';
import { RecurringSchedulePayload, schedulePayload } from './schedule-payloads.js';

@InputType({ description: 'Change what a schedule charges or with which card.' })
export class UpdateRecurringScheduleInput {
  @Field(() => ID) scheduleId!: string;
  @Field(() => SafeIntScalar, { nullable: true, description: 'From the next cycle on; a cycle already invoiced keeps its amount.' }) amountMinor?: number | null;
  @Field(() => ID, { nullable: true, description: 'Another saved card of the same customer; a past-due schedule retries with it at once.' }) profileId?: string | null;
}

@Resolver()
export class UpdateRecurringScheduleResolver {
  @Mutation(() => RecurringSchedulePayload, { description: 'Changes amount or card. Staff, partners with schedules:write, and the customer for their own.' })
  async updateRecurringSchedule(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateRecurringScheduleInput) input: UpdateRecurringScheduleInput) {
    requirePermissionOrCustomer(ctx.viewer, 'schedules:write');
    return schedulePayload(await withUserErrors(() => ctx.services.schedules.update(ctx.viewer, input)));
  }
}
