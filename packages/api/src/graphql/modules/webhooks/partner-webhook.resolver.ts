import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { PartnerWebhookAttempt } from '../../../db/entities/partner-webhook-attempt.js';
import type { PartnerWebhookDelivery } from '../../../db/entities/partner-webhook-delivery.js';
import type { PartnerWebhookEndpoint } from '../../../db/entities/partner-webhook-endpoint.js';
import { DomainError } from '../../../domain/errors.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { PartnerWebhookAttemptType, PartnerWebhookDeliveryType, PartnerWebhookEndpointType } from './partner-webhook.type.js';

@Resolver(() => PartnerWebhookEndpointType)
export class PartnerWebhookEndpointResolver {
  @Query(() => [PartnerWebhookEndpointType], { description: 'Partner webhook endpoints (a partner key sees the ones it registered).' })
  async partnerWebhookEndpoints(@Ctx() ctx: GraphQLContext): Promise<PartnerWebhookEndpoint[]> {
    requirePermission(ctx.viewer, 'webhooks:read');
    return ctx.services.partnerWebhooks.endpoints.list(ctx.viewer);
  }

  @FieldResolver(() => [PartnerWebhookDeliveryType], { description: 'The delivery log, newest first.' })
  async deliveries(
    @Root() endpoint: PartnerWebhookEndpoint,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most 100.' }) first: number,
  ): Promise<PartnerWebhookDelivery[]> {
    return ctx.services.partnerWebhooks.deliveries.listForEndpoint(ctx.viewer, endpoint.id, first);
  }
}

@Resolver(() => PartnerWebhookDeliveryType)
export class PartnerWebhookDeliveryResolver {
  @Query(() => [PartnerWebhookDeliveryType], { description: 'One endpoint\'s delivery log, newest first.' })
  async partnerWebhookDeliveries(
    @Ctx() ctx: GraphQLContext,
    @Arg('endpointId', () => ID) endpointId: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most 100.' }) first: number,
  ): Promise<PartnerWebhookDelivery[]> {
    requirePermission(ctx.viewer, 'webhooks:read');
    try {
      return await ctx.services.partnerWebhooks.deliveries.listForEndpoint(ctx.viewer, endpointId, first);
    } catch (error) {
      // Another partner's endpoint looks exactly like one that does not exist.
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return [];
      throw error;
    }
  }

  @FieldResolver(() => String) eventId(@Root() delivery: PartnerWebhookDelivery): string {
    return delivery.event.id;
  }

  @FieldResolver(() => [PartnerWebhookAttemptType], { description: 'Every HTTP attempt, oldest first.' })
  async attemptLog(@Root() delivery: PartnerWebhookDelivery, @Ctx() ctx: GraphQLContext): Promise<PartnerWebhookAttempt[]> {
    return ctx.services.partnerWebhooks.deliveries.attemptsOf(delivery.id);
  }
}
