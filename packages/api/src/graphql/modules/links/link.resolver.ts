import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { OnlinePayment } from '../../../db/entities/online-payment.js';
import { PaymentGatewayKey } from '../../../db/entities/payment-gateway-key.js';
import { Money, UserError } from '../../common-types.js';
import { connectionOf, PageArgs, paginate } from '../../connection.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { CurrencyCodeScalar, DateTimeScalar, SafeIntScalar } from '../../scalars.js';
import { CustomerType } from '../customers/customer.type.js';
import { AvailableGatewayType } from '../gateway-keys/gateway-key.type.js';
import { InvoiceType } from '../invoices/invoice.type.js';
import { OnlinePaymentType, PublicPayLinkType } from './link.type.js';

export const OnlinePaymentConnection = connectionOf('OnlinePayment', OnlinePaymentType);

@InputType({ description: 'A new pay link: for an invoice (amount defaults to what is due) or a free amount.' })
export class CreatePayLinkInput {
  @Field(() => SafeIntScalar, { nullable: true }) amountMinor?: number | null;
  @Field(() => CurrencyCodeScalar, { nullable: true }) currency?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) expiresAt?: Date | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => ID, { nullable: true }) invoiceId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Payable many times (e.g. a donation or a fixed-price product).' }) reusable?: boolean | null;
}

@InputType() export class PayLinkIdInput {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'Result of a pay link mutation.' })
export class PayLinkPayload {
  @Field(() => OnlinePaymentType, { nullable: true }) link!: OnlinePayment | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const payload = (r: { value: OnlinePayment | null; userErrors: UserError[] }) =>
  Object.assign(new PayLinkPayload(), { link: r.value, userErrors: r.userErrors });

@Resolver(() => OnlinePaymentType)
export class OnlinePaymentResolver {
  @Query(() => OnlinePaymentConnection, { description: 'Pay links, newest first (links:read).' })
  onlinePayments(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => String, { nullable: true }) status?: string,
    @Arg('page', () => PageArgs, { nullable: true }) page?: PageArgs,
  ) {
    requirePermission(ctx.viewer, 'links:read');
    return paginate(ctx.em, OnlinePayment, status ? { status } : {}, page);
  }

  @Mutation(() => PayLinkPayload, { description: 'Creates a pay link (links:write).' })
  async createPayLink(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreatePayLinkInput) input: CreatePayLinkInput) {
    requirePermission(ctx.viewer, 'links:write');
    return payload(await withUserErrors(() => ctx.services.links.create(ctx.viewer, { ...input })));
  }

  @Mutation(() => PayLinkPayload, { description: 'Cancels an active pay link (links:write).' })
  async cancelPayLink(@Ctx() ctx: GraphQLContext, @Arg('input', () => PayLinkIdInput) input: PayLinkIdInput) {
    requirePermission(ctx.viewer, 'links:write');
    return payload(await withUserErrors(() => ctx.services.links.cancel(ctx.viewer, input.id)));
  }

  @FieldResolver(() => Money) amount(@Root() link: OnlinePayment): Money {
    return Money.of(link.amountMinor, link.currency);
  }

  @FieldResolver(() => String, { description: 'The customer-portal URL that pays this link.' })
  url(@Root() link: OnlinePayment, @Ctx() ctx: GraphQLContext): string {
    return `${ctx.services.config.PAYRAIL_CUSTOMER_PORTAL_URL}/pay/${link.token}`;
  }

  @FieldResolver(() => CustomerType, { nullable: true }) customer(@Root() link: OnlinePayment, @Ctx() ctx: GraphQLContext) {
    return link.customer ? ctx.loaders.customer.load(link.customer.id) : null;
  }

  @FieldResolver(() => InvoiceType, { nullable: true }) invoice(@Root() link: OnlinePayment, @Ctx() ctx: GraphQLContext) {
    return link.invoice ? ctx.loaders.invoice.load(link.invoice.id) : null;
  }
}

@Resolver(() => PublicPayLinkType)
export class PublicPayLinkResolver {
  @Query(() => PublicPayLinkType, { nullable: true, description: 'A pay link by its token, showing only what a payer needs. Public.' })
  onlinePaymentByToken(@Ctx() ctx: GraphQLContext, @Arg('token', () => String) token: string) {
    return ctx.services.links.byToken(token);
  }

  @FieldResolver(() => Money) amount(@Root() link: OnlinePayment): Money {
    return Money.of(link.amountMinor, link.currency);
  }

  @FieldResolver(() => [AvailableGatewayType], { description: 'Gateways this link can be paid with.' })
  async gateways(@Root() link: OnlinePayment, @Ctx() ctx: GraphQLContext) {
    const keys = await ctx.em.find(PaymentGatewayKey, { enabled: true, visibleToCustomers: true }, { orderBy: { createdAt: 'asc' } });
    return keys.filter((k) => k.currencies.includes(link.currency) && (k.minimumAmounts[link.currency] ?? 0) <= link.amountMinor);
  }
}
