import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Customer } from '../../../db/entities/customer.js';
import { UserError } from '../../common-types.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { CurrencyCodeScalar } from '../../scalars.js';
import { CustomerType } from './customer.type.js';

@InputType({ description: 'A new customer.' })
export class CreateCustomerInput {
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => CurrencyCodeScalar) defaultCurrency!: string;
  @Field(() => String, { nullable: true, description: 'Your system\'s id for the customer (unique).' }) externalRef?: string | null;
  @Field(() => String, { nullable: true, description: 'Sets a portal password so the customer can sign in (at least 10 characters).' })
  portalPassword?: string | null;
}

@ObjectType({ description: 'Result of createCustomer.' })
export class CustomerPayload {
  @Field(() => CustomerType, { nullable: true }) customer!: Customer | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@Resolver()
export class CreateCustomerResolver {
  @Mutation(() => CustomerPayload, { description: 'Creates a customer (staff with customers:write, partners with that scope).' })
  async createCustomer(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateCustomerInput) input: CreateCustomerInput) {
    requirePermission(ctx.viewer, 'customers:write');
    const result = await withUserErrors(() => ctx.services.customers.create(ctx.viewer, { ...input }));
    return Object.assign(new CustomerPayload(), { customer: result.value, userErrors: result.userErrors });
  }
}
