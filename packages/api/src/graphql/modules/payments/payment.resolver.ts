import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Payment } from '../../../db/entities/payment.js';
import { Money } from '../../common-types.js';
import { connectionOf, PageArgs, paginate } from '../../connection.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermissionOrCustomer } from '../../guards.js';
import { canAccessCustomerRecord } from '../../../services/access.js';
import { CustomerType } from '../customers/customer.type.js';
import { InvoiceType } from '../invoices/invoice.type.js';
import { OnlinePaymentType } from '../links/link.type.js';
import { PaymentProfileType } from '../profiles/profile.type.js';
import { NextActionType, PaymentTransactionType, PaymentType, RefundType } from './payment.type.js';
import { PaymentFilter, paymentWhere } from './payment-filter.js';

export const PaymentConnection = connectionOf('Payment', PaymentType);

@Resolver(() => PaymentType)
export class PaymentResolver {
  @Query(() => PaymentConnection, { description: 'Payments, newest first. Customers see only their own.' })
  async payments(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => PaymentFilter, { nullable: true }) filter?: PaymentFilter,
    @Arg('page', () => PageArgs, { nullable: true }) page?: PageArgs,
  ) {
    requirePermissionOrCustomer(ctx.viewer, 'payments:read');
    return paginate(ctx.em, Payment, paymentWhere(filter, ctx.viewer), page);
  }

  @Query(() => PaymentType, { nullable: true, description: 'One payment with its timeline; null when it does not exist or is not yours.' })
  async payment(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<Payment | null> {
    requirePermissionOrCustomer(ctx.viewer, 'payments:read');
    const payment = await ctx.loaders.payment.load(id);
    return payment && canAccessCustomerRecord(ctx.viewer, payment.customer?.id, 'payments:read') ? payment : null;
  }

  @FieldResolver(() => Money, { description: 'The amount asked for.' })
  amount(@Root() p: Payment): Money {
    return Money.of(p.amountMinor, p.currency);
  }

  @FieldResolver(() => Money, { description: 'Held on the payer\'s card (authorized), including what was captured since.' })
  authorized(@Root() p: Payment): Money {
    return Money.of(p.authorizedMinor, p.currency);
  }

  @FieldResolver(() => Money) captured(@Root() p: Payment): Money {
    return Money.of(p.capturedMinor, p.currency);
  }

  @FieldResolver(() => Money) refunded(@Root() p: Payment): Money {
    return Money.of(p.refundedMinor, p.currency);
  }

  @FieldResolver(() => Money, { description: 'Gateway fee: fixed + percent of the captured amount.' })
  fee(@Root() p: Payment): Money {
    return Money.of(p.feeMinor, p.currency);
  }

  @FieldResolver(() => Money, { description: 'What can still be captured (only while authorized).' })
  capturable(@Root() p: Payment): Money {
    return Money.of(p.status === 'authorized' ? p.authorizedMinor - p.capturedMinor : 0, p.currency);
  }

  @FieldResolver(() => Money, { description: 'What can still be refunded.' })
  refundable(@Root() p: Payment): Money {
    const open = p.status === 'captured' || p.status === 'partially_refunded';
    return Money.of(open ? p.capturedMinor - p.refundedMinor : 0, p.currency);
  }

  @FieldResolver(() => NextActionType, { nullable: true })
  nextAction(@Root() p: Payment): NextActionType | null {
    if (!p.nextAction) return null;
    const a = p.nextAction;
    return Object.assign(new NextActionType(), {
      type: a.type ?? 'unknown',
      clientSecret: a.clientSecret ?? null,
      redirectUrl: a.redirectUrl ?? null,
      orderId: a.orderId ?? null,
      keyId: a.keyId ?? null,
    });
  }

  @FieldResolver(() => CustomerType, { nullable: true })
  customer(@Root() p: Payment, @Ctx() ctx: GraphQLContext) {
    return p.customer ? ctx.loaders.customer.load(p.customer.id) : null;
  }

  @FieldResolver(() => InvoiceType, { nullable: true })
  invoice(@Root() p: Payment, @Ctx() ctx: GraphQLContext) {
    return p.invoice ? ctx.loaders.invoice.load(p.invoice.id) : null;
  }

  @FieldResolver(() => OnlinePaymentType, { nullable: true, description: 'The pay link this payment paid (staff and partners only).' })
  link(@Root() p: Payment, @Ctx() ctx: GraphQLContext) {
    return p.onlinePayment && ctx.viewer.kind !== 'customer' ? ctx.loaders.onlinePayment.load(p.onlinePayment.id) : null;
  }

  @FieldResolver(() => PaymentProfileType, { nullable: true, description: 'The saved method that was charged.' })
  profile(@Root() p: Payment, @Ctx() ctx: GraphQLContext) {
    return p.profile ? ctx.loaders.profile.load(p.profile.id) : null;
  }

  @FieldResolver(() => [PaymentTransactionType], { description: 'Every gateway call and event for this payment, oldest first.' })
  timeline(@Root() p: Payment, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.transactionsByPayment.load(p.id);
  }

  @FieldResolver(() => [RefundType])
  refunds(@Root() p: Payment, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.refundsByPayment.load(p.id);
  }
}
