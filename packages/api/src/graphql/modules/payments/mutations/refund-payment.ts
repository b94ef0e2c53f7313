import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../context.js';
import { requirePermission } from '../../../guards.js';
import { withUserErrors } from '../../../mutation-result.js';
import { SafeIntScalar } from '../../../scalars.js';
import { RefundPayload } from '../payment-payloads.js';

@InputType({ description: 'Return captured money, in full or in part.' })
export class RefundPaymentInput {
  @Field(() => String) idempotencyKey!: string;
  @Field(() => ID) paymentId!: string;
  @Field(() => SafeIntScalar, { nullable: true, description: 'Defaults to everything still refundable.' }) amountMinor?: number | null;
  @Field(() => String, { nullable: true, description: 'Free text; duplicate, fraudulent and requested_by_customer are passed to the gateway.' })
  reason?: string | null;
}

@Resolver()
export class RefundPaymentResolver {
  @Mutation(() => RefundPayload, { description: 'Refunds a captured payment. Staff (finance, admin) and partners with refunds:write.' })
  async refundPayment(@Ctx() ctx: GraphQLContext, @Arg('input', () => RefundPaymentInput) input: RefundPaymentInput) {
    requirePermission(ctx.viewer, 'refunds:write');
    const result = await withUserErrors(() => ctx.services.payments.refund(ctx.viewer, { ...input }));
    const payment = result.value ? await ctx.services.payments.load(input.paymentId) : null;
    return Object.assign(new RefundPayload(), { refund: result.value, payment, userErrors: result.userErrors });
  }
}
