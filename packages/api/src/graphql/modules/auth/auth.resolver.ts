import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { ApiKey } from '../../../db/entities/api-key.js';
import { ApiKey as ApiKeyEntity } from '../../../db/entities/api-key.js';
import { StaffUser, type StaffRole } from '../../../db/entities/staff-user.js';
import { STAFF_ROLE_PERMISSIONS } from '../../../auth/viewer.js';
import { UserError } from '../../common-types.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { DateTimeScalar } from '../../scalars.js';
import { CustomerType } from '../customers/customer.type.js';
import type { Customer } from '../../../db/entities/customer.js';

@ObjectType('StaffUser', { description: 'A person on the billing business\'s team.' })
export class StaffUserType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'admin, finance or support.' }) role!: string;
}

@ObjectType('ApiKey', { description: 'A partner system\'s key. The secret is shown once, at creation.' })
export class ApiKeyType {
  @Field(() => ID) id!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { description: 'Public prefix, to recognise the key.' }) prefix!: string;
  @Field(() => [String]) scopes!: string[];
  @Field(() => DateTimeScalar, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType('Viewer', { description: 'Who is asking.' })
export class ViewerType {
  @Field(() => String, { description: 'anonymous, staff, customer or partner.' }) kind!: string;
  @Field(() => StaffUserType, { nullable: true }) staff!: StaffUser | null;
  @Field(() => CustomerType, { nullable: true }) customer!: Customer | null;
  @Field(() => [String], { description: 'Permissions of a staff role or partner key.' }) permissions!: string[];
}

@InputType() export class LoginInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
}

@InputType() export class CreateStaffUserInput {
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'admin, finance or support.' }) role!: StaffRole;
  @Field(() => String, { description: 'At least 12 characters.' }) password!: string;
}

@InputType() export class CreateApiKeyInput {
  @Field(() => String) label!: string;
  @Field(() => [String], { description: 'e.g. payments:read, payments:write, links:write, customers:write.' }) scopes!: string[];
}

@InputType() export class ApiKeyIdInput {
  @Field(() => ID) id!: string;
}

@ObjectType() export class StaffLoginPayload {
  @Field(() => String, { nullable: true, description: 'Bearer token, valid 12 hours.' }) token!: string | null;
  @Field(() => StaffUserType, { nullable: true }) staff!: StaffUser | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType() export class CustomerLoginPayload {
  @Field(() => String, { nullable: true, description: 'Bearer token, valid 12 hours.' }) token!: string | null;
  @Field(() => CustomerType, { nullable: true }) customer!: Customer | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType() export class StaffUserPayload {
  @Field(() => StaffUserType, { nullable: true }) staff!: StaffUser | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType() export class ApiKeyPayload {
  @Field(() => ApiKeyType, { nullable: true }) apiKey!: ApiKey | null;
  @Field(() => String, { nullable: true, description: 'The full key: shown only in this response.' }) secret!: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@Resolver()
export class AuthResolver {
  @Query(() => ViewerType, { description: 'The signed-in staff user, customer or partner key.' })
  async me(@Ctx() ctx: GraphQLContext): Promise<ViewerType> {
    const v = ctx.viewer;
    return Object.assign(new ViewerType(), {
      kind: v.kind,
      staff: v.kind === 'staff' ? await ctx.em.findOne(StaffUser, v.staffId) : null,
      customer: v.kind === 'customer' ? await ctx.loaders.customer.load(v.customerId) : null,
      permissions: v.kind === 'staff' ? [...STAFF_ROLE_PERMISSIONS[v.role]] : v.kind === 'partner' ? [...v.scopes] : [],
    });
  }

  @Mutation(() => StaffLoginPayload, { description: 'Staff sign-in with email and password.' })
  async staffLogin(@Ctx() ctx: GraphQLContext, @Arg('input', () => LoginInput) input: LoginInput) {
    const r = await withUserErrors(() => ctx.services.staff.login(input.email, input.password));
    return Object.assign(new StaffLoginPayload(), { token: r.value?.token ?? null, staff: r.value?.staff ?? null, userErrors: r.userErrors });
  }

  @Mutation(() => CustomerLoginPayload, { description: 'Customer portal sign-in with email and password.' })
  async customerLogin(@Ctx() ctx: GraphQLContext, @Arg('input', () => LoginInput) input: LoginInput) {
    const r = await withUserErrors(() => ctx.services.customers.login(input.email, input.password));
    return Object.assign(new CustomerLoginPayload(), { token: r.value?.token ?? null, customer: r.value?.customer ?? null, userErrors: r.userErrors });
  }

  @Mutation(() => StaffUserPayload, { description: 'Adds a staff user (admin).' })
  async createStaffUser(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateStaffUserInput) input: CreateStaffUserInput) {
    requirePermission(ctx.viewer, 'apikeys:write');
    const r = await withUserErrors(() => ctx.services.staff.createStaff(ctx.viewer, { ...input }));
    return Object.assign(new StaffUserPayload(), { staff: r.value, userErrors: r.userErrors });
  }

  @Query(() => [ApiKeyType], { description: 'Partner API keys (admin).' })
  apiKeys(@Ctx() ctx: GraphQLContext) {
    requirePermission(ctx.viewer, 'apikeys:write');
    return ctx.em.find(ApiKeyEntity, {}, { orderBy: { createdAt: 'desc' } });
  }

  @Mutation(() => ApiKeyPayload, { description: 'Issues a scoped partner API key (admin). The secret is returned once.' })
  async createApiKey(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput) {
    requirePermission(ctx.viewer, 'apikeys:write');
    const r = await withUserErrors(() => ctx.services.staff.createApiKey(ctx.viewer, { ...input }));
    return Object.assign(new ApiKeyPayload(), { apiKey: r.value?.apiKey ?? null, secret: r.value?.secret ?? null, userErrors: r.userErrors });
  }

  @Mutation(() => ApiKeyPayload, { description: 'Revokes a partner API key at once (admin).' })
  async revokeApiKey(@Ctx() ctx: GraphQLContext, @Arg('input', () => ApiKeyIdInput) input: ApiKeyIdInput) {
    requirePermission(ctx.viewer, 'apikeys:write');
    const r = await withUserErrors(() => ctx.services.staff.revokeApiKey(ctx.viewer, input.id));
    return Object.assign(new ApiKeyPayload(), { apiKey: r.value, secret: null, userErrors: r.userErrors });
  }
}
