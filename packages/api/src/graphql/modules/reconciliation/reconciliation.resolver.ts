import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Payment } from '../../../db/entities/payment.js';
import type { PaymentReconciliation } from '../../../db/entities/payment-reconciliation.js';
import { UserError } from '../../common-types.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { DateTimeScalar } from '../../scalars.js';
import { PaymentType } from '../payments/payment.type.js';

@ObjectType('ReconciliationItem', { description: 'A payment reconciliation is checking, or could not settle (the staff queue).' })
export class ReconciliationItemType {
  @Field(() => PaymentType, { description: 'The payment as it stands.' }) payment!: Payment;
  @Field(() => String, { description: 'pending (retrying with backoff), resolved, or needs_attention (backoff exhausted).' }) state!: string;
  @Field(() => Int, { description: 'Scheduled checks so far.' }) attempts!: number;
  @Field(() => DateTimeScalar, { description: 'When the next scheduled check is due.' }) nextAttemptAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the gateway was last asked.' }) lastCheckedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'What the last check found.' }) lastOutcome!: string | null;
}

@InputType({ description: 'The payment to check with its gateway now.' })
export class ReconcilePaymentInput {
  @Field(() => ID) paymentId!: string;
}

@ObjectType({ description: 'Result of reconcilePayment.' })
export class ReconcilePaymentPayload {
  @Field(() => ReconciliationItemType, { nullable: true }) item!: PaymentReconciliation | null;
  @Field(() => Boolean, { description: 'Whether the gateway\'s answer changed the payment.' }) changed!: boolean;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of a reconciliation sweep.' })
export class ReconciliationSweepPayload {
  @Field(() => Int, { description: 'Payments newly found stuck.' }) enrolled!: number;
  @Field(() => Int, { description: 'Payments checked with their gateway.' }) checked!: number;
  @Field(() => Int, { description: 'Settled by the gateway\'s answer.' }) resolved!: number;
  @Field(() => Int, { description: 'Moved to the staff queue.' }) needsAttention!: number;
}

@Resolver()
export class ReconciliationResolver {
  @Query(() => [ReconciliationItemType], { description: 'Payments reconciliation could not settle: they need a person. Oldest first.' })
  async reconciliationQueue(@Ctx() ctx: GraphQLContext, @Arg('first', () => Int, { defaultValue: 50, description: 'At most 200.' }) first: number) {
    requirePermission(ctx.viewer, 'payments:read');
    return ctx.services.reconciliation.queue(first);
  }

  @Mutation(() => ReconcilePaymentPayload, { description: 'Asks the payment\'s gateway for its state now and applies the answer (staff, on demand).' })
  async reconcilePayment(@Ctx() ctx: GraphQLContext, @Arg('input', () => ReconcilePaymentInput) input: ReconcilePaymentInput) {
    requirePermission(ctx.viewer, 'payments:write');
    const r = await withUserErrors(() => ctx.services.reconciliation.check(input.paymentId, 'manual'));
    return Object.assign(new ReconcilePaymentPayload(), { item: r.value?.reconciliation ?? null, changed: r.value?.moved ?? false, userErrors: r.userErrors });
  }

  @Mutation(() => ReconciliationSweepPayload, { description: 'Runs the scheduled reconciliation sweep now (at most `limit` payments).' })
  async runReconciliation(@Ctx() ctx: GraphQLContext, @Arg('limit', () => Int, { defaultValue: 100 }) limit: number) {
    requirePermission(ctx.viewer, 'payments:write');
    return Object.assign(new ReconciliationSweepPayload(), await ctx.services.reconciliation.sweep(Math.min(Math.max(limit, 1), 500)));
  }
}
