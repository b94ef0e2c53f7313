import { Arg, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { Customer } from '../../../db/entities/customer.js';
import { CustomerBalance } from '../../../db/entities/customer-balance.js';
import { CustomerPaymentProfile } from '../../../db/entities/customer-payment-profile.js';
import { Invoice } from '../../../db/entities/invoice.js';
import { Money } from '../../common-types.js';
import { connectionOf, PageArgs, paginate } from '../../connection.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { canAccessCustomerRecord } from '../../../services/access.js';
import { InvoiceType } from '../invoices/invoice.type.js';
import { PaymentProfileType } from '../profiles/profile.type.js';
import { CustomerType } from './customer.type.js';

export const CustomerConnection = connectionOf('Customer', CustomerType);

@InputType({ description: 'Narrows a customer list.' })
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: 'Matches email, name or external reference.' }) search?: string | null;
  @Field(() => String, { nullable: true }) externalRef?: string | null;
}

@Resolver(() => CustomerType)
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: 'Customers, newest first (staff and partners).' })
  async customers(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter?: CustomerFilter,
    @Arg('page', () => PageArgs, { nullable: true }) page?: PageArgs,
  ) {
    requirePermission(ctx.viewer, 'customers:read');
    const where: Record<string, unknown>[] = [];
    if (filter?.externalRef) where.push({ externalRef: filter.externalRef });
    if (filter?.search?.trim()) {
      const like = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push({ $or: [{ email: { $ilike: like } }, { name: { $ilike: like } }, { externalRef: { $ilike: like } }] });
    }
    return paginate(ctx.em, Customer, where.length ? { $and: where } : {}, page);
  }

  @Query(() => CustomerType, { nullable: true, description: 'One customer; customers may read only themselves.' })
  async customer(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    if (ctx.viewer.kind !== 'customer') requirePermission(ctx.viewer, 'customers:read');
    return canAccessCustomerRecord(ctx.viewer, id, 'customers:read') ? ctx.loaders.customer.load(id) : null;
  }

  @FieldResolver(() => [Money], { description: 'Prepaid balance per currency.' })
  async balances(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<Money[]> {
    const rows = await ctx.em.find(CustomerBalance, { customer: customer.id }, { orderBy: { currency: 'asc' } });
    return rows.map((b) => Money.of(b.amountMinor, b.currency));
  }

  @FieldResolver(() => [InvoiceType], { description: 'The customer\'s open invoices, oldest due first.' })
  openInvoices(@Root() customer: Customer, @Ctx() ctx: GraphQLContext) {
    return ctx.em.find(Invoice, { customer: customer.id, status: 'open' }, { orderBy: { dueDate: 'asc', id: 'asc' }, limit: 100 });
  }

  @FieldResolver(() => [PaymentProfileType], { description: 'Active saved payment methods, default first.' })
  paymentProfiles(@Root() customer: Customer, @Ctx() ctx: GraphQLContext) {
    return ctx.em.find(CustomerPaymentProfile, { customer: customer.id, status: 'active' }, { orderBy: { isDefault: 'desc', id: 'asc' } });
  }
}
