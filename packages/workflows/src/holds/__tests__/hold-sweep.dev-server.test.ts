import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdWorkflowId, SYSTEM } from '@payrail/api/services';
import { createTestDatabase, fixtures, startTestApi, uniqueKey, type TestDatabase } from '@payrail/api/testing';
import { namespace, temporalEnv } from '../../__tests__/temporal-env.js';

const address = temporalEnv('TEMPORAL_ADDRESS');

// Temporal is unreachable when the hold is placed: the payment must not fail, and the worker's sweep
// must start the missing hold workflow once Temporal answers again.
describe.skipIf(address === undefined)('a hold placed while Temporal is unreachable', () => {
  const taskQueue = `test-sweep-${randomUUID()}`;
  let db: TestDatabase;
  let offline: Awaited<ReturnType<typeof startTestApi>>;
  let online: Awaited<ReturnType<typeof startTestApi>>;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase('payrail_sweep');
    // Port 1 refuses connections: the API's Temporal client cannot connect.
    offline = await startTestApi(db.url, { PAYRAIL_WORKFLOWS: 'on', TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_TASK_QUEUE: taskQueue });
    online = await startTestApi(db.url, { PAYRAIL_WORKFLOWS: 'on', TEMPORAL_ADDRESS: address!, TEMPORAL_TASK_QUEUE: taskQueue });
    client = new Client({ connection: await Connection.connect({ address: address! }), namespace });
  });

  afterAll(async () => {
    await client?.connection.close();
    await offline?.close();
    await online?.close();
    await db?.drop();
  });

  it('authorizes the payment anyway, and the sweep starts its hold workflow later (once)', async () => {
    const f = fixtures(offline);
    const key = await f.sandboxKey();
    const { customer } = await f.customer();
    const payment = await offline.services.payments.initiate(SYSTEM, {
      idempotencyKey: uniqueKey('hold'), gatewayKeyId: key.id, customerId: customer.id, amountMinor: 7_700, currency: 'USD', paymentToken: '4242424242424242', captureMethod: 'manual',
    });
    expect(payment.status).toBe('authorized');
    const handle = client.workflow.getHandle(holdWorkflowId(payment.id));
    await expect(handle.describe()).rejects.toThrow();

    // What the worker runs at start and every few minutes; a second sweep finds it running.
    expect(await online.services.holds.startMissingHoldWorkflows()).toBe(1);
    expect(await online.services.holds.startMissingHoldWorkflows()).toBe(1);
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.type).toBe('holdWorkflow');
    // No worker polls this test's queue: end the workflow so the dev server keeps nothing running.
    await handle.terminate('test done');
  });
});
