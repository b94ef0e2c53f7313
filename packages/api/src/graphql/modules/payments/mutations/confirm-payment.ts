import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../context.js';
import { requirePermissionOrCustomer } from '../../../guards.js';
import { withUserErrors } from '../../../mutation-result.js';
import { PaymentPayload, paymentPayload } from '../payment-payloads.js';

@InputType({ description: 'A gateway-specific confirmation field, e.g. razorpay_signature.' })
export class ConfirmationEntry {
  @Field(() => String) name!: string;
  @Field(() => String) value!: string;
}

@InputType({ description: 'Finish a payment after the payer completed 3-D Secure or the gateway\'s checkout.' })
export class ConfirmPaymentInput {
  @Field(() => String) idempotencyKey!: string;
  @Field(() => ID) paymentId!: string;
  @Field(() => [ConfirmationEntry], { nullable: true, description: 'What the gateway\'s checkout returned (Razorpay: payment id and signature).' })
  confirmation?: ConfirmationEntry[] | null;
}

@Resolver()
export class ConfirmPaymentResolver {
  @Mutation(() => PaymentPayload, { description: 'Confirms a payment that required action. Customers may confirm their own.' })
  async confirmPayment(@Ctx() ctx: GraphQLContext, @Arg('input', () => ConfirmPaymentInput) input: ConfirmPaymentInput) {
    requirePermissionOrCustomer(ctx.viewer, 'payments:write');
    const confirmation = Object.fromEntries((input.confirmation ?? []).map((e) => [e.name, e.value]));
    return paymentPayload(await withUserErrors(() => ctx.services.payments.confirm(ctx.viewer, input.paymentId, input.idempotencyKey, confirmation)));
  }
}
