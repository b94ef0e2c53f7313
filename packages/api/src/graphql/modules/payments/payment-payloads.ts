import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common-types.js';
import type { Payment } from '../../../db/entities/payment.js';
import type { Refund } from '../../../db/entities/refund.js';
import { PaymentType, RefundType } from './payment.type.js';

@ObjectType({ description: 'Result of a mutation on a payment. A decline is a payment with status FAILED, not a user error.' })
export class PaymentPayload {
  @Field(() => PaymentType, { nullable: true }) payment!: Payment | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of refundPayment.' })
export class RefundPayload {
  @Field(() => RefundType, { nullable: true }) refund!: Refund | null;
  @Field(() => PaymentType, { nullable: true, description: 'The refunded payment, with its new totals.' }) payment!: Payment | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const paymentPayload = (result: { value: Payment | null; userErrors: UserError[] }): PaymentPayload =>
  Object.assign(new PaymentPayload(), { payment: result.value, userErrors: result.userErrors });
