import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../context.js';
import { requirePermissionOrCustomer } from '../../../guards.js';
import { withUserErrors } from '../../../mutation-result.js';
import { CurrencyCodeScalar, SafeIntScalar } from '../../../scalars.js';
import { PaymentPayload, paymentPayload } from '../payment-payloads.js';

@InputType({ description: 'Add prepaid credit to a customer\'s balance by card; open invoices can then be paid from it.' })
export class TopUpBalanceInput {
  @Field(() => String) idempotencyKey!: string;
  @Field(() => ID, { nullable: true, description: 'Staff and partners name the customer; customers top up their own.' }) customerId?: string | null;
  @Field(() => SafeIntScalar) amountMinor!: number;
  @Field(() => CurrencyCodeScalar) currency!: string;
  @Field(() => ID, { nullable: true }) gatewayKeyId?: string | null;
  @Field(() => ID, { nullable: true }) profileId?: string | null;
  @Field(() => String, { nullable: true }) paymentToken?: string | null;
}

@Resolver()
export class TopUpBalanceResolver {
  @Mutation(() => PaymentPayload, { description: 'Charges a card and credits the amount to the prepaid balance once captured.' })
  async topUpBalance(@Ctx() ctx: GraphQLContext, @Arg('input', () => TopUpBalanceInput) input: TopUpBalanceInput) {
    requirePermissionOrCustomer(ctx.viewer, 'payments:write');
    return paymentPayload(
      await withUserErrors(() =>
        ctx.services.payments.initiate(ctx.viewer, { ...input, purpose: 'top_up', captureMethod: 'automatic', description: 'Balance top-up' }),
      ),
    );
  }
}
