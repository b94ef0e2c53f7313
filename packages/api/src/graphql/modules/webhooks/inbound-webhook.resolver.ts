import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { WebhookEvent, type WebhookEventStatus } from '../../../db/entities/webhook-event.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { DateTimeScalar } from '../../scalars.js';

@ObjectType('GatewayWebhookEvent', { description: 'An inbound gateway webhook as stored (verified, deduplicated by gateway event id).' })
export class GatewayWebhookEventType {
  @Field(() => ID) id!: string;
  @Field(() => String) gateway!: string;
  @Field(() => String, { description: 'The gateway\'s event id.' }) eventId!: string;
  @Field(() => String, { description: 'Normalised type (payment.succeeded, refund.succeeded, ...).' }) type!: string;
  @Field(() => String, { description: 'The gateway\'s own type.' }) nativeType!: string;
  @Field(() => String, { nullable: true }) gatewayReference!: string | null;
  @Field(() => String, { description: 'received, applied, unmatched (no known payment: kept for reconciliation) or ignored.' }) status!: string;
  @Field(() => Int, { description: 'Times applying was tried.' }) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => ID, { nullable: true, description: 'The payment it applied to.' }) paymentId!: string | null;
  @Field(() => DateTimeScalar) occurredAt!: Date;
  @Field(() => DateTimeScalar) receivedAt!: Date;
}

const STATUSES: readonly WebhookEventStatus[] = ['received', 'applied', 'unmatched', 'ignored'];

@Resolver()
export class GatewayWebhookEventResolver {
  @Query(() => [GatewayWebhookEventType], { description: 'Inbound gateway webhooks, newest first; filter by status (e.g. unmatched).' })
  async gatewayWebhookEvents(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => String, { nullable: true }) status?: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most 200.' }) first = 50,
  ): Promise<WebhookEvent[]> {
    requirePermission(ctx.viewer, 'webhooks:read');
    const wanted = STATUSES.find((s) => s === status);
    const where = wanted ? { status: wanted } : {};
    return ctx.em.find(WebhookEvent, where, { orderBy: { receivedAt: 'desc' }, limit: Math.min(Math.max(first, 1), 200) });
  }
}
