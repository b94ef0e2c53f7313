import { randomUUID } from 'node:crypto';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { RetryState } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDelayedPing, startPing } from '../../client.js';
import { createWorker } from '../../worker.js';
import { quietTemporalRuntime, temporalEnv, workflowBundle } from '../../__tests__/temporal-env.js';
import { INVALID_NAME, type PingInput } from '../shared.js';

const testServerPath = temporalEnv('TEMPORAL_TEST_SERVER_PATH');

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

// The Java SDK's time-skipping test server (a fresh one per file, on a free port): while a test awaits a
// workflow's result, the server jumps its clock to the next timer instead of waiting for it.
describe.skipIf(testServerPath === undefined)('ping flow on the time-skipping test server', () => {
  const taskQueue = `test-ping-${randomUUID()}`;
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testServerPath! } },
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  async function newWorker(activities?: object): Promise<Worker> {
    return await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: await workflowBundle(),
      ...(activities !== undefined && { activities }),
    });
  }

  it('sleeps 30 days of workflow time in seconds of wall time', async () => {
    const worker = await newWorker();
    const wallStart = performance.now();
    const serverStart = await env.currentTimeMs();

    const result = await worker.runUntil(async () => {
      const handle = await startDelayedPing(env.client, { name: 'Ada', delay: '30 days' }, { workflowId: `delayed-${randomUUID()}`, taskQueue });
      return await handle.result();
    });

    expect(result).toEqual({ greeting: 'Hello, Ada!', wokenBy: 'timer', sleptMs: expect.any(Number) });
    expect(result.sleptMs).toBeGreaterThanOrEqual(THIRTY_DAYS_MS);
    expect((await env.currentTimeMs()) - serverStart).toBeGreaterThanOrEqual(THIRTY_DAYS_MS);
    expect(performance.now() - wallStart).toBeLessThan(15_000);
  });

  it('fails the workflow at once on a non-retryable business error: WorkflowFailedError → ActivityFailure → ApplicationFailure', async () => {
    const worker = await newWorker();
    const failure = await worker.runUntil(async () => {
      const handle = await startPing(env.client, { name: '   ' }, { workflowId: `ping-${randomUUID()}`, taskQueue });
      return await handle.result().catch((error: unknown) => error);
    });

    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (failure as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    expect((activityFailure as ActivityFailure).activityType).toBe('greet');
    // Listed in nonRetryableErrorTypes: the first failure was final, no retries were spent on it.
    expect((activityFailure as ActivityFailure).retryState).toBe(RetryState.NON_RETRYABLE_FAILURE);
    const applicationFailure = activityFailure?.cause;
    expect(applicationFailure).toBeInstanceOf(ApplicationFailure);
    expect((applicationFailure as ApplicationFailure).type).toBe(INVALID_NAME);
    expect((applicationFailure as ApplicationFailure).message).toBe('name must not be blank');
  });

  it('retries a transient activity failure with backoff, then completes', async () => {
    let attempts = 0;
    const flakyGreet = async ({ name }: PingInput): Promise<string> => {
      attempts += 1;
      if (attempts < 3) throw new Error('connection reset by peer');
      return `Hello, ${name}!`;
    };
    const worker = await newWorker({ greet: flakyGreet });

    const greeting = await worker.runUntil(async () => {
      const handle = await startPing(env.client, { name: 'Lin' }, { workflowId: `ping-${randomUUID()}`, taskQueue });
      return await handle.result();
    });

    expect(greeting).toBe('Hello, Lin!');
    expect(attempts).toBe(3);
  });
});
