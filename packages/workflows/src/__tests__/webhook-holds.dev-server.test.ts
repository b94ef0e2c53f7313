// A gateway webhook tells the Temporal workflow that waits for it: a manual-capture payment whose
// 3-D Secure finished in the browser is authorized by the webhook (which starts `hold:<paymentId>`), and
// the gateway's capture webhook settles the hold, ending the workflow without waiting for expiry.
import { randomUUID } from 'node:crypto';
import { holdWorkflowId, Payment, SYSTEM } from '@payrail/api/services';
import { uniqueKey } from '@payrail/api/testing';
import { signSandboxWebhook } from '@payrail/gateways/testing';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDomainEnv, type DomainEnv } from './domain-env.js';
import { namespace, quietTemporalRuntime, temporalEnv, workflowBundle } from './temporal-env.js';

const address = temporalEnv('TEMPORAL_ADDRESS');
const SECRET = 'whsec_sandbox_holds';

describe.skipIf(!address)('gateway webhooks drive the hold workflow (dev server)', () => {
  const taskQueue = `webhook-holds-${randomUUID()}`;
  let env: DomainEnv;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await openDomainEnv(address!, taskQueue);
    nativeConnection = await NativeConnection.connect({ address: address! });
    worker = await Worker.create({ connection: nativeConnection, namespace, taskQueue, workflowBundle: await workflowBundle(), activities: env.activities });
    running = worker.run();
    connection = await Connection.connect({ address: address! });
    client = new Client({ connection, namespace });
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await nativeConnection?.close();
    await env?.close();
  });

  async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('the authorization webhook starts the hold workflow and the capture webhook ends it', async () => {
    const services = env.api.services;
    const key = await services.gatewayKeys.create(SYSTEM, { gateway: 'sandbox', mode: 'test', label: 'Sandbox', secretKey: 'sandbox_secret_key_for_tests', webhookSecret: SECRET, currencies: ['USD'] });
    const { customer } = await env.f.customer();
    const payment = await services.payments.initiate(SYSTEM, {
      idempotencyKey: uniqueKey('held'), gatewayKeyId: key.id, customerId: customer.id, amountMinor: 9_000, currency: 'USD', paymentToken: '4000002500003155', captureMethod: 'manual',
    });
    expect(payment.status).toBe('requires_action');
    const post = async (type: string, captured: number) => {
      const signed = signSandboxWebhook(
        { id: `evt_sbx_hold_${type}_${randomUUID()}`, type, created: Math.floor(Date.now() / 1000), data: { object: { object: 'sandbox.payment', id: payment.gatewayReference!, amount: 9_000, amount_captured: captured, currency: 'USD' } } },
        SECRET,
      );
      const response = await fetch(`${env.api.url}/webhooks/sandbox/${key.id}`, { method: 'POST', headers: signed.headers, body: signed.rawBody });
      expect(response.status).toBe(200);
    };
    const statusOf = async () => (await services.orm.em.fork().findOneOrFail(Payment, payment.id)).status;

    await post('payment.authorized', 0);
    await until('the payment to be authorized', async () => ((await statusOf()) === 'authorized' ? true : undefined));
    const handle = client.workflow.getHandle(holdWorkflowId(payment.id));
    await until('the hold workflow', async () => ((await handle.describe()).status.name === 'RUNNING' ? true : undefined));
    const authorized = await services.orm.em.fork().findOneOrFail(Payment, payment.id);
    expect(authorized.authorizationExpiresAt).toBeInstanceOf(Date);

    await post('payment.captured', 9_000);
    const result = await handle.result();
    expect(result).toMatchObject({ paymentId: payment.id, phase: 'captured' });
    expect(await statusOf()).toBe('captured');
  }, 60_000);
});
