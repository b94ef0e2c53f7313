import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CurrencyCodeScalar, DateTimeScalar, SafeIntScalar } from '../../scalars.js';

@ObjectType('MinimumAmount', { description: 'The smallest payment a key accepts in one currency.' })
export class MinimumAmountType {
  @Field(() => CurrencyCodeScalar) currency!: string;
  @Field(() => SafeIntScalar) amountMinor!: number;
}

@ObjectType('PaymentGatewayKey', {
  description: 'A configured gateway account. Secrets are write-only: only their last four characters are shown.',
})
export class GatewayKeyType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'sandbox, stripe or razorpay.' }) gateway!: string;
  @Field(() => String, { description: 'test or live.' }) mode!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true }) publishableKey!: string | null;
  @Field(() => String, { description: 'Last four characters of the secret key.' }) secretKeyHint!: string;
  @Field(() => String, { nullable: true, description: 'Last four characters of the webhook secret.' }) webhookSecretHint!: string | null;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => Boolean, { description: 'Offered to customers in the portal and on pay links.' }) visibleToCustomers!: boolean;
  @Field(() => SafeIntScalar, { description: 'Fixed fee per payment, in minor units of the payment currency.' }) feeFixedMinor!: number;
  @Field(() => Int, { description: 'Percentage fee in basis points (290 = 2.90 %).' }) feePercentBps!: number;
  @Field(() => [CurrencyCodeScalar]) currencies!: string[];
  @Field(() => Boolean) manualCaptureAllowed!: boolean;
  @Field(() => Boolean) recurringAllowed!: boolean;
  @Field(() => Int, { description: 'Hours an uncaptured authorization lives at the gateway.' }) authorizationTtlHours!: number;
  @Field(() => String, { description: 'What happens to a hold about to expire: cancel or capture.' }) holdExpiryAction!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

@ObjectType('AvailableGateway', { description: 'A gateway a customer may pay with: only what a checkout needs.' })
export class AvailableGatewayType {
  @Field(() => ID) id!: string;
  @Field(() => String) gateway!: string;
  @Field(() => String) label!: string;
  @Field(() => String) mode!: string;
  @Field(() => String, { nullable: true }) publishableKey!: string | null;
  @Field(() => [CurrencyCodeScalar]) currencies!: string[];
}
