/**
 * The conformance suite every gateway passes through the PaymentGateway interface only.
 * A harness supplies what differs per gateway: how to get a good and a declining source, how the
 * customer completes an action (3-D Secure, Checkout), and how its webhooks are signed.
 */
import { describe, expect, it } from 'vitest';
import type { GatewayCapabilities } from '../../definition.js';
import { WebhookVerificationError } from '../../errors.js';
import type { AuthorizeInput, PaymentGateway, PaymentResult, PaymentSource } from '../../interface.js';

/** A signed webhook request as the gateway would send it. */
export interface SignedRequest {
  rawBody: Buffer;
  headers: Record<string, string>;
}

/** Everything the suite needs to know about one gateway. */
export interface ConformanceHarness {
  /** Shown in test names. */
  name: string;
  /** Builds the gateway (called once, before the tests). */
  gateway(): Promise<PaymentGateway>;
  /** What the gateway cannot do; those tests assert the documented refusal instead. */
  capabilities: GatewayCapabilities;
  /** Currency and amount the gateway accepts. */
  currency: string;
  amountMinor: number;
  /** A source that authorizes (may need `completeAction`). */
  goodSource(): Promise<PaymentSource>;
  /** A source the issuer declines. */
  decliningSource(): Promise<PaymentSource>;
  /** Does what the customer would do for a `requires_action` result, then confirms. */
  completeAction(gateway: PaymentGateway, result: PaymentResult): Promise<PaymentResult>;
  /** A valid signed event, signed (or created) at `at`, with `secret` (default: the configured one). */
  signedEvent(at: Date, secret?: string): SignedRequest;
  /** How far from now a signed event is still accepted, in seconds. */
  webhookToleranceSeconds: number;
}

let sequence = 0;
function uniqueKey(label: string): string {
  sequence += 1;
  return `conformance-${label}-${Date.now()}-${sequence}`;
}

/** Registers the suite for one harness. */
export function describeConformance(harness: ConformanceHarness, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip === true)(`${harness.name} conformance`, () => {
    let gatewayPromise: Promise<PaymentGateway> | undefined;
    const gateway = (): Promise<PaymentGateway> => (gatewayPromise ??= harness.gateway());

    async function input(captureMethod: AuthorizeInput['captureMethod'], source?: PaymentSource): Promise<AuthorizeInput> {
      return {
        idempotencyKey: uniqueKey('authorize'),
        amountMinor: harness.amountMinor,
        currency: harness.currency,
        captureMethod,
        source: source ?? (await harness.goodSource()),
        offSession: source?.kind === 'saved',
        metadata: { paymentId: uniqueKey('payment') },
      };
    }

    async function authorizeAndComplete(captureMethod: AuthorizeInput['captureMethod']): Promise<PaymentResult> {
      const client = await gateway();
      const first = await client.authorize(await input(captureMethod));
      return first.status === 'requires_action' ? harness.completeAction(client, first) : first;
    }

    it('authorizes only, then captures the authorization', async () => {
      const client = await gateway();
      const held = await authorizeAndComplete('manual');
      expect(held).toMatchObject({ status: 'authorized', authorizedMinor: harness.amountMinor, capturableMinor: harness.amountMinor, capturedMinor: 0, currency: harness.currency });
      const captured = await client.capture({ idempotencyKey: uniqueKey('capture'), gatewayReference: held.gatewayReference, amountMinor: harness.amountMinor });
      expect(captured).toMatchObject({ gatewayReference: held.gatewayReference, status: 'captured', capturedMinor: harness.amountMinor, capturableMinor: 0 });
    });

    it('captures part of an authorization (or refuses, where the gateway cannot)', async () => {
      const client = await gateway();
      const held = await authorizeAndComplete('manual');
      const part = Math.floor(harness.amountMinor / 2);
      const capture = client.capture({ idempotencyKey: uniqueKey('capture'), gatewayReference: held.gatewayReference, amountMinor: part });
      if (harness.capabilities.partialCapture) {
        expect(await capture).toMatchObject({ status: 'captured', capturedMinor: part, capturableMinor: 0 });
      } else {
        await expect(capture).rejects.toMatchObject({ code: 'amount_invalid', kind: 'terminal' });
      }
    });

    it('refunds a capture partially, then the rest', async () => {
      const client = await gateway();
      const paid = await authorizeAndComplete('automatic');
      expect(paid).toMatchObject({ status: 'captured', capturedMinor: harness.amountMinor });
      const part = Math.floor(harness.amountMinor / 4);
      const partial = await client.refund({ idempotencyKey: uniqueKey('refund'), gatewayReference: paid.gatewayReference, amountMinor: part });
      expect(partial).toMatchObject({ status: 'succeeded', amountMinor: part });
      const rest = await client.refund({ idempotencyKey: uniqueKey('refund'), gatewayReference: paid.gatewayReference, amountMinor: harness.amountMinor - part });
      expect(rest).toMatchObject({ status: 'succeeded', amountMinor: harness.amountMinor - part });
      expect(rest.refundReference).not.toBe(partial.refundReference);
    });

    it('refunds a capture in full', async () => {
      const client = await gateway();
      const paid = await authorizeAndComplete('automatic');
      const refund = await client.refund({ idempotencyKey: uniqueKey('refund'), gatewayReference: paid.gatewayReference, amountMinor: harness.amountMinor });
      expect(refund).toMatchObject({ status: 'succeeded', amountMinor: harness.amountMinor });
      expect(JSON.parse(JSON.stringify(refund.raw))).toEqual(refund.raw);
    });

    it('declines a bad card as a failed result, not an exception', async () => {
      const client = await gateway();
      const result = await client.authorize(await input('automatic', await harness.decliningSource()));
      expect(result.status).toBe('failed');
      expect(result.failure).toMatchObject({ code: expect.any(String), message: expect.any(String), declineType: expect.stringMatching(/^(hard|soft)$/) });
      expect(result.capturedMinor).toBe(0);
    });

    it('cancels an authorization (or refuses, where the gateway cannot void)', async () => {
      const client = await gateway();
      const held = await authorizeAndComplete('manual');
      const cancel = client.cancel({ idempotencyKey: uniqueKey('cancel'), gatewayReference: held.gatewayReference });
      if (harness.capabilities.voidAuthorization) {
        expect(await cancel).toMatchObject({ status: 'canceled', capturableMinor: 0 });
      } else {
        await expect(cancel).rejects.toMatchObject({ code: 'invalid_request', kind: 'terminal' });
      }
    });

    it('returns the same payment for a retried authorize with the same idempotency key', async () => {
      const client = await gateway();
      const request = await input('manual');
      const first = await client.authorize(request);
      const second = await client.authorize(request);
      expect(second.gatewayReference).toBe(first.gatewayReference);
      expect(second.status).toBe(first.status);
    });

    describe('webhook verification', () => {
      const now = new Date();

      it('accepts a correctly signed event', async () => {
        const event = await (await gateway()).parseWebhook({ ...harness.signedEvent(now), now });
        expect(event.eventId).not.toBe('');
      });

      it('rejects a bad signature', async () => {
        await expect((await gateway()).parseWebhook({ ...harness.signedEvent(now, 'not-the-secret'), now })).rejects.toBeInstanceOf(WebhookVerificationError);
      });

      it('rejects a replay outside the tolerance', async () => {
        const old = new Date(now.getTime() - (harness.webhookToleranceSeconds + 60) * 1000);
        await expect((await gateway()).parseWebhook({ ...harness.signedEvent(old), now })).rejects.toMatchObject({ reason: 'timestamp_out_of_tolerance' });
      });

      it('rejects a body changed by one byte', async () => {
        const signed = harness.signedEvent(now);
        const changed = Buffer.from(signed.rawBody);
        const digit = changed.findIndex((byte) => byte >= 0x30 && byte <= 0x38);
        changed[digit] = (changed[digit] ?? 0x30) + 1;
        await expect((await gateway()).parseWebhook({ rawBody: changed, headers: signed.headers, now })).rejects.toMatchObject({ reason: 'signature_mismatch' });
      });

      it('rejects a missing signature header', async () => {
        await expect((await gateway()).parseWebhook({ rawBody: harness.signedEvent(now).rawBody, headers: {}, now })).rejects.toMatchObject({ reason: 'missing_signature' });
      });
    });
  });
}
