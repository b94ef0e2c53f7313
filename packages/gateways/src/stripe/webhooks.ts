import { WebhookVerificationError, assertNever } from '../errors.js';
import type { NormalizedWebhookEvent, ParseWebhookInput, WebhookEventType } from '../events.js';
import { headerValue } from '../internal/headers.js';
import { redact } from '../internal/redact.js';
import { verifyTimestampedSignature } from '../internal/timestamped-signature.js';
import { fromStripeCurrency, toPaymentFailure } from './transformers.js';

/** Stripe signs `<t>.<body>` with HMAC-SHA256 in `Stripe-Signature: t=...,v1=...`. */
export const stripeSignatureHeader = 'stripe-signature';

/** Stripe event types we act on; everything else normalises to `unknown`. */
const handledStripeEvents = [
  'payment_intent.amount_capturable_updated',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.requires_action',
  'payment_intent.processing',
  'refund.created',
  'refund.updated',
  'refund.failed',
  'payment_method.attached',
  'payment_method.detached',
] as const;
type HandledStripeEvent = (typeof handledStripeEvents)[number];

function isHandled(type: string): type is HandledStripeEvent {
  return handledStripeEvents.some((handled) => handled === type);
}

/** The parts of a Stripe event body we read. */
interface StripeEventBody {
  id: string;
  type: string;
  created: number;
  object: Record<string, unknown>;
}

/** Normalised type; refund.created/updated are settled only when the refund's own status says so. */
export function normaliseStripeEventType(type: string, object: Record<string, unknown>): WebhookEventType {
  if (!isHandled(type)) return 'unknown';
  switch (type) {
    case 'payment_intent.amount_capturable_updated':
      return 'payment.authorized';
    case 'payment_intent.succeeded':
      return 'payment.succeeded';
    case 'payment_intent.payment_failed':
      return 'payment.failed';
    case 'payment_intent.canceled':
      return 'payment.canceled';
    case 'payment_intent.requires_action':
      return 'payment.requires_action';
    case 'payment_intent.processing':
      return 'payment.processing';
    case 'refund.created':
    case 'refund.updated':
      return object.status === 'succeeded' ? 'refund.succeeded' : object.status === 'failed' ? 'refund.failed' : 'unknown';
    case 'refund.failed':
      return 'refund.failed';
    case 'payment_method.attached':
      return 'method.attached';
    case 'payment_method.detached':
      return 'method.detached';
    default:
      return assertNever(type);
  }
}

/** Verifies the signature on the raw bytes (constant time, 300 s tolerance), then normalises. */
export function parseStripeWebhook(input: ParseWebhookInput, secret: string | undefined): NormalizedWebhookEvent {
  if (secret === undefined || secret === '') throw new WebhookVerificationError('missing_secret', 'No Stripe webhook signing secret is configured');
  verifyTimestampedSignature({ secret, rawBody: input.rawBody, header: headerValue(input.headers, stripeSignatureHeader), now: input.now ?? new Date() });
  return toNormalizedStripeEvent(parseStripeEventBody(input.rawBody));
}

function parseStripeEventBody(rawBody: Buffer): StripeEventBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookVerificationError('malformed_body', 'Stripe webhook body is not JSON');
  }
  if (!isRecord(parsed) || typeof parsed.id !== 'string' || typeof parsed.type !== 'string' || typeof parsed.created !== 'number') {
    throw new WebhookVerificationError('malformed_body', 'Stripe webhook body is not an event');
  }
  const data = parsed.data;
  const object = isRecord(data) && isRecord(data.object) ? data.object : {};
  return { id: parsed.id, type: parsed.type, created: parsed.created, object };
}

/** Normalises a verified event body. */
export function toNormalizedStripeEvent(event: StripeEventBody): NormalizedWebhookEvent {
  const { object } = event;
  const type = normaliseStripeEventType(event.type, object);
  const normalized: NormalizedWebhookEvent = {
    eventId: event.id,
    type,
    nativeType: event.type,
    occurredAt: new Date(event.created * 1000),
    raw: redact({ id: event.id, type: event.type, created: event.created, data: { object } }),
  };
  const objectId = typeof object.id === 'string' ? object.id : undefined;
  switch (object.object) {
    case 'payment_intent': {
      if (objectId !== undefined) normalized.gatewayReference = objectId;
      const amount = type === 'payment.succeeded' ? object.amount_received : type === 'payment.authorized' ? object.amount_capturable : object.amount;
      if (typeof amount === 'number') normalized.amountMinor = amount;
      const lastError = object.last_payment_error;
      if (type === 'payment.failed' && isRecord(lastError)) normalized.failure = toPaymentFailure(stringFields(lastError));
      break;
    }
    case 'refund':
      if (objectId !== undefined) normalized.refundReference = objectId;
      if (typeof object.payment_intent === 'string') normalized.gatewayReference = object.payment_intent;
      if (typeof object.amount === 'number') normalized.amountMinor = object.amount;
      break;
    case 'payment_method':
      if (objectId !== undefined) normalized.methodId = objectId;
      break;
    default:
      break;
  }
  if (typeof object.currency === 'string') normalized.currency = fromStripeCurrency(object.currency);
  return normalized;
}

function stringFields(error: Record<string, unknown>): { code?: string; decline_code?: string; message?: string } {
  const out: { code?: string; decline_code?: string; message?: string } = {};
  if (typeof error.code === 'string') out.code = error.code;
  if (typeof error.decline_code === 'string') out.decline_code = error.decline_code;
  if (typeof error.message === 'string') out.message = error.message;
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
