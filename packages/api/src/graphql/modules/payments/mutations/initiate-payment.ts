import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { CaptureMethodEnum } from '../../../common-types.js';
import type { GraphQLContext } from '../../../context.js';
import { requirePermission } from '../../../guards.js';
import { withUserErrors } from '../../../mutation-result.js';
import { CurrencyCodeScalar, SafeIntScalar } from '../../../scalars.js';
import { PaymentPayload, paymentPayload } from '../payment-payloads.js';

@InputType({ description: 'Pay an invoice, a pay link or an amount, with a saved profile or new details.' })
export class InitiatePaymentInput {
  @Field(() => String, { description: 'Unique per attempt: the same key and input returns the first result.' }) idempotencyKey!: string;
  @Field(() => ID, { nullable: true, description: 'Gateway key to charge through (defaults to the saved profile\'s).' }) gatewayKeyId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Invoice to pay; amount defaults to what is left on it.' }) invoiceId?: string | null;
  @Field(() => String, { nullable: true, description: 'Pay link token; the link fixes amount and currency.' }) linkToken?: string | null;
  @Field(() => ID, { nullable: true, description: 'Paying customer (staff and partners; customers pay as themselves).' }) customerId?: string | null;
  @Field(() => SafeIntScalar, { nullable: true, description: 'Amount in minor units (required without invoice or link).' }) amountMinor?: number | null;
  @Field(() => CurrencyCodeScalar, { nullable: true }) currency?: string | null;
  @Field(() => ID, { nullable: true, description: 'Saved payment profile to charge.' }) profileId?: string | null;
  @Field(() => String, { nullable: true, description: 'New payment details as a gateway token (e.g. Stripe pm_…, a sandbox test card).' })
  paymentToken?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Pay the invoice from the customer\'s prepaid balance.' }) useBalance?: boolean | null;
  @Field(() => CaptureMethodEnum, { nullable: true, defaultValue: CaptureMethodEnum.AUTOMATIC }) captureMethod?: CaptureMethodEnum | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'Where the payer returns after 3-D Secure.' }) returnUrl?: string | null;
}

@Resolver()
export class InitiatePaymentResolver {
  @Mutation(() => PaymentPayload, { description: 'Starts a payment. Anonymous callers may pay a pay link only; customers pay as themselves.' })
  async initiatePayment(@Ctx() ctx: GraphQLContext, @Arg('input', () => InitiatePaymentInput) input: InitiatePaymentInput) {
    if (ctx.viewer.kind === 'staff' || ctx.viewer.kind === 'partner') requirePermission(ctx.viewer, 'payments:write');
    return paymentPayload(await withUserErrors(() => ctx.services.payments.initiate(ctx.viewer, { ...input })));
  }
}
