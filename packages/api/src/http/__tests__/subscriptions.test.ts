import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SYSTEM } from '../../auth/viewer.js';
import { createOrm } from '../../db/orm.js';
import type { RunningApi } from '../../server.js';
import { createTestDatabase, fixtures, startTestApi, uniqueKey, type TestDatabase } from '../../testing/index.js';

/** Collects what one subscription yields; resolves `first(n)` once n results arrived. */
function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: { data?: Record<string, any>; errors?: { message: string }[] }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let failure: unknown;
  const done = new Promise<void>((resolve) => {
    client.subscribe({ query, variables }, {
      next: (value) => {
        results.push(value as (typeof results)[number]);
        for (const w of waiters.filter((w) => results.length >= w.count)) w.resolve();
      },
      error: (error) => {
        failure = error;
        resolve();
      },
      complete: () => resolve(),
    });
  });
  return {
    results,
    done,
    get failure() {
      return failure;
    },
    first: (count: number) =>
      new Promise<void>((resolve, reject) => {
        if (results.length >= count) return resolve();
        waiters.push({ count, resolve });
        setTimeout(() => reject(new Error(`only ${results.length} of ${count} messages arrived`)), 10_000).unref();
      }),
  };
}

describe('GraphQL subscriptions over graphql-ws on /graphql', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let f: ReturnType<typeof fixtures>;
  const clients: Client[] = [];

  const connect = (token?: string) => {
    const client = createClient({
      url: `${api.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.url);
    f = fixtures(api);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await api?.close();
    await db?.drop();
  });

  it('a subscriber sees a payment waiting for 3-D Secure become captured; another customer cannot subscribe to it', async () => {
    const key = await f.sandboxKey();
    const a = await f.customer();
    const b = await f.customer();
    const payment = await api.services.payments.initiate(SYSTEM, { idempotencyKey: uniqueKey(), gatewayKeyId: key.id, customerId: a.customer.id, amountMinor: 2_500, currency: 'USD', paymentToken: '4000002500003155' });
    expect(payment.status).toBe('requires_action');

    const own = subscribe(connect(a.token), 'subscription($id: ID!) { paymentUpdated(id: $id) { id status captured { amountMinor } } }', { id: payment.id });
    const staffFeed = subscribe(connect(await f.staffToken('support')), 'subscription { paymentsChanged { id status } }');
    const stranger = subscribe(connect(b.token), 'subscription($id: ID!) { paymentUpdated(id: $id) { id status } }', { id: payment.id });
    await stranger.done;
    expect(stranger.results[0]?.errors?.[0]?.message ?? String(stranger.failure)).toMatch(/no such payment/);
    // Subscriptions are registered once the server acknowledged them; give the LISTEN fan-out a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));

    await api.services.payments.confirm({ kind: 'customer', customerId: a.customer.id }, payment.id, uniqueKey());
    await own.first(1);
    expect(own.results[0]!.data!.paymentUpdated).toEqual({ id: payment.id, status: 'CAPTURED', captured: { amountMinor: 2_500 } });
    await staffFeed.first(1);
    expect(staffFeed.results.map((r) => r.data!.paymentsChanged)).toContainEqual({ id: payment.id, status: 'CAPTURED' });
  });

  it('a message published from another connection (as the worker process would) reaches a live channel', async () => {
    const feed = subscribe(connect(await f.staffToken('finance')), 'subscription { liveChannel(name: "batch:demo") { channel payload } }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const otherProcess = await createOrm(db.url);
    try {
      await api.services.live.publishChannel('batch:demo', { done: 3, total: 10 }, otherProcess.em.getConnection());
    } finally {
      await otherProcess.close();
    }
    await feed.first(1);
    expect(feed.results[0]!.data!.liveChannel).toEqual({ channel: 'batch:demo', payload: { done: 3, total: 10 } });
  });

  it('a payer on a pay link page, not signed in, follows the payment with the link token', async () => {
    const key = await f.sandboxKey();
    const link = await api.services.links.create(SYSTEM, { amountMinor: 1_500, currency: 'USD' });
    const payment = await api.services.payments.initiate({ kind: 'anonymous' }, { idempotencyKey: uniqueKey(), gatewayKeyId: key.id, linkToken: link.token, paymentToken: '4000002500003155' });
    expect(payment.status).toBe('requires_action');
    const document = 'subscription($id: ID!, $t: String) { paymentUpdated(id: $id, linkToken: $t) { status } }';
    const wrongLink = subscribe(connect(), document, { id: payment.id, t: 'not-the-link' });
    await wrongLink.done;
    expect(wrongLink.results[0]?.errors?.[0]?.message ?? String(wrongLink.failure)).toMatch(/sign in/);
    const payer = subscribe(connect(), document, { id: payment.id, t: link.token });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await api.services.payments.confirm(SYSTEM, payment.id, uniqueKey());
    await payer.first(1);
    expect(payer.results[0]!.data!.paymentUpdated).toEqual({ status: 'CAPTURED' });
  });

  it('refuses a connection whose token does not verify, and anonymous payment feeds', async () => {
    const forged = subscribe(connect('not-a-session-token'), 'subscription { paymentsChanged { id } }');
    await forged.done;
    expect(String((forged.failure as { code?: number; reason?: string })?.code)).toBe('4403');
    const anonymous = subscribe(connect(), 'subscription { paymentsChanged { id } }');
    await anonymous.done;
    expect(anonymous.results[0]?.errors?.[0]?.message ?? String(anonymous.failure)).toMatch(/sign in/);
  });
});
