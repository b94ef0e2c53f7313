import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { PaymentGatewayKey } from '../../../db/entities/payment-gateway-key.js';
import { UserError } from '../../common-types.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { CurrencyCodeScalar, SafeIntScalar } from '../../scalars.js';
import { GatewayKeyType } from './gateway-key.type.js';

@InputType('MinimumAmountInput') export class MinimumAmountInput {
  @Field(() => CurrencyCodeScalar) currency!: string;
  @Field(() => SafeIntScalar) amountMinor!: number;
}

@InputType({ description: 'Settings shared by create and update; secrets are write-only.' })
export class GatewayKeySettingsInput {
  @Field(() => String, { nullable: true }) label?: string | null;
  @Field(() => String, { nullable: true }) publishableKey?: string | null;
  @Field(() => String, { nullable: true, description: 'Stored encrypted; never returned.' }) secretKey?: string | null;
  @Field(() => String, { nullable: true, description: 'Webhook signing secret; stored encrypted; never returned.' }) webhookSecret?: string | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
  @Field(() => Boolean, { nullable: true }) visibleToCustomers?: boolean | null;
  @Field(() => SafeIntScalar, { nullable: true }) feeFixedMinor?: number | null;
  @Field(() => Int, { nullable: true, description: 'Basis points: 290 = 2.90 %.' }) feePercentBps?: number | null;
  @Field(() => [CurrencyCodeScalar], { nullable: true }) currencies?: string[] | null;
  @Field(() => [MinimumAmountInput], { nullable: true }) minimumAmounts?: MinimumAmountInput[] | null;
  @Field(() => Boolean, { nullable: true }) manualCaptureAllowed?: boolean | null;
  @Field(() => Boolean, { nullable: true }) recurringAllowed?: boolean | null;
  @Field(() => Int, { nullable: true }) authorizationTtlHours?: number | null;
  @Field(() => String, { nullable: true, description: 'cancel or capture.' }) holdExpiryAction?: 'cancel' | 'capture' | null;
}

@InputType({ description: 'A new gateway key.' })
export class CreateGatewayKeyInput extends GatewayKeySettingsInput {
  @Field(() => String, { description: 'sandbox, stripe or razorpay.' }) gateway!: string;
  @Field(() => String, { description: 'test or live; checked against the key\'s prefix where the gateway has one.' }) mode!: 'test' | 'live';
  @Field(() => String) override label!: string;
  @Field(() => String) override secretKey!: string;
  @Field(() => [CurrencyCodeScalar]) override currencies!: string[];
}

@InputType() export class UpdateGatewayKeyInput extends GatewayKeySettingsInput {
  @Field(() => ID) id!: string;
}

@InputType() export class GatewayKeyIdInput {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'Result of a gateway key mutation.' })
export class GatewayKeyPayload {
  @Field(() => GatewayKeyType, { nullable: true }) gatewayKey!: PaymentGatewayKey | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of verifyGatewayKey.' })
export class VerifyGatewayKeyPayload {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const payload = (r: { value: PaymentGatewayKey | null; userErrors: UserError[] }) =>
  Object.assign(new GatewayKeyPayload(), { gatewayKey: r.value, userErrors: r.userErrors });

@Resolver()
export class GatewayKeyMutationsResolver {
  @Mutation(() => GatewayKeyPayload, { description: 'Configures a gateway key (admin).' })
  async createGatewayKey(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateGatewayKeyInput) input: CreateGatewayKeyInput) {
    requirePermission(ctx.viewer, 'keys:write');
    return payload(await withUserErrors(() => ctx.services.gatewayKeys.create(ctx.viewer, { ...input })));
  }

  @Mutation(() => GatewayKeyPayload, { description: 'Changes a gateway key\'s settings or rotates its secrets (admin).' })
  async updateGatewayKey(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateGatewayKeyInput) input: UpdateGatewayKeyInput) {
    requirePermission(ctx.viewer, 'keys:write');
    const { id, ...settings } = input;
    return payload(await withUserErrors(() => ctx.services.gatewayKeys.update(ctx.viewer, id, settings)));
  }

  @Mutation(() => GatewayKeyPayload, { description: 'Disables a gateway key: no new payments go through it (admin).' })
  async disableGatewayKey(@Ctx() ctx: GraphQLContext, @Arg('input', () => GatewayKeyIdInput) input: GatewayKeyIdInput) {
    requirePermission(ctx.viewer, 'keys:write');
    return payload(await withUserErrors(() => ctx.services.gatewayKeys.update(ctx.viewer, input.id, { enabled: false })));
  }

  @Mutation(() => VerifyGatewayKeyPayload, { description: 'Makes a harmless authenticated call to check the stored credentials.' })
  async verifyGatewayKey(@Ctx() ctx: GraphQLContext, @Arg('input', () => GatewayKeyIdInput) input: GatewayKeyIdInput) {
    requirePermission(ctx.viewer, 'keys:write');
    const r = await withUserErrors(() => ctx.services.gatewayKeys.verify(ctx.viewer, input.id));
    return Object.assign(new VerifyGatewayKeyPayload(), { ok: r.value?.ok ?? false, message: r.value?.message ?? null, userErrors: r.userErrors });
  }
}
