import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` on every partner delivery. */
export const PARTNER_SIGNATURE_HEADER = 'payrail-signature';
/** The domain event id: the same on every attempt and every resend, so partners deduplicate on it. */
export const PARTNER_EVENT_ID_HEADER = 'payrail-event-id';

/** The signature header value for one attempt (the timestamp is the attempt's, the body never changes). */
export function signPartnerPayload(secret: string, body: string, timestamp: number): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/**
 * What a partner runs (documented in docs/webhooks.md): parse the header, recompute the HMAC over
 * `<t>.<raw body>`, compare in constant time, and refuse timestamps outside the tolerance (replays).
 */
export function verifyPartnerSignature(input: { header: string | undefined; body: string; secret: string; toleranceSeconds?: number; now?: Date }): boolean {
  if (!input.header) return false;
  const parts = new Map<string, string[]>();
  for (const item of input.header.split(',')) {
    const [name, value] = item.split('=', 2);
    if (name && value) parts.set(name.trim(), [...(parts.get(name.trim()) ?? []), value.trim()]);
  }
  const timestamp = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(timestamp)) return false;
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(createHmac('sha256', input.secret).update(`${timestamp}.${input.body}`).digest('hex'));
  return (parts.get('v1') ?? []).some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
