import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { PartnerWebhookDelivery } from '../../../db/entities/partner-webhook-delivery.js';
import type { PartnerWebhookEndpoint } from '../../../db/entities/partner-webhook-endpoint.js';
import { UserError } from '../../common-types.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { withUserErrors } from '../../mutation-result.js';
import { PartnerWebhookDeliveryType, PartnerWebhookEndpointType } from './partner-webhook.type.js';

@InputType({ description: 'A new partner webhook endpoint.' })
export class CreatePartnerWebhookEndpointInput {
  @Field(() => String, { description: 'Absolute https URL of a public host (http and private addresses only when PAYRAIL_PARTNER_WEBHOOKS_ALLOW_PRIVATE is set, for test setups).' }) url!: string;
  @Field(() => [String], { description: 'Event types to send (payment.succeeded, payment.failed, payment.requires_capture, payment.refunded, link.paid, profile.saved, schedule.past_due, ...), or "*".' }) eventTypes!: string[];
  @Field(() => String, { nullable: true, description: 'A note for staff.' }) description?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) enabled?: boolean | null;
}

@InputType({ description: 'Changes to an endpoint; omitted fields stay as they are.' })
export class UpdatePartnerWebhookEndpointInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [String], { nullable: true }) eventTypes?: string[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'False stops deliveries to it; other endpoints are unaffected.' }) enabled?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Issue a new signing secret (returned once in the payload).' }) rotateSecret?: boolean | null;
}

@ObjectType({ description: 'Result of an endpoint mutation.' })
export class PartnerWebhookEndpointPayload {
  @Field(() => PartnerWebhookEndpointType, { nullable: true }) endpoint!: PartnerWebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'The signing secret: present only on create and rotation, never shown again.' }) secret!: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType({ description: 'Which delivery to send again.' })
export class ResendPartnerWebhookInput {
  @Field(() => ID) deliveryId!: string;
}

@ObjectType({ description: 'Result of resendPartnerWebhook.' })
export class ResendPartnerWebhookPayload {
  @Field(() => PartnerWebhookDeliveryType, { nullable: true, description: 'The new delivery (same event id).' }) delivery!: PartnerWebhookDelivery | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const endpointPayload = (r: { value: { endpoint: PartnerWebhookEndpoint; secret: string | null } | null; userErrors: UserError[] }) =>
  Object.assign(new PartnerWebhookEndpointPayload(), { endpoint: r.value?.endpoint ?? null, secret: r.value?.secret ?? null, userErrors: r.userErrors });

@Resolver()
export class PartnerWebhookMutationsResolver {
  @Mutation(() => PartnerWebhookEndpointPayload, { description: 'Registers an endpoint; the payload carries its signing secret once.' })
  async createPartnerWebhookEndpoint(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreatePartnerWebhookEndpointInput) input: CreatePartnerWebhookEndpointInput) {
    requirePermission(ctx.viewer, 'webhooks:write');
    return endpointPayload(await withUserErrors(() => ctx.services.partnerWebhooks.endpoints.create(ctx.viewer, { ...input })));
  }

  @Mutation(() => PartnerWebhookEndpointPayload, { description: 'Changes, disables or rotates the secret of an endpoint.' })
  async updatePartnerWebhookEndpoint(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdatePartnerWebhookEndpointInput) input: UpdatePartnerWebhookEndpointInput) {
    requirePermission(ctx.viewer, 'webhooks:write');
    const { id, ...settings } = input;
    return endpointPayload(await withUserErrors(() => ctx.services.partnerWebhooks.endpoints.update(ctx.viewer, id, settings)));
  }

  @Mutation(() => ResendPartnerWebhookPayload, { description: 'Sends a delivery\'s event again, as a new delivery with the same event id.' })
  async resendPartnerWebhook(@Ctx() ctx: GraphQLContext, @Arg('input', () => ResendPartnerWebhookInput) input: ResendPartnerWebhookInput) {
    requirePermission(ctx.viewer, 'webhooks:write');
    const r = await withUserErrors(() => ctx.services.partnerWebhooks.deliveries.resend(ctx.viewer, input.deliveryId));
    return Object.assign(new ResendPartnerWebhookPayload(), { delivery: r.value, userErrors: r.userErrors });
  }
}
