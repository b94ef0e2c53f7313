import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PaymentGatewayTransaction } from '../../../db/entities/payment-gateway-transaction.js';
import type { Refund } from '../../../db/entities/refund.js';
import { Money } from '../../common-types.js';
import type { GraphQLContext } from '../../context.js';
import { PaymentTransactionType, RefundType } from './payment.type.js';

@Resolver(() => PaymentTransactionType)
export class PaymentTransactionResolver {
  @FieldResolver(() => Money)
  async amount(@Root() t: PaymentGatewayTransaction, @Ctx() ctx: GraphQLContext): Promise<Money> {
    const payment = await ctx.loaders.payment.load(t.payment.id);
    return Money.of(t.amountMinor, payment?.currency ?? 'USD');
  }

  @FieldResolver(() => String, { nullable: true, description: 'The gateway\'s redacted answer as JSON (staff only).' })
  rawJson(@Root() t: PaymentGatewayTransaction, @Ctx() ctx: GraphQLContext): string | null {
    return ctx.viewer.kind === 'staff' && t.raw ? JSON.stringify(t.raw) : null;
  }
}

@Resolver(() => RefundType)
export class RefundResolver {
  @FieldResolver(() => Money)
  amount(@Root() r: Refund): Money {
    return Money.of(r.amountMinor, r.currency);
  }
}
