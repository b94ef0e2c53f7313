import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { CustomerPaymentProfile } from '../../../db/entities/customer-payment-profile.js';
import { UserError } from '../../common-types.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission, requirePermissionOrCustomer } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { PaymentProfileType } from './profile.type.js';

@InputType({ description: 'Save a payment method from the gateway\'s front-end token.' })
export class SavePaymentProfileInput {
  @Field(() => String) idempotencyKey!: string;
  @Field(() => ID, { nullable: true, description: 'Staff and partners name the customer; customers save their own.' }) customerId?: string | null;
  @Field(() => ID) gatewayKeyId!: string;
  @Field(() => String, { description: 'Gateway token (Stripe pm_…, sandbox test card). Never a raw card number in live mode.' }) paymentToken!: string;
  @Field(() => Boolean, { nullable: true }) makeDefault?: boolean | null;
}

@InputType() export class PaymentProfileIdInput {
  @Field(() => ID) profileId!: string;
}

@ObjectType({ description: 'Result of a payment profile mutation.' })
export class PaymentProfilePayload {
  @Field(() => PaymentProfileType, { nullable: true }) profile!: CustomerPaymentProfile | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const payload = (r: { value: CustomerPaymentProfile | null; userErrors: UserError[] }) =>
  Object.assign(new PaymentProfilePayload(), { profile: r.value, userErrors: r.userErrors });

@Resolver(() => PaymentProfileType)
export class PaymentProfileResolver {
  @Query(() => [PaymentProfileType], { description: 'Active saved methods of a customer (customers: their own).' })
  async paymentProfiles(@Ctx() ctx: GraphQLContext, @Arg('customerId', () => ID, { nullable: true }) customerId?: string) {
    requirePermissionOrCustomer(ctx.viewer, 'profiles:read');
    const owner = ctx.viewer.kind === 'customer' ? ctx.viewer.customerId : customerId;
    if (!owner) requirePermission(ctx.viewer, 'profiles:read');
    return ctx.em.find(CustomerPaymentProfile, { ...(owner ? { customer: owner } : {}), status: 'active' }, { orderBy: { id: 'desc' }, limit: 200 });
  }

  @Mutation(() => PaymentProfilePayload, { description: 'Saves a card as a gateway token for later and recurring charges.' })
  async savePaymentProfile(@Ctx() ctx: GraphQLContext, @Arg('input', () => SavePaymentProfileInput) input: SavePaymentProfileInput) {
    requirePermissionOrCustomer(ctx.viewer, 'profiles:write');
    return payload(await withUserErrors(() => ctx.services.profiles.save(ctx.viewer, { ...input })));
  }

  @Mutation(() => PaymentProfilePayload, { description: 'Removes a saved method here and at the gateway.' })
  async deletePaymentProfile(@Ctx() ctx: GraphQLContext, @Arg('input', () => PaymentProfileIdInput) input: PaymentProfileIdInput) {
    requirePermissionOrCustomer(ctx.viewer, 'profiles:write');
    return payload(await withUserErrors(() => ctx.services.profiles.remove(ctx.viewer, input.profileId)));
  }

  @Mutation(() => PaymentProfilePayload, { description: 'Makes a saved method the customer\'s default.' })
  async setDefaultPaymentProfile(@Ctx() ctx: GraphQLContext, @Arg('input', () => PaymentProfileIdInput) input: PaymentProfileIdInput) {
    requirePermissionOrCustomer(ctx.viewer, 'profiles:write');
    return payload(await withUserErrors(() => ctx.services.profiles.setDefault(ctx.viewer, input.profileId)));
  }
}
