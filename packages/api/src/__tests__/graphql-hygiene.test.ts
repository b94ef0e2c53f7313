import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../auth/viewer.js';
import type { RunningApi } from '../server.js';
import { fixtures, startTestApi, uniqueKey } from '../testing/index.js';
import { useTestApi } from '../testing/use-test-api.js';

const PAGE = `query($first: Int) { payments(page: {first: $first}) { totalCount nodes { id amount { formatted } customer { id email }
  invoice { id number } profile { last4 } timeline { kind amount { amountMinor } } refunds { amount { amountMinor } } } } }`;

describe('GraphQL hygiene: batching, limits, CSRF, introspection', () => {
  let queries = 0;
  const handle = useTestApi({ GRAPHQL_MAX_DEPTH: '8', GRAPHQL_MAX_COST: '400' }, { onQuery: () => (queries += 1) });
  let api: RunningApi;
  let f: ReturnType<typeof fixtures>;
  let token: string;

  beforeAll(async () => {
    api = handle.api;
    f = fixtures(api);
    token = await f.staffToken('admin');
    const key = await f.sandboxKey();
    for (let i = 0; i < 24; i += 1) {
      const { customer } = await f.customer();
      const invoice = await f.invoice(customer.id, 1_000 + i);
      const payment = await api.services.payments.initiate(SYSTEM, { idempotencyKey: uniqueKey(), gatewayKeyId: key.id, invoiceId: invoice.id, paymentToken: '4242424242424242' });
      if (i % 3 === 0) await api.services.payments.refund(SYSTEM, { idempotencyKey: uniqueKey(), paymentId: payment.id, amountMinor: 100 });
    }
  });

  async function queriesFor(first: number): Promise<number> {
    const gql = f.gql(token);
    await gql('{ me { kind } }');
    const before = queries;
    const r = await gql(PAGE, { first });
    expect(r.errors).toBeUndefined();
    expect(r.data!.payments.nodes).toHaveLength(first);
    return queries - before;
  }

  it('a page costs the same number of SQL queries for 2 rows as for 20 (DataLoader)', async () => {
    const small = await queriesFor(2);
    const large = await queriesFor(20);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(10);
  });

  it('rejects queries deeper than the depth limit', async () => {
    const deep = `{ payments { nodes { invoice { customer { paymentProfiles { id } openInvoices { customer { openInvoices { customer { id } } } } } } } } }`;
    const r = await f.gql(token)(deep);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('rejects queries above the cost limit', async () => {
    const aliases = Array.from({ length: 25 }, (_, i) => `p${i}: payments(page: {first: 100}) { nodes { id timeline { kind } refunds { id } } }`).join(' ');
    const r = await f.gql(token)(`{ ${aliases} }`);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.message).toMatch(/cost|alias/i);
  });

  it('CSRF prevention: a simple cross-site POST (text/plain) is refused', async () => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ health { status } }' }) });
    expect(response.status).toBe(400);
  });

  it('introspection can be switched off', async () => {
    const closed = await startTestApi(handle.db.url, { GRAPHQL_INTROSPECTION: 'false' });
    try {
      const response = await fetch(`${closed.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { types { name } } }' }) });
      const body = (await response.json()) as { errors?: { message: string }[] };
      expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await closed.close();
    }
  });
});
