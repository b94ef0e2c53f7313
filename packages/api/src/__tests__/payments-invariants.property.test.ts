import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../auth/viewer.js';
import { Payment } from '../db/entities/payment.js';
import { DomainError } from '../domain/errors.js';
import { amountInvariantViolation } from '../domain/payment-state.js';
import type { RunningApi } from '../server.js';
import { fixtures, uniqueKey } from '../testing/index.js';
import { useTestApi } from '../testing/use-test-api.js';

type Step = { op: 'capture'; amount: number } | { op: 'refund'; amount: number } | { op: 'cancel' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('capture' as const), amount: fc.integer({ min: -5, max: 1_200 }) }),
  fc.record({ op: fc.constant('refund' as const), amount: fc.integer({ min: -5, max: 1_200 }) }),
  fc.record({ op: fc.constant('cancel' as const) }),
);

describe('property: random capture / refund / cancel sequences keep the money invariants', () => {
  const handle = useTestApi();
  let api: RunningApi;
  let keyId: string;
  let customerId: string;

  beforeAll(async () => {
    api = handle.api;
    const f = fixtures(api);
    keyId = (await f.sandboxKey()).id;
    customerId = (await f.customer()).customer.id;
  });

  it('refunded ≤ captured ≤ authorized ≤ amount, and the status matches the amounts, after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), fc.boolean(), async (steps, manual) => {
        const { payments } = api.services;
        const start = await payments.initiate(SYSTEM, {
          idempotencyKey: uniqueKey('prop'),
          gatewayKeyId: keyId,
          customerId,
          amountMinor: 1_000,
          currency: 'USD',
          paymentToken: '4242424242424242',
          captureMethod: manual ? 'manual' : 'automatic',
        });
        let expectedRefunded = 0;
        for (const s of steps) {
          const before = await api.services.orm.em.fork().findOneOrFail(Payment, start.id);
          try {
            if (s.op === 'capture') await payments.capture(SYSTEM, start.id, uniqueKey(), s.amount);
            else if (s.op === 'refund') await payments.refund(SYSTEM, { idempotencyKey: uniqueKey(), paymentId: start.id, amountMinor: s.amount });
            else await payments.cancel(SYSTEM, start.id, uniqueKey());
            if (s.op === 'refund') expectedRefunded += s.amount;
          } catch (error) {
            // Only business refusals are acceptable, and a refusal changes nothing.
            expect(error).toBeInstanceOf(DomainError);
            const after = await api.services.orm.em.fork().findOneOrFail(Payment, start.id);
            expect(after).toMatchObject({ status: before.status, capturedMinor: before.capturedMinor, refundedMinor: before.refundedMinor });
          }
          const now = await api.services.orm.em.fork().findOneOrFail(Payment, start.id);
          expect(amountInvariantViolation(now)).toBeNull();
          expect(now.refundedMinor).toBe(expectedRefunded);
        }
      }),
      { numRuns: 25 },
    );
  });
});
