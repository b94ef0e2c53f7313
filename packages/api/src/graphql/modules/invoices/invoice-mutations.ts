import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Invoice } from '../../../db/entities/invoice.js';
import { UserError } from '../../common-types.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { CurrencyCodeScalar, SafeIntScalar } from '../../scalars.js';
import { InvoiceType } from './invoice.type.js';

@InputType({ description: 'A new invoice for a customer.' })
export class CreateInvoiceInput {
  @Field(() => ID) customerId!: string;
  @Field(() => String, { nullable: true, description: 'Defaults to the next INV-<year>-<n>.' }) number?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => SafeIntScalar) amountMinor!: number;
  @Field(() => CurrencyCodeScalar) currency!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) dueDate?: string | null;
  @Field(() => String, { nullable: true }) externalRef?: string | null;
}

@InputType() export class VoidInvoiceInput {
  @Field(() => ID) invoiceId!: string;
}

@ObjectType({ description: 'Result of an invoice mutation.' })
export class InvoicePayload {
  @Field(() => InvoiceType, { nullable: true }) invoice!: Invoice | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const payload = (r: { value: Invoice | null; userErrors: UserError[] }) =>
  Object.assign(new InvoicePayload(), { invoice: r.value, userErrors: r.userErrors });

@Resolver()
export class InvoiceMutationsResolver {
  @Mutation(() => InvoicePayload, { description: 'Creates an invoice (invoices:write).' })
  async createInvoice(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateInvoiceInput) input: CreateInvoiceInput) {
    requirePermission(ctx.viewer, 'invoices:write');
    return payload(await withUserErrors(() => ctx.services.invoices.create(ctx.viewer, { ...input })));
  }

  @Mutation(() => InvoicePayload, { description: 'Voids an unpaid invoice (invoices:write).' })
  async voidInvoice(@Ctx() ctx: GraphQLContext, @Arg('input', () => VoidInvoiceInput) input: VoidInvoiceInput) {
    requirePermission(ctx.viewer, 'invoices:write');
    return payload(await withUserErrors(() => ctx.services.invoices.void(ctx.viewer, input.invoiceId)));
  }
}
