import { Arg, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { Invoice } from '../../../db/entities/invoice.js';
import { Money } from '../../common-types.js';
import { connectionOf, PageArgs, paginate } from '../../connection.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermissionOrCustomer } from '../../guards.js';
import { canAccessCustomerRecord } from '../../../services/access.js';
import { CustomerType } from '../customers/customer.type.js';
import { InvoiceType } from './invoice.type.js';

export const InvoiceConnection = connectionOf('Invoice', InvoiceType);

@InputType({ description: 'Narrows an invoice list.' })
export class InvoiceFilter {
  @Field(() => [String], { nullable: true, description: 'open, paid, void.' }) status?: string[] | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => String, { nullable: true, description: 'Due on or before this date (YYYY-MM-DD).' }) dueBefore?: string | null;
}

@Resolver(() => InvoiceType)
export class InvoiceResolver {
  @Query(() => InvoiceConnection, { description: 'Invoices, newest first. Customers see only their own.' })
  async invoices(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => InvoiceFilter, { nullable: true }) filter?: InvoiceFilter,
    @Arg('page', () => PageArgs, { nullable: true }) page?: PageArgs,
  ) {
    requirePermissionOrCustomer(ctx.viewer, 'invoices:read');
    const where: Record<string, unknown>[] = [];
    if (ctx.viewer.kind === 'customer') where.push({ customer: ctx.viewer.customerId });
    if (filter?.status?.length) where.push({ status: { $in: filter.status } });
    if (filter?.customerId) where.push({ customer: filter.customerId });
    if (filter?.dueBefore) where.push({ dueDate: { $lte: filter.dueBefore } });
    return paginate(ctx.em, Invoice, where.length ? { $and: where } : {}, page);
  }

  @Query(() => InvoiceType, { nullable: true })
  async invoice(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    requirePermissionOrCustomer(ctx.viewer, 'invoices:read');
    const invoice = await ctx.loaders.invoice.load(id);
    return invoice && canAccessCustomerRecord(ctx.viewer, invoice.customer.id, 'invoices:read') ? invoice : null;
  }

  @FieldResolver(() => Money) amount(@Root() i: Invoice): Money {
    return Money.of(i.amountMinor, i.currency);
  }

  @FieldResolver(() => Money) amountPaid(@Root() i: Invoice): Money {
    return Money.of(i.amountPaidMinor, i.currency);
  }

  @FieldResolver(() => Money, { description: 'What is left to pay.' })
  amountDue(@Root() i: Invoice): Money {
    return Money.of(i.status === 'open' ? Math.max(i.amountMinor - i.amountPaidMinor, 0) : 0, i.currency);
  }

  @FieldResolver(() => CustomerType) customer(@Root() i: Invoice, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.customer.load(i.customer.id);
  }
}
