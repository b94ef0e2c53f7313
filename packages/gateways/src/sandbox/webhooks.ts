import { WebhookVerificationError } from '../errors.js';
import type { WebhookEventType } from '../events.js';
import { assertNever } from '../errors.js';
import type { JsonObject } from '../json.js';
import { redact } from '../internal/redact.js';
import { signTimestamped } from '../internal/timestamped-signature.js';

/** Header the sandbox signs webhooks in: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const sandboxSignatureHeader = 'x-sandbox-signature';

/** Native event types the sandbox emits. */
export type SandboxEventType =
  | 'payment.requires_action'
  | 'payment.authorized'
  | 'payment.captured'
  | 'payment.failed'
  | 'payment.canceled'
  | 'refund.succeeded'
  | 'method.attached'
  | 'method.detached';

/** The wire shape of a sandbox webhook body. */
export interface SandboxWebhookEvent {
  /** `evt_sbx_...`. */
  id: string;
  /** Native type (string on the wire, so unknown types can arrive from a newer sandbox). */
  type: string;
  /** Unix seconds. */
  created: number;
  /** The object the event is about. */
  data: { object: JsonObject };
}

/** Maps a native sandbox type to the normalised one; unknown types become `unknown`. */
export function normaliseSandboxEventType(nativeType: string): WebhookEventType {
  if (!isSandboxEventType(nativeType)) return 'unknown';
  switch (nativeType) {
    case 'payment.requires_action':
      return 'payment.requires_action';
    case 'payment.authorized':
      return 'payment.authorized';
    case 'payment.captured':
      return 'payment.succeeded';
    case 'payment.failed':
      return 'payment.failed';
    case 'payment.canceled':
      return 'payment.canceled';
    case 'refund.succeeded':
      return 'refund.succeeded';
    case 'method.attached':
      return 'method.attached';
    case 'method.detached':
      return 'method.detached';
    default:
      return assertNever(nativeType);
  }
}

const sandboxEventTypes: readonly SandboxEventType[] = [
  'payment.requires_action',
  'payment.authorized',
  'payment.captured',
  'payment.failed',
  'payment.canceled',
  'refund.succeeded',
  'method.attached',
  'method.detached',
];

function isSandboxEventType(value: string): value is SandboxEventType {
  return sandboxEventTypes.some((known) => known === value);
}

/** A webhook request ready to hand to `parseWebhook` or to POST somewhere. */
export interface SignedWebhook {
  /** Exact bytes to send. */
  rawBody: Buffer;
  /** Headers including the signature and content type. */
  headers: Record<string, string>;
}

/** Signs a sandbox event the way the sandbox does (for tests and for delivering emitted events). */
export function signSandboxWebhook(event: SandboxWebhookEvent, secret: string, timestamp = Math.floor(Date.now() / 1000)): SignedWebhook {
  const rawBody = Buffer.from(JSON.stringify(event));
  return {
    rawBody,
    headers: { 'content-type': 'application/json', [sandboxSignatureHeader]: signTimestamped(secret, rawBody, timestamp) },
  };
}

/** Parses a verified body; throws when it is not a sandbox event. */
export function parseSandboxEventBody(rawBody: Buffer): SandboxWebhookEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookVerificationError('malformed_body', 'Webhook body is not JSON');
  }
  if (!isRecord(parsed) || typeof parsed.id !== 'string' || typeof parsed.type !== 'string' || typeof parsed.created !== 'number') {
    throw new WebhookVerificationError('malformed_body', 'Webhook body is not a sandbox event');
  }
  const data = parsed.data;
  const object = isRecord(data) && isRecord(data.object) ? data.object : {};
  return { id: parsed.id, type: parsed.type, created: parsed.created, data: { object: redact(object) } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
