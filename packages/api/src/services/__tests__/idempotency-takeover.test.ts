import type { SandboxGateway } from '@payrail/gateways';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../auth/viewer.js';
import { Payment } from '../../db/entities/payment.js';
import type { RunningApi } from '../../server.js';
import { fixtures, uniqueKey } from '../../testing/index.js';
import { hashRequest } from '../idempotency.js';
import { useTestApi } from '../../testing/use-test-api.js';

describe('an idempotency claim left behind by a crashed process', () => {
  const handle = useTestApi({ PAYRAIL_IDEMPOTENCY_LEASE_MS: '200' });
  let api: RunningApi;
  let f: ReturnType<typeof fixtures>;

  beforeAll(async () => {
    api = handle.api;
    f = fixtures(api);
  });

  async function abandonedClaim(key: string, input: Record<string, unknown>, boundPaymentId: string | null) {
    await api.services.orm.em.getConnection().execute(
      `insert into idempotency_records (id, scope, key, operation, request_hash, state, result, lease_until, created_at, updated_at)
       values (gen_random_uuid(), 'staff', ?, 'initiatePayment', ?, 'in_progress', ?, now() - interval '1 second', now(), now())`,
      [key, hashRequest('initiatePayment', { ...input, idempotencyKey: undefined }), boundPaymentId ? JSON.stringify({ resultId: boundPaymentId }) : null],
    );
  }

  it('is taken over after its lease: a payment created but never sent is authorized once, under the same id', async () => {
    const key = await f.sandboxKey();
    const { customer } = await f.customer();
    const input = { idempotencyKey: uniqueKey(), gatewayKeyId: key.id, customerId: customer.id, amountMinor: 900, currency: 'USD', paymentToken: '4242424242424242' };
    const em = api.services.orm.em.fork();
    const orphan = em.create(Payment, {
      status: 'requires_payment_method', purpose: 'amount', methodKind: 'card', amountMinor: 900, currency: 'USD',
      gateway: 'sandbox', gatewayKey: key.id, customer: customer.id, idempotencyKey: input.idempotencyKey,
    });
    await em.persist(orphan).flush();
    await abandonedClaim(input.idempotencyKey, input, orphan.id);

    const resumed = await api.services.payments.initiate(SYSTEM, input);
    expect(resumed.id).toBe(orphan.id);
    expect(resumed.status).toBe('captured');
    const again = await api.services.payments.initiate(SYSTEM, input);
    expect(again.id).toBe(orphan.id);
    expect((api.services.gatewayClients.forKey(key) as SandboxGateway).stats().charges).toBe(1);
    expect(await api.services.orm.em.fork().count(Payment, { customer: customer.id })).toBe(1);
  });

  it('an abandoned claim that never bound anything simply runs the work', async () => {
    const key = await f.sandboxKey();
    const { customer } = await f.customer();
    const input = { idempotencyKey: uniqueKey(), gatewayKeyId: key.id, customerId: customer.id, amountMinor: 700, currency: 'USD', paymentToken: '4242424242424242' };
    await abandonedClaim(input.idempotencyKey, input, null);
    const payment = await api.services.payments.initiate(SYSTEM, input);
    expect(payment.status).toBe('captured');
  });
});
