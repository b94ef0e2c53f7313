import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver, registerEnumType } from 'type-graphql';
import type { GraphQLContext } from '../../../context.js';
import { forbidden } from '../../../errors.js';
import { requirePermission } from '../../../guards.js';
import { withUserErrors } from '../../../mutation-result.js';
import { CurrencyCodeScalar, SafeIntScalar } from '../../../scalars.js';
import { PaymentPayload, paymentPayload } from '../payment-payloads.js';

export enum ManualPaymentMethod {
  CASH = 'cash',
  BANK_TRANSFER = 'bank_transfer',
}
registerEnumType(ManualPaymentMethod, { name: 'ManualPaymentMethod', description: 'How money arrived outside a gateway.' });

@InputType({ description: 'Money received outside a gateway (cash at the desk, a bank transfer).' })
export class RecordManualPaymentInput {
  @Field(() => String) idempotencyKey!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => ID, { nullable: true }) invoiceId?: string | null;
  @Field(() => SafeIntScalar) amountMinor!: number;
  @Field(() => CurrencyCodeScalar) currency!: string;
  @Field(() => ManualPaymentMethod) method!: ManualPaymentMethod;
  @Field(() => String, { nullable: true, description: 'Bank reference or receipt number.' }) reference?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@Resolver()
export class RecordManualPaymentResolver {
  @Mutation(() => PaymentPayload, { description: 'Records a cash or bank-transfer payment; it counts as captured at once.' })
  async recordManualPayment(@Ctx() ctx: GraphQLContext, @Arg('input', () => RecordManualPaymentInput) input: RecordManualPaymentInput) {
    requirePermission(ctx.viewer, 'payments:write');
    if (ctx.viewer.kind !== 'staff') throw forbidden('only staff record manual payments');
    return paymentPayload(await withUserErrors(() => ctx.services.payments.recordManual(ctx.viewer, { ...input })));
  }
}
