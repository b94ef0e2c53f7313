import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../scalars.js';

@ObjectType('Invoice', { description: 'What a customer owes.' })
export class InvoiceType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Invoice number, unique.' }) number!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { description: 'open, paid or void.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Due date, YYYY-MM-DD.' }) dueDate!: string | null;
  @Field(() => String, { nullable: true }) externalRef!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) paidAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}
