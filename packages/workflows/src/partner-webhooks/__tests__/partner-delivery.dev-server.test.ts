// Outbound partner webhooks end to end: outbox → dispatcher → one Temporal workflow per delivery (dev
// server) → a real node:http endpoint that fails five times, then recovers. Short backoff via config.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { partnerWebhookDeliveryWorkflowId, SYSTEM } from '@payrail/api/services';
import { uniqueKey } from '@payrail/api/testing';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDomainEnv, type DomainEnv } from '../../__tests__/domain-env.js';
import { namespace, quietTemporalRuntime, temporalEnv, workflowBundle } from '../../__tests__/temporal-env.js';

const address = temporalEnv('TEMPORAL_ADDRESS');

interface Received {
  status: number;
  eventId: string;
  signature: string;
  body: string;
}

/** A partner's endpoint: answers `failuresFirst` times with 500, then 200; records everything. */
async function startEndpoint(answer: (index: number) => number): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = answer(received.length);
      received.push({ status, eventId: String(req.headers['payrail-event-id']), signature: String(req.headers['payrail-signature']), body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/payrail`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The verification docs/webhooks.md gives partners, written out independently of the API's own helper. */
function partnerVerifies(header: string, rawBody: string, secret: string, now = Date.now()): boolean {
  const fields = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(fields.t);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  const given = fields.v1 ?? '';
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface DeliveryRow {
  id: string;
  eventId: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  attemptLog: { attempt: number; statusCode: number | null; latencyMs: number; error: string | null }[];
}

const CREATE = `mutation($i: CreatePartnerWebhookEndpointInput!) { createPartnerWebhookEndpoint(input: $i) { endpoint { id enabled secretHint } secret userErrors { field code message } } }`;
const LOG = `query($id: ID!) { partnerWebhookDeliveries(endpointId: $id, first: 100) { id eventId eventType status attempts lastStatusCode attemptLog { attempt statusCode latencyMs error } } }`;

describe.skipIf(!address)('partner webhooks: signed, retried with backoff by Temporal, never blocked by another endpoint', () => {
  let env: DomainEnv;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `partner-webhooks-${randomUUID()}`;

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await openDomainEnv(address!, taskQueue, {
      PAYRAIL_PARTNER_WEBHOOK_RETRY_INITIAL_MS: '100',
      PAYRAIL_PARTNER_WEBHOOK_RETRY_MAX_MS: '400',
      PAYRAIL_PARTNER_WEBHOOK_GIVE_UP_AFTER_MS: '120000',
      PAYRAIL_PARTNER_WEBHOOK_TIMEOUT_MS: '2000',
      PAYRAIL_OUTBOX_DISPATCH_INTERVAL_MS: '250',
    });
    connection = await NativeConnection.connect({ address: address! });
    worker = await Worker.create({ connection, namespace, taskQueue, workflowBundle: await workflowBundle(), activities: env.activities });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await env?.close();
  });

  it('an endpoint that fails 5 times then recovers gets every event exactly once after dedupe, verifiably signed; a dead and a disabled endpoint change nothing', async () => {
    const gql = env.f.gql(await env.f.staffToken('admin'));
    const flaky = await startEndpoint((i) => (i < 5 ? 500 : 200));
    const dead = await startEndpoint(() => 503);
    const disabledTarget = await startEndpoint(() => 200);
    try {
      const created = (await gql(CREATE, { i: { url: flaky.url, eventTypes: ['payment.succeeded', 'payment.refunded'], description: 'billing system' } })).data!.createPartnerWebhookEndpoint;
      expect(created.userErrors).toEqual([]);
      expect(created.secret).toMatch(/^whsec_/);
      expect(created.endpoint.secretHint).toBe(created.secret.slice(-4));
      const secret: string = created.secret;
      const deadId = (await gql(CREATE, { i: { url: dead.url, eventTypes: ['*'] } })).data!.createPartnerWebhookEndpoint.endpoint.id;
      await gql(CREATE, { i: { url: disabledTarget.url, eventTypes: ['*'], enabled: false } });
      const listed = await gql('{ partnerWebhookEndpoints { id url eventTypes enabled secretHint } }');
      expect(JSON.stringify(listed.data)).not.toContain(secret);

      const key = await env.api.services.gatewayKeys.create(SYSTEM, { gateway: 'sandbox', mode: 'test', label: 'Sandbox', secretKey: 'sandbox_secret_key_for_tests', currencies: ['USD'] });
      const { customer } = await env.f.customer();
      const payments = [];
      for (let i = 0; i < 4; i += 1) {
        payments.push(await env.api.services.payments.initiate(SYSTEM, { idempotencyKey: uniqueKey('pay'), gatewayKeyId: key.id, customerId: customer.id, amountMinor: 1_000 + i, currency: 'USD', paymentToken: '4242424242424242' }));
      }
      await env.api.services.payments.refund(SYSTEM, { idempotencyKey: uniqueKey('refund'), paymentId: payments[0]!.id, amountMinor: 400 });
      const expectedIds: string[] = (
        await env.api.services.orm.em.getConnection().execute<{ id: string }[]>(
          `select id from domain_events where subject_id in (?) and type in ('payment.succeeded', 'payment.refunded') order by id`,
          [payments.map((p) => p.id)],
        )
      ).map((row) => row.id);
      expect(expectedIds).toHaveLength(5);

      const log = await until('every delivery to the flaky endpoint to succeed', async () => {
        const deliveries: DeliveryRow[] = (await gql(LOG, { id: created.endpoint.id })).data!.partnerWebhookDeliveries;
        return deliveries.length === 5 && deliveries.every((d) => d.status === 'succeeded') ? deliveries : undefined;
      });

      const accepted = flaky.received.filter((r) => r.status === 200);
      expect(flaky.received.filter((r) => r.status === 500)).toHaveLength(5);
      expect([...new Set(accepted.map((r) => r.eventId))].sort()).toEqual([...expectedIds].sort());
      expect(accepted).toHaveLength(5);
      for (const request of flaky.received) {
        expect(partnerVerifies(request.signature, request.body, secret)).toBe(true);
        expect(partnerVerifies(request.signature, request.body.replace('"amountMinor":', '"amountMinor": '), secret)).toBe(false);
        expect(partnerVerifies(request.signature, request.body, 'whsec_wrong')).toBe(false);
        expect(JSON.parse(request.body)).toMatchObject({ id: request.eventId, type: expect.stringMatching(/^payment\.(succeeded|refunded)$/), data: { id: expect.any(String) } });
      }
      // The delivery log shows the failed attempts with their status codes and latency.
      const retried = log.filter((d) => d.attempts > 1);
      expect(retried.length).toBeGreaterThan(0);
      expect(retried.flatMap((d) => d.attemptLog).some((a) => a.statusCode === 500 && a.latencyMs >= 0)).toBe(true);

      // The dead endpoint is still being retried, and blocked nobody; the disabled one got nothing.
      const deadLog: DeliveryRow[] = (await gql(LOG, { id: deadId })).data!.partnerWebhookDeliveries;
      expect(deadLog.length).toBeGreaterThan(0);
      expect(deadLog.every((d) => d.status === 'pending' && d.lastStatusCode === 503)).toBe(true);
      expect(disabledTarget.received).toHaveLength(0);

      // A manual resend arrives with the same event id, so the partner's dedupe drops it.
      const [first] = log;
      const resent = await gql(`mutation($i: ResendPartnerWebhookInput!) { resendPartnerWebhook(input: $i) { delivery { id eventId status } userErrors { code } } }`, { i: { deliveryId: first!.id } });
      expect(resent.data!.resendPartnerWebhook.delivery.eventId).toBe(first!.eventId);
      await until('the resend', async () => (flaky.received.filter((r) => r.status === 200).length === 6 ? true : undefined));
      const afterDedupe = new Set(flaky.received.filter((r) => r.status === 200).map((r) => r.eventId));
      expect([...afterDedupe].sort()).toEqual([...expectedIds].sort());

      // Disabling the dead endpoint ends its retrying deliveries at their next attempt (and their workflows).
      const disabled = await gql(`mutation($i: UpdatePartnerWebhookEndpointInput!) { updatePartnerWebhookEndpoint(input: $i) { endpoint { enabled } userErrors { code } } }`, { i: { id: deadId, enabled: false } });
      expect(disabled.data!.updatePartnerWebhookEndpoint.endpoint.enabled).toBe(false);
      const ended = await until('the dead endpoint\'s deliveries to end', async () => {
        const deliveries: DeliveryRow[] = (await gql(LOG, { id: deadId })).data!.partnerWebhookDeliveries;
        return deliveries.every((d) => d.status === 'failed') ? deliveries : undefined;
      });
      expect(ended.every((d) => d.attemptLog.every((a) => a.statusCode === 503))).toBe(true);
      const connection = await Connection.connect({ address: address! });
      try {
        const client = new Client({ connection, namespace });
        const outcomes = await Promise.all(ended.map((d) => client.workflow.getHandle(partnerWebhookDeliveryWorkflowId(d.id)).result()));
        expect(outcomes.every((o) => o === 'skipped')).toBe(true);
      } finally {
        await connection.close();
      }
    } finally {
      await flaky.close();
      await dead.close();
      await disabledTarget.close();
    }
  }, 90_000);
});
