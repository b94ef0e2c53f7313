import { WebhookVerificationError } from '../errors.js';
import { hexDigestsEqual, hmacSha256Hex } from './crypto.js';

/** Default tolerance between a signed timestamp and now, in seconds (Stripe uses the same). */
export const defaultWebhookToleranceSeconds = 300;

/** A parsed `t=<unix seconds>,v1=<hex>[,v1=<hex>...]` header (Stripe's and the sandbox's scheme). */
export interface TimestampedSignatureHeader {
  /** Unix seconds the sender signed at. */
  timestamp: number;
  /** Candidate v1 signatures (several during secret rotation). */
  signatures: string[];
}

/** Parses a `t=...,v1=...` header; throws WebhookVerificationError when it is malformed. */
export function parseTimestampedSignature(header: string): TimestampedSignatureHeader {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value !== '') signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new WebhookVerificationError('malformed_signature', 'Signature header lacks t= or v1=');
  }
  return { timestamp, signatures };
}

/** Builds the header value for a body signed at `timestamp` (unix seconds). */
export function signTimestamped(secret: string, rawBody: Buffer | string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacSha256Hex(secret, signedPayload(timestamp, rawBody))}`;
}

/** The bytes both schemes sign: `<timestamp>.` followed by the body exactly as sent (never re-decoded). */
function signedPayload(timestamp: number, rawBody: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`), typeof rawBody === 'string' ? Buffer.from(rawBody) : rawBody]);
}

/**
 * Verifies HMAC-SHA256 over `timestamp.body` in constant time, then the timestamp tolerance
 * (checked after the signature so a forged timestamp cannot be probed).
 */
export function verifyTimestampedSignature(options: {
  secret: string;
  rawBody: Buffer;
  header: string | undefined;
  now: Date;
  toleranceSeconds?: number;
}): void {
  if (options.header === undefined || options.header === '') {
    throw new WebhookVerificationError('missing_signature', 'Signature header is missing');
  }
  const { timestamp, signatures } = parseTimestampedSignature(options.header);
  const expected = hmacSha256Hex(options.secret, signedPayload(timestamp, options.rawBody));
  if (!signatures.some((candidate) => hexDigestsEqual(expected, candidate))) {
    throw new WebhookVerificationError('signature_mismatch', 'Signature does not match the body');
  }
  const tolerance = options.toleranceSeconds ?? defaultWebhookToleranceSeconds;
  const ageSeconds = Math.abs(Math.floor(options.now.getTime() / 1000) - timestamp);
  if (ageSeconds > tolerance) {
    throw new WebhookVerificationError('timestamp_out_of_tolerance', `Signed ${ageSeconds}s away from now (tolerance ${tolerance}s)`);
  }
}
