import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../scalars.js';

@ObjectType('PartnerWebhookEndpoint', { description: 'A partner URL that receives signed domain events. The signing secret is shown only when created or rotated.' })
export class PartnerWebhookEndpointType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Where events are POSTed.' }) url!: string;
  @Field(() => String, { nullable: true, description: 'A note for staff.' }) description!: string | null;
  @Field(() => [String], { description: 'Event types sent here; "*" means all.' }) eventTypes!: string[];
  @Field(() => Boolean, { description: 'A disabled endpoint gets nothing; its pending deliveries are dropped.' }) enabled!: boolean;
  @Field(() => String, { description: 'Last four characters of the signing secret, to recognise it.' }) secretHint!: string;
  @Field(() => DateTimeScalar, { description: 'When it was registered.' }) createdAt!: Date;
}

@ObjectType('PartnerWebhookAttempt', { description: 'One HTTP attempt of a delivery.' })
export class PartnerWebhookAttemptType {
  @Field(() => Int, { description: '1 for the first try, counting up across retries.' }) attempt!: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status the endpoint answered; null when it did not answer.' }) statusCode!: number | null;
  @Field(() => Int, { description: 'Time to the answer (or the failure), milliseconds.' }) latencyMs!: number;
  @Field(() => String, { nullable: true, description: 'Why it failed.' }) error!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was made.' }) createdAt!: Date;
}

@ObjectType('PartnerWebhookDelivery', { description: 'One domain event sent to one endpoint, retried with exponential backoff for up to days.' })
export class PartnerWebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The domain event id: the Payrail-Event-Id header partners deduplicate on.' }) eventId!: string;
  @Field(() => String, { description: 'payment.succeeded, link.paid, ...' }) eventType!: string;
  @Field(() => String, { description: 'pending, succeeded or failed (retries exhausted or endpoint disabled).' }) status!: string;
  @Field(() => Int, { description: 'HTTP attempts so far.' }) attempts!: number;
  @Field(() => Int, { nullable: true, description: 'Status of the last attempt.' }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'Error of the last attempt.' }) lastError!: string | null;
  @Field(() => ID, { nullable: true, description: 'The delivery this one resends.' }) resendOf!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the endpoint accepted it.' }) deliveredAt!: Date | null;
  @Field(() => DateTimeScalar, { description: 'When it was planned.' }) createdAt!: Date;
}
