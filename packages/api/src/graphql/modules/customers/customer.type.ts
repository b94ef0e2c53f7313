import { Field, ID, ObjectType } from 'type-graphql';
import { CurrencyCodeScalar, DateTimeScalar } from '../../scalars.js';

@ObjectType('Customer', { description: 'Someone who pays: has invoices, saved methods, payments and a prepaid balance.' })
export class CustomerType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' }) country!: string | null;
  @Field(() => CurrencyCodeScalar) defaultCurrency!: string;
  @Field(() => String, { nullable: true, description: 'The partner system\'s own id for this customer.' }) externalRef!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}
