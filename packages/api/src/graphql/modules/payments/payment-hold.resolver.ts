import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { Payment } from '../../../db/entities/payment.js';
import type { HoldInfo } from '../../../services/holds.service.js';
import type { GraphQLContext } from '../../context.js';
import { DateTimeScalar } from '../../scalars.js';
import { PaymentType } from './payment.type.js';

@ObjectType('PaymentHold', { description: 'A manual-capture authorization watched by its hold workflow.' })
export class PaymentHoldType {
  @Field(() => DateTimeScalar, { description: 'When the gateway drops the authorization.' }) expiresAt!: Date;
  @Field(() => String, { description: 'cancel or capture: what happens at expiry (the gateway key\'s setting).' }) expiryAction!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When staff were told it is about to expire (a day before).' }) notifiedAt!: Date | null;
  @Field(() => String, { description: 'held, captured, canceled, expired, auto_captured or auto_canceled.' }) phase!: string;
}

@Resolver(() => PaymentType)
export class PaymentHoldResolver {
  @FieldResolver(() => PaymentHoldType, { nullable: true, description: 'The hold of a manual-capture payment; null for automatic capture.' })
  hold(@Root() payment: Payment, @Ctx() ctx: GraphQLContext): Promise<HoldInfo | null> {
    return ctx.services.holds.info(payment);
  }
}
