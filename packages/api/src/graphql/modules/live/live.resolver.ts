import { Arg, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Payment } from '../../../db/entities/payment.js';
import { canAccessCustomerRecord } from '../../../services/access.js';
import { liveTopics, type DomainEventNotice } from '../../../services/live/live-events.js';
import type { GraphQLContext } from '../../context.js';
import { forbidden, unauthenticated } from '../../errors.js';
import { requirePermission } from '../../guards.js';
import { PaymentType } from '../payments/payment.type.js';

@ObjectType('LiveMessage', { description: 'A message on a live channel (batch progress and the like).' })
export class LiveMessageType {
  @Field(() => String, { description: 'The channel it was published on.' }) channel!: string;
  @Field(() => GraphQLJSONObject, { description: 'What the publisher sent.' }) payload!: Record<string, unknown>;
}

/** Channel names are plain words (`batch:<id>`, ...), so one cannot subscribe to another kind of topic. */
const CHANNEL_NAME = /^[a-z0-9_-]+(:[a-zA-Z0-9_-]+)?$/;

/**
 * GraphQL subscriptions over graphql-ws on /graphql, fed by PostgreSQL NOTIFY (so a change made by the
 * worker reaches the API's subscribers). Authorized at subscribe time like the matching queries.
 */
@Resolver()
export class LiveResolver {
  @Subscription(() => PaymentType, {
    description:
      'The payment every time its status changes (a payment screen; a pay page waiting for 3-D Secure, which passes its pay link token instead of signing in).',
    subscribe: async ({ args, context }: { args: { id: string; linkToken?: string | null }; context: GraphQLContext }) => {
      const payment = await context.services.orm.em.fork().findOne(Payment, args.id, { populate: ['onlinePayment'] });
      const viaLink = Boolean(args.linkToken) && payment?.onlinePayment?.token === args.linkToken;
      if (context.viewer.kind === 'anonymous' && !viaLink) throw unauthenticated();
      if (!payment || !(viaLink || canAccessCustomerRecord(context.viewer, payment.customer?.id, 'payments:read'))) throw forbidden('no such payment');
      return context.services.live.subscribe(liveTopics.subject('payment', args.id));
    },
  })
  async paymentUpdated(
    @Root() notice: DomainEventNotice,
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) _id: string,
    @Arg('linkToken', () => String, { nullable: true, description: 'The pay link the payment was made through, for a payer who is not signed in.' }) _linkToken?: string | null,
  ): Promise<Payment> {
    return ctx.services.orm.em.fork().findOneOrFail(Payment, notice.subjectId);
  }

  @Subscription(() => PaymentType, {
    description: 'Every payment whose status changes (staff and partners with payments:read).',
    subscribe: ({ context }: { context: GraphQLContext }) => {
      requirePermission(context.viewer, 'payments:read');
      return context.services.live.subscribe(liveTopics.subjectType('payment'));
    },
  })
  async paymentsChanged(@Root() notice: DomainEventNotice, @Ctx() ctx: GraphQLContext): Promise<Payment> {
    return ctx.services.orm.em.fork().findOneOrFail(Payment, notice.subjectId);
  }

  @Subscription(() => LiveMessageType, {
    description: 'Messages on a named live channel, e.g. a batch charge\'s progress (staff and partners with payments:read).',
    subscribe: ({ args, context }: { args: { name: string }; context: GraphQLContext }) => {
      requirePermission(context.viewer, 'payments:read');
      if (!CHANNEL_NAME.test(args.name)) throw forbidden('not a channel name');
      return context.services.live.subscribe(liveTopics.channel(args.name));
    },
  })
  liveChannel(@Root() payload: Record<string, unknown>, @Arg('name', () => String) name: string): LiveMessageType {
    return Object.assign(new LiveMessageType(), { channel: name, payload });
  }
}
