import { Field, ID, ObjectType } from 'type-graphql';
import { PaymentStatusEnum } from '../../common-types.js';
import { DateTimeScalar } from '../../scalars.js';
import type { PaymentStatus } from '../../../domain/payment-state.js';

@ObjectType('NextAction', { description: 'What the payer must do before the payment can go on.' })
export class NextActionType {
  @Field(() => String, { description: 'three_d_secure or razorpay_checkout.' }) type!: string;
  @Field(() => String, { nullable: true, description: 'Stripe client secret for the front end to finish 3-D Secure.' }) clientSecret!: string | null;
  @Field(() => String, { nullable: true }) redirectUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'Razorpay order to open in Checkout.' }) orderId!: string | null;
  @Field(() => String, { nullable: true, description: 'Razorpay key id for Checkout.' }) keyId!: string | null;
}

@ObjectType('Payment', { description: 'Money moving from a customer through a gateway (or recorded by staff).' })
export class PaymentType {
  @Field(() => ID) id!: string;
  @Field(() => PaymentStatusEnum) status!: PaymentStatus;
  @Field(() => String, { description: 'invoice, link, amount or top_up.' }) purpose!: string;
  @Field(() => String, { description: 'card, cash, bank_transfer or balance.' }) methodKind!: string;
  @Field(() => String, { description: 'automatic or manual.' }) captureMethod!: string;
  @Field(() => String, { description: 'Gateway name, or manual / balance.' }) gateway!: string;
  @Field(() => String, { nullable: true }) gatewayReference!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'Normalised failure code, e.g. card_declined.' }) failureCode!: string | null;
  @Field(() => String, { nullable: true }) failureMessage!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) authorizedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) capturedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) canceledAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When an uncaptured hold lapses at the gateway.' })
  authorizationExpiresAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

@ObjectType('PaymentTransaction', { description: 'One call to or event from a gateway: an entry of the payment\'s timeline.' })
export class PaymentTransactionType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'authorize, confirm, capture, cancel, refund, webhook, reconcile, expire or manual.' }) kind!: string;
  @Field(() => String, { description: 'succeeded, failed or pending.' }) outcome!: string;
  @Field(() => String, { nullable: true }) fromStatus!: string | null;
  @Field(() => String) toStatus!: string;
  @Field(() => String, { nullable: true }) gatewayReference!: string | null;
  @Field(() => String, { nullable: true }) failureCode!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => String, { description: 'staff, partner, customer, anonymous or system.' }) actorType!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType('Refund', { description: 'Money returned to the payer; partial refunds add up to at most what was captured.' })
export class RefundType {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { description: 'pending, succeeded or failed.' }) status!: string;
  @Field(() => String, { nullable: true }) gatewayReference!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}
