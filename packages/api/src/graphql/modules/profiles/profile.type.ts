import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../scalars.js';

@ObjectType('PaymentProfile', { description: 'A saved payment method, held by the gateway as a token.' })
export class PaymentProfileType {
  @Field(() => ID) id!: string;
  @Field(() => String) gateway!: string;
  @Field(() => String, { description: 'Card brand, e.g. visa.' }) brand!: string;
  @Field(() => String) last4!: string;
  @Field(() => Int) expMonth!: number;
  @Field(() => Int) expYear!: number;
  @Field(() => Boolean) isDefault!: boolean;
  @Field(() => String, { description: 'active, requires_action or deleted.' }) status!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
}
