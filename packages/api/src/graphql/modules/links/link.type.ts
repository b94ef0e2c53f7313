import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../scalars.js';

@ObjectType('OnlinePayment', { description: 'A pay link. The token is the secret part of its URL.' })
export class OnlinePaymentType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Unguessable token (256 bits).' }) token!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { description: 'active, paid, expired or canceled.' }) status!: string;
  @Field(() => DateTimeScalar, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Boolean, { description: 'Can be paid more than once.' }) reusable!: boolean;
  @Field(() => Int) paidCount!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType('PublicPayLink', { description: 'What a payer sees of a pay link: nothing about other payments or customers.' })
export class PublicPayLinkType {
  @Field(() => String) token!: string;
  @Field(() => String) description!: string;
  @Field(() => String) status!: string;
  @Field(() => DateTimeScalar, { nullable: true }) expiresAt!: Date | null;
}
