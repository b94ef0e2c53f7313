import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { PaymentGatewayTransaction } from '../../../db/entities/payment-gateway-transaction.js';
import { Refund as RefundEntity, type Refund } from '../../../db/entities/refund.js';
import { Money } from '../../common-types.js';
import { connectionOf, PageArgs, paginate } from '../../connection.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermissionOrCustomer } from '../../guards.js';
import { PaymentTransactionType, PaymentType, RefundType } from './payment.type.js';

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

export const RefundConnection = connectionOf('Refund', RefundType);

@Resolver(() => RefundType)
export class RefundResolver {
  @Query(() => RefundConnection, { description: 'Refunds, newest first, optionally of one payment. Customers see refunds of their own payments.' })
  async refunds(
    @Ctx() ctx: GraphQLContext,
    @Arg('paymentId', () => ID, { nullable: true }) paymentId?: string,
    @Arg('page', () => PageArgs, { nullable: true }) page?: PageArgs,
  ) {
    requirePermissionOrCustomer(ctx.viewer, 'payments:read');
    const where: Record<string, unknown>[] = [];
    if (paymentId) where.push({ payment: paymentId });
    if (ctx.viewer.kind === 'customer') where.push({ payment: { customer: ctx.viewer.customerId } });
    return paginate(ctx.em, RefundEntity, where.length ? { $and: where } : {}, page);
  }

  @FieldResolver(() => PaymentType, { description: 'The refunded payment.' })
  payment(@Root() r: Refund, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.payment.load(r.payment.id);
  }

  @FieldResolver(() => Money)
  amount(@Root() r: Refund): Money {
    return Money.of(r.amountMinor, r.currency);
  }
}
