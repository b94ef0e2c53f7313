import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApiEnv, type TestDatabase } from '@payrail/api/testing';
import { connectClient, startPing } from '../client.js';
import { loadWorkerConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { runWorker } from '../worker.js';
import type { Client } from '@temporalio/client';
import { namespace, quietTemporalRuntime, temporalEnv } from './temporal-env.js';

const address = temporalEnv('TEMPORAL_ADDRESS');

// runWorker is what `node dist/worker.js` runs after reading the environment; from source it bundles
// src/workflows.ts itself, which is also the check that the workflows path resolves under vitest.
describe.skipIf(address === undefined)('runWorker on the Temporal dev server', () => {
  let client: Client;
  let db: TestDatabase;

  beforeAll(async () => {
    quietTemporalRuntime();
    client = await connectClient({ address: address!, namespace });
    db = await createTestDatabase('payrail_worker');
  });

  afterAll(async () => {
    await client?.connection.close();
    await db?.drop();
  });

  it('serves workflows on its task queue, logs JSON, and stops cleanly when asked', async () => {
    const taskQueue = `test-worker-${randomUUID()}`;
    const config = loadWorkerConfig({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEMPORAL_SHUTDOWN_GRACE_SECONDS: '5',
    });
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const stop = new AbortController();

    // The API's variables (database, key-encryption key, session secret) build the activities' services.
    const env = testApiEnv(db.url, { TEMPORAL_ADDRESS: address!, TEMPORAL_TASK_QUEUE: taskQueue, PAYRAIL_WORKFLOWS: 'on' });
    const running = runWorker(config, { signal: stop.signal, logger, env });
    const stoppedEarly = running.then(() => {
      throw new Error('the worker stopped before the workflow finished');
    });
    try {
      const handle = await startPing(client, { name: 'Kay' }, { workflowId: `ping-${randomUUID()}`, taskQueue });
      expect(await Promise.race([handle.result(), stoppedEarly])).toBe('Hello, Kay!');
    } finally {
      stop.abort();
    }
    const stopStarted = performance.now();
    await running;
    expect(performance.now() - stopStarted).toBeLessThan(10_000);

    expect(lines).toContainEqual(
      expect.objectContaining({ service: 'payrail-worker', msg: 'worker started', address, namespace, taskQueue, startupMs: expect.any(Number) }),
    );
    // The start-up sweep ran against the (empty) database: nothing was missing.
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'workflow sweep: holds and schedules have their workflows', holds: 0, schedules: 0 }));
  });
});
