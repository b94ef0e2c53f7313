// What the API (and scripts) import to drive workflows: `@payrail/workflows/client`. It loads only
// @temporalio/client and the flows' shared contracts, never the worker, webpack or workflow code.
import { Client, Connection, type QueryDefinition, type SignalDefinition, type WorkflowHandle } from '@temporalio/client';
import { DEFAULT_TASK_QUEUE } from './config.js';
import { connectionOptions, type TemporalConnectionSettings } from './connection.js';
import type { delayedPingWorkflow, pingWorkflow } from './ping/workflows.js';
import type { DelayedPingInput, PingInput } from './ping/shared.js';

export { DEFAULT_TASK_QUEUE } from './config.js';
export type { TemporalConnectionSettings, TemporalSettings } from './connection.js';
export * from './ping/shared.js';

/** Opens a connection and a Client for `settings.namespace`. Close it with `client.connection.close()`. */
export async function connectClient(settings: TemporalConnectionSettings & { namespace: string }): Promise<Client> {
  const connection = await Connection.connect({ ...connectionOptions(settings), connectTimeout: '5s' });
  return new Client({ connection, namespace: settings.namespace });
}

export interface StartOptions {
  /**
   * The workflow id. For money flows make it the business key (e.g. the schedule or payment id), so a
   * retried request finds the running workflow instead of starting a second one.
   */
  workflowId: string;
  /** Defaults to {@link DEFAULT_TASK_QUEUE}; must match the worker's TEMPORAL_TASK_QUEUE. */
  taskQueue?: string;
}

// Workflows are started by name with their type as the type argument: the API gets checked arguments
// and results without importing (or bundling) any workflow code.

export function startPing(client: Client, input: PingInput, options: StartOptions): Promise<WorkflowHandle<typeof pingWorkflow>> {
  return client.workflow.start<typeof pingWorkflow>('pingWorkflow', {
    args: [input],
    workflowId: options.workflowId,
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
  });
}

export function startDelayedPing(
  client: Client,
  input: DelayedPingInput,
  options: StartOptions,
): Promise<WorkflowHandle<typeof delayedPingWorkflow>> {
  return client.workflow.start<typeof delayedPingWorkflow>('delayedPingWorkflow', {
    args: [input],
    workflowId: options.workflowId,
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
  });
}

/** Sends `signal` to the running workflow `workflowId` (its latest run). */
export async function signalWorkflow<Args extends unknown[]>(
  client: Client,
  workflowId: string,
  signal: SignalDefinition<Args>,
  ...args: Args
): Promise<void> {
  await client.workflow.getHandle(workflowId).signal(signal, ...args);
}

/** Asks the workflow `workflowId` (its latest run) `query`; works on closed workflows too. */
export async function queryWorkflow<Result, Args extends unknown[]>(
  client: Client,
  workflowId: string,
  query: QueryDefinition<Result, Args>,
  ...args: Args
): Promise<Result> {
  return await client.workflow.getHandle(workflowId).query(query, ...args);
}
