import type { SandboxGateway } from '@payrail/gateways';
import { beforeAll, describe, expect, it } from 'vitest';
import { Payment } from '../db/entities/payment.js';
import type { RunningApi } from '../server.js';
import { fixtures, uniqueKey } from '../testing/index.js';
import { useTestApi } from '../testing/use-test-api.js';

const INITIATE = `mutation($input: InitiatePaymentInput!) { initiatePayment(input: $input) { payment { id status } userErrors { code } } }`;
const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { refund { id } userErrors { code } } }`;

describe('idempotency under concurrency', () => {
  const handle = useTestApi();
  let api: RunningApi;
  let f: ReturnType<typeof fixtures>;
  let token: string;

  beforeAll(async () => {
    api = handle.api;
    f = fixtures(api);
    token = await f.staffToken('finance');
  });

  it('50 concurrent identical initiatePayment calls with one idempotency key make one payment and one gateway charge', async () => {
    const key = await f.sandboxKey();
    const { customer } = await f.customer();
    const input = { idempotencyKey: uniqueKey('burst'), gatewayKeyId: key.id, customerId: customer.id, amountMinor: 4_200, currency: 'USD', paymentToken: '4242424242424242' };
    const gql = f.gql(token);
    const results = await Promise.all(Array.from({ length: 50 }, () => gql(INITIATE, { input })));

    const ids = new Set(results.map((r) => r.data?.initiatePayment.payment?.id));
    expect(results.every((r) => r.errors === undefined && r.data?.initiatePayment.userErrors.length === 0)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await api.services.orm.em.fork().count(Payment, { customer: customer.id })).toBe(1);
    const sandbox = api.services.gatewayClients.forKey(key) as SandboxGateway;
    expect(sandbox.stats().charges).toBe(1);
  });

  it('20 concurrent refunds of 10 each on a 100 capture refund exactly 100 and never more', async () => {
    const key = await f.sandboxKey();
    const { customer } = await f.customer();
    const gql = f.gql(token);
    const paid = await gql(INITIATE, { input: { idempotencyKey: uniqueKey(), gatewayKeyId: key.id, customerId: customer.id, amountMinor: 100, currency: 'USD', paymentToken: '4242424242424242' } });
    const paymentId = paid.data!.initiatePayment.payment.id;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => gql(REFUND, { input: { idempotencyKey: uniqueKey('refund'), paymentId, amountMinor: 10 } })),
    );
    const succeeded = results.filter((r) => r.data?.refundPayment.refund);
    expect(succeeded).toHaveLength(10);
    expect(results.filter((r) => r.data?.refundPayment.userErrors[0]?.code).length).toBe(10);
    const payment = await api.services.orm.em.fork().findOneOrFail(Payment, paymentId);
    expect(payment).toMatchObject({ status: 'refunded', refundedMinor: 100, capturedMinor: 100 });
  });
});
