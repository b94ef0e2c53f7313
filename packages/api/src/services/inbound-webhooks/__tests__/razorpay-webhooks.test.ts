// Gateway events in, from the gateway's side: the Razorpay fake (real SDK on our side) POSTs its own
// signed webhooks, in order, to the key's webhook URL after a Checkout the API never heard back from.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRazorpayFake, type RazorpayFake } from '@payrail/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../../server.js';
import { createTestDatabase, fixtures, startTestApi, uniqueKey, type TestDatabase } from '../../../testing/index.js';

const SECRET = 'rzp_webhook_secret_for_tests';

/** Razorpay needs its webhook URL before our API (and so the key id) exists: a forwarder bridges the two. */
async function startForwarder(): Promise<{ url: string; target: { url: string }; close(): Promise<void> }> {
  const target = { url: '' };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host' && e[0] !== 'content-length'));
      fetch(target.url, { method: 'POST', headers, body: Buffer.concat(chunks) })
        .then(async (r) => res.writeHead(r.status).end(Buffer.from(await r.arrayBuffer())))
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, target, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('Razorpay webhooks from the Razorpay fake through POST /webhooks/razorpay/:keyId', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let razorpay: RazorpayFake;
  let forwarder: Awaited<ReturnType<typeof startForwarder>>;
  let gql: ReturnType<ReturnType<typeof fixtures>['gql']>;
  let keyId: string;

  beforeAll(async () => {
    forwarder = await startForwarder();
    razorpay = await startRazorpayFake({ webhook: { url: forwarder.url, secret: SECRET } });
    db = await createTestDatabase();
    api = await startTestApi(db.url, { PAYRAIL_RAZORPAY_API_BASE_URL: razorpay.url });
    const f = fixtures(api);
    gql = f.gql(await f.staffToken('admin'));
    const created = await gql(`mutation($i: CreateGatewayKeyInput!) { createGatewayKey(input: $i) { gatewayKey { id webhookUrl } } }`, {
      i: { gateway: 'razorpay', mode: 'test', label: 'Razorpay', publishableKey: razorpay.keyId, secretKey: razorpay.keySecret, webhookSecret: SECRET, currencies: ['INR'] },
    });
    keyId = created.data!.createGatewayKey.gatewayKey.id;
    // The URL staff would paste into Razorpay's dashboard, on this test API's address.
    forwarder.target.url = created.data!.createGatewayKey.gatewayKey.webhookUrl.replace('http://127.0.0.1:4000', api.url);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await razorpay?.close();
    await forwarder?.close();
  });

  it('a Checkout completed in the browser but never confirmed to us is captured by the webhooks', async () => {
    const started = await gql(`mutation($i: InitiatePaymentInput!) { initiatePayment(input: $i) { payment { id status nextAction { orderId } } } }`, {
      i: { idempotencyKey: uniqueKey(), gatewayKeyId: keyId, amountMinor: 49_900, currency: 'INR', paymentToken: 'checkout' },
    });
    const payment = started.data!.initiatePayment.payment;
    expect(payment.status).toBe('REQUIRES_ACTION');

    await razorpay.completeCheckout(payment.nextAction.orderId);
    await razorpay.flushWebhooks();
    expect(razorpay.deliveries.length).toBeGreaterThan(0);
    expect(razorpay.deliveries.every((d) => d.status === 200)).toBe(true);

    const deadline = Date.now() + 10_000;
    let status = '';
    while (Date.now() < deadline) {
      status = (await gql(`query($id: ID!) { payment(id: $id) { status } }`, { id: payment.id })).data!.payment.status;
      if (status === 'CAPTURED') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe('CAPTURED');
    const events = await gql(`{ gatewayWebhookEvents(first: 20) { gateway nativeType status paymentId } }`);
    expect(events.data!.gatewayWebhookEvents.filter((e: { paymentId: string | null }) => e.paymentId === payment.id).map((e: { status: string }) => e.status)).toEqual(
      expect.arrayContaining(['applied']),
    );
    const timeline = (await gql(`query($id: ID!) { payment(id: $id) { timeline { kind toStatus } } }`, { id: payment.id })).data!.payment.timeline;
    expect(timeline.map((t: { kind: string }) => t.kind)).toContain('webhook');
  });
});
