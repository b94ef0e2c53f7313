import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWorkflow, signalWorkflow, startDelayedPing, startPing } from '../../client.js';
import { createWorker } from '../../worker.js';
import { namespace, quietTemporalRuntime, temporalEnv, workflowBundle } from '../../__tests__/temporal-env.js';
import { pingStatusQuery, wakeUpSignal } from '../shared.js';

const address = temporalEnv('TEMPORAL_ADDRESS');

// A real Temporal server (the CLI's dev server) shared with whoever else runs against it: every run
// polls its own task queue and uses fresh workflow ids.
describe.skipIf(address === undefined)('ping flow on the Temporal dev server', () => {
  const taskQueue = `test-ping-${randomUUID()}`;
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await TestWorkflowEnvironment.createFromExistingServer({ address, namespace });
  });

  // A Worker runs once: each test starts its own (the bundle is built once per file).
  async function newWorker(): Promise<Worker> {
    return await createWorker({ connection: env.nativeConnection, namespace, taskQueue, workflowBundle: await workflowBundle() });
  }

  afterAll(async () => {
    await env?.teardown();
  });

  it('runs pingWorkflow through the greet activity and records a completed execution', async () => {
    const workflowId = `ping-${randomUUID()}`;
    const worker = await newWorker();
    const history = await worker.runUntil(async () => {
      const handle = await startPing(env.client, { name: 'Ada' }, { workflowId, taskQueue });
      expect(await handle.result()).toBe('Hello, Ada!');

      const description = await handle.describe();
      expect(description.status.name).toBe('COMPLETED');
      expect(description.type).toBe('pingWorkflow');
      expect(description.taskQueue).toBe(taskQueue);
      return await handle.fetchHistory();
    });

    const events = history.events ?? [];
    const types = events.map((event) => event.eventType);
    // One activity, scheduled, started and completed once, then the workflow completes.
    expect(events.filter((e) => e.activityTaskScheduledEventAttributes).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)).toEqual(['greet']);
    expect(events.filter((e) => e.activityTaskCompletedEventAttributes)).toHaveLength(1);
    expect(events.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
    expect(types.length).toBeGreaterThan(5);

    // The recorded history replays against today's code: the determinism check every workflow change must pass.
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId);
  });

  it('answers the status query and wakes up early on the wakeUp signal', async () => {
    const workflowId = `delayed-ping-${randomUUID()}`;
    const worker = await newWorker();
    const result = await worker.runUntil(async () => {
      const handle = await startDelayedPing(env.client, { name: 'Grace', delay: '30 days' }, { workflowId, taskQueue });
      expect(await queryWorkflow(env.client, workflowId, pingStatusQuery)).toBe('sleeping');
      await signalWorkflow(env.client, workflowId, wakeUpSignal);
      const result = await handle.result();
      expect(await queryWorkflow(env.client, workflowId, pingStatusQuery)).toBe('done');
      return result;
    });

    expect(result.greeting).toBe('Hello, Grace!');
    expect(result.wokenBy).toBe('signal');
    expect(result.sleptMs).toBeLessThan(60_000);
  });
});
