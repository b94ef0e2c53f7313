import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PaymentGatewayKey } from '../../../db/entities/payment-gateway-key.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { CurrencyCodeScalar } from '../../scalars.js';
import { AvailableGatewayType, GatewayKeyType, MinimumAmountType } from './gateway-key.type.js';

@Resolver(() => GatewayKeyType)
export class GatewayKeyResolver {
  @Query(() => [GatewayKeyType], { description: 'Every configured gateway key (keys:read). Secrets are never returned.' })
  gatewayKeys(@Ctx() ctx: GraphQLContext) {
    requirePermission(ctx.viewer, 'keys:read');
    return ctx.em.find(PaymentGatewayKey, {}, { orderBy: { createdAt: 'asc' } });
  }

  @Query(() => [AvailableGatewayType], { description: 'Gateways a customer may pay with, optionally for one currency. Public.' })
  async availableGateways(
    @Ctx() ctx: GraphQLContext,
    @Arg('currency', () => CurrencyCodeScalar, { nullable: true }) currency?: string,
  ) {
    const keys = await ctx.em.find(PaymentGatewayKey, { enabled: true, visibleToCustomers: true }, { orderBy: { createdAt: 'asc' } });
    return keys.filter((k) => !currency || k.currencies.includes(currency));
  }

  @FieldResolver(() => [MinimumAmountType])
  minimumAmounts(@Root() key: PaymentGatewayKey): MinimumAmountType[] {
    return Object.entries(key.minimumAmounts).map(([currency, amountMinor]) => Object.assign(new MinimumAmountType(), { currency, amountMinor }));
  }

  @FieldResolver(() => String, { description: 'The URL to register at the gateway for webhooks to this key.' })
  webhookUrl(@Root() key: PaymentGatewayKey, @Ctx() ctx: GraphQLContext): string {
    return `${ctx.services.config.PAYRAIL_PUBLIC_URL}/webhooks/${key.gateway}/${key.id}`;
  }
}
