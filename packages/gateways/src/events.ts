import type { PaymentFailure } from './errors.js';
import type { JsonObject } from './json.js';

/** Gateway-neutral webhook event types. Unknown native types are kept as `unknown`, never thrown. */
export type WebhookEventType =
  | 'payment.authorized'
  | 'payment.succeeded'
  | 'payment.failed'
  | 'payment.canceled'
  | 'payment.requires_action'
  | 'payment.processing'
  | 'refund.succeeded'
  | 'refund.failed'
  | 'method.attached'
  | 'method.detached'
  | 'unknown';

/** Input of {@link PaymentGateway.parseWebhook}. */
export interface ParseWebhookInput {
  /** The exact bytes received: verification fails if the body was re-serialised. */
  rawBody: Buffer;
  /** Request headers as received (any case; arrays for repeated headers). */
  headers: Record<string, string | string[] | undefined>;
  /** Clock used for the timestamp tolerance check (default: now). */
  now?: Date;
}

/** A verified inbound event in gateway-neutral terms. */
export interface NormalizedWebhookEvent {
  /** The gateway's event id: deduplicate on (gateway, eventId). */
  eventId: string;
  /** What happened. */
  type: WebhookEventType;
  /** The native event type, for the log (e.g. `payment_intent.succeeded`). */
  nativeType: string;
  /** The payment it concerns, in the same form `authorize` returned as `gatewayReference`. */
  gatewayReference?: string;
  /** The refund it concerns, as `refund` returned it. */
  refundReference?: string;
  /** The saved method it concerns (method events). */
  methodId?: string;
  /** Amount the event is about, in minor units (captured for payments, refunded for refunds). */
  amountMinor?: number;
  /** ISO 4217 currency, upper case. */
  currency?: string;
  /** Why a payment or refund failed, for failure events. */
  failure?: PaymentFailure;
  /** When the gateway says the event happened. */
  occurredAt: Date;
  /** The redacted event body for the log. */
  raw: JsonObject;
}
