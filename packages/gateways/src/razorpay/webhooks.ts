import { createHash } from 'node:crypto';
import { WebhookVerificationError, assertNever } from '../errors.js';
import type { NormalizedWebhookEvent, ParseWebhookInput, WebhookEventType } from '../events.js';
import { headerValue } from '../internal/headers.js';
import { redact } from '../internal/redact.js';
import { isValidWebhookSignature } from './signatures.js';
import { toMinor, toPaymentFailure } from './transformers.js';

/** Razorpay's webhook signature header: HMAC-SHA256 hex of the raw body with the webhook secret. */
export const razorpaySignatureHeader = 'x-razorpay-signature';
/** Razorpay's unique event id header (the body has none). */
export const razorpayEventIdHeader = 'x-razorpay-event-id';

/**
 * Razorpay signs no timestamp header, but the signed body carries `created_at`. Razorpay retries a failed
 * delivery for up to 24 hours with the same body, so the window is 48 hours, not Stripe's 5 minutes:
 * it stops old captured bodies being replayed later; dedupe on `eventId` stops replays inside it.
 */
export const razorpayWebhookToleranceSeconds = 48 * 60 * 60;

const handledRazorpayEvents = [
  'payment.authorized',
  'payment.captured',
  'payment.failed',
  'order.paid',
  'refund.processed',
  'refund.failed',
  'token.confirmed',
  'token.cancelled',
] as const;
type HandledRazorpayEvent = (typeof handledRazorpayEvents)[number];

function isHandled(event: string): event is HandledRazorpayEvent {
  return handledRazorpayEvents.some((handled) => handled === event);
}

/** Normalised type of a Razorpay event name. */
export function normaliseRazorpayEventType(event: string): WebhookEventType {
  if (!isHandled(event)) return 'unknown';
  switch (event) {
    case 'payment.authorized':
      return 'payment.authorized';
    case 'payment.captured':
    case 'order.paid':
      return 'payment.succeeded';
    case 'payment.failed':
      return 'payment.failed';
    case 'refund.processed':
      return 'refund.succeeded';
    case 'refund.failed':
      return 'refund.failed';
    case 'token.confirmed':
      return 'method.attached';
    case 'token.cancelled':
      return 'method.detached';
    default:
      return assertNever(event);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `payload.<name>.entity`, as Razorpay nests them. */
function entityOf(payload: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const wrapper = payload[name];
  return isRecord(wrapper) && isRecord(wrapper.entity) ? wrapper.entity : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Verifies the signature over the raw bytes (constant time) and the signed `created_at`, then normalises. */
export function parseRazorpayWebhook(input: ParseWebhookInput, secret: string | undefined): NormalizedWebhookEvent {
  if (secret === undefined || secret === '') throw new WebhookVerificationError('missing_secret', 'No Razorpay webhook secret is configured');
  const signature = headerValue(input.headers, razorpaySignatureHeader);
  if (signature === undefined || signature === '') throw new WebhookVerificationError('missing_signature', 'X-Razorpay-Signature is missing');
  if (!isValidWebhookSignature(input.rawBody, signature, secret)) throw new WebhookVerificationError('signature_mismatch', 'Signature does not match the body');

  let body: unknown;
  try {
    body = JSON.parse(input.rawBody.toString('utf8'));
  } catch {
    throw new WebhookVerificationError('malformed_body', 'Razorpay webhook body is not JSON');
  }
  if (!isRecord(body) || typeof body.event !== 'string' || typeof body.created_at !== 'number') {
    throw new WebhookVerificationError('malformed_body', 'Razorpay webhook body is not an event');
  }
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - body.created_at) > razorpayWebhookToleranceSeconds) {
    throw new WebhookVerificationError('timestamp_out_of_tolerance', 'The event was created outside the accepted window');
  }

  const type = normaliseRazorpayEventType(body.event);
  const payload = isRecord(body.payload) ? body.payload : {};
  const payment = entityOf(payload, 'payment');
  const refund = entityOf(payload, 'refund');
  const order = entityOf(payload, 'order');
  const token = entityOf(payload, 'token');
  const eventId = headerValue(input.headers, razorpayEventIdHeader) ?? `rzp_body_${createHash('sha256').update(input.rawBody).digest('hex').slice(0, 32)}`;
  const normalized: NormalizedWebhookEvent = { eventId, type, nativeType: body.event, occurredAt: new Date(body.created_at * 1000), raw: redact(body) };

  const orderId = text(payment?.order_id) ?? text(order?.id);
  if (orderId !== undefined) normalized.gatewayReference = orderId;
  const currency = text(refund?.currency) ?? text(payment?.currency) ?? text(order?.currency);
  if (currency !== undefined) normalized.currency = currency.toUpperCase();
  if (refund !== undefined) {
    const refundId = text(refund.id);
    if (refundId !== undefined) normalized.refundReference = refundId;
    normalized.amountMinor = toMinor(typeof refund.amount === 'number' || typeof refund.amount === 'string' ? refund.amount : 0);
  } else if (payment !== undefined) {
    normalized.amountMinor = toMinor(typeof payment.amount === 'number' || typeof payment.amount === 'string' ? payment.amount : 0);
  }
  if (type === 'payment.failed' && payment !== undefined) {
    normalized.failure = toPaymentFailure({ error_code: text(payment.error_code) ?? null, error_reason: text(payment.error_reason) ?? null, error_description: text(payment.error_description) ?? null });
  }
  const tokenId = text(token?.id);
  if (tokenId !== undefined) normalized.methodId = tokenId;
  return normalized;
}
