import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../scalars.js';

@ObjectType('BatchChargeProgress', { description: 'How far a batch is, for a progress bar.' })
export class BatchChargeProgressType {
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: 'Invoices handled so far (charged + failed + skipped).' }) done!: number;
  @Field(() => Int) charged!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) skipped!: number;
  @Field(() => Boolean) finished!: boolean;
}

@ObjectType('BatchChargeResult', { description: 'What happened to one invoice of a batch.' })
export class BatchChargeResultType {
  @Field(() => ID) invoiceId!: string;
  @Field(() => String, { description: 'charged, failed or skipped.' }) outcome!: string;
  @Field(() => ID, { nullable: true }) paymentId!: string | null;
  @Field(() => String, { nullable: true, description: 'Failure code or why it was skipped (no_default_profile, invoice_paid, ...).' }) reason!: string | null;
}

@ObjectType('BatchCharge', { description: '"Charge all open invoices": one run of the batch workflow and its report.' })
export class BatchChargeType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'running or completed.' }) status!: string;
  @Field(() => Int) concurrency!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt!: Date | null;
}
