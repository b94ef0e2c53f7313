import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { BatchCharge } from '../../../db/entities/batch-charge.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { UserError } from '../../common-types.js';
import { BatchChargeType } from './batch-charge.type.js';

@InputType({ description: 'Which open invoices to charge; every field narrows the set.' })
export class BatchChargeFilterInput {
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: invoices due on or before.' }) dueOnOrBefore?: string | null;
}

@InputType({ description: 'Charge every open invoice of the filter with its customer\'s default card.' })
export class StartBatchChargeInput {
  @Field(() => BatchChargeFilterInput, { nullable: true }) filter?: BatchChargeFilterInput | null;
  @Field(() => Int, { nullable: true, description: 'Charges in flight at once, 1-16; default 4.' }) concurrency?: number | null;
}

@ObjectType({ description: 'Result of startBatchCharge.' })
export class StartBatchChargePayload {
  @Field(() => BatchChargeType, { nullable: true }) batchCharge!: BatchCharge | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@Resolver()
export class StartBatchChargeResolver {
  @Mutation(() => StartBatchChargePayload, { description: 'Starts a batch charge workflow; safe to run twice (no invoice is charged twice). Staff (finance, admin) and partners with payments:write.' })
  async startBatchCharge(@Ctx() ctx: GraphQLContext, @Arg('input', () => StartBatchChargeInput) input: StartBatchChargeInput) {
    requirePermission(ctx.viewer, 'payments:write');
    const result = await withUserErrors(() => ctx.services.batchCharges.start(ctx.viewer, { ...input.filter }, input.concurrency ?? 4));
    return Object.assign(new StartBatchChargePayload(), { batchCharge: result.value, userErrors: result.userErrors });
  }
}
