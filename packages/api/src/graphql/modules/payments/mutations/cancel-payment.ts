import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../context.js';
import { requirePermission } from '../../../guards.js';
import { withUserErrors } from '../../../mutation-result.js';
import { PaymentPayload, paymentPayload } from '../payment-payloads.js';

@InputType({ description: 'Release a hold, or abandon a payment that was never completed.' })
export class CancelPaymentInput {
  @Field(() => String) idempotencyKey!: string;
  @Field(() => ID) paymentId!: string;
}

@Resolver()
export class CancelPaymentResolver {
  @Mutation(() => PaymentPayload, { description: 'Cancels (voids) a payment that has not been captured.' })
  async cancelPayment(@Ctx() ctx: GraphQLContext, @Arg('input', () => CancelPaymentInput) input: CancelPaymentInput) {
    requirePermission(ctx.viewer, 'payments:write');
    return paymentPayload(await withUserErrors(() => ctx.services.payments.cancel(ctx.viewer, input.paymentId, input.idempotencyKey)));
  }
}
