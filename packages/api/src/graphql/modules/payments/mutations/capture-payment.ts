import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../context.js';
import { requirePermission } from '../../../guards.js';
import { withUserErrors } from '../../../mutation-result.js';
import { SafeIntScalar } from '../../../scalars.js';
import { PaymentPayload, paymentPayload } from '../payment-payloads.js';

@InputType({ description: 'Capture a held (authorized) payment, in full or in part. A partial capture releases the rest.' })
export class CapturePaymentInput {
  @Field(() => String) idempotencyKey!: string;
  @Field(() => ID) paymentId!: string;
  @Field(() => SafeIntScalar, { nullable: true, description: 'Defaults to the whole authorized amount.' }) amountMinor?: number | null;
}

@Resolver()
export class CapturePaymentResolver {
  @Mutation(() => PaymentPayload, { description: 'Captures a hold. Staff (finance, admin) and partners with payments:write.' })
  async capturePayment(@Ctx() ctx: GraphQLContext, @Arg('input', () => CapturePaymentInput) input: CapturePaymentInput) {
    requirePermission(ctx.viewer, 'payments:write');
    return paymentPayload(await withUserErrors(() => ctx.services.payments.capture(ctx.viewer, input.paymentId, input.idempotencyKey, input.amountMinor)));
  }
}
