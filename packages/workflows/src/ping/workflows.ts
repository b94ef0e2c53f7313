import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type * as activities from './activities.js';
import {
  INVALID_NAME,
  pingStatusQuery,
  wakeUpSignal,
  type DelayedPingInput,
  type DelayedPingResult,
  type DelayedPingStatus,
  type PingInput,
} from './shared.js';

const { greet } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [INVALID_NAME],
  },
});

/** Greets `input.name` through the `greet` activity: proves a worker runs workflows and activities. */
export async function pingWorkflow(input: PingInput): Promise<string> {
  return await greet({ name: input.name });
}

/**
 * Waits `input.delay` (or until the `wakeUp` signal), then greets. The shape of every long wait the money
 * flows will have: a durable timer that a signal can end early, with a query for where it is.
 */
export async function delayedPingWorkflow(input: DelayedPingInput): Promise<DelayedPingResult> {
  let status: DelayedPingStatus = 'sleeping';
  let wokenBySignal = false;
  setHandler(pingStatusQuery, () => status);
  setHandler(wakeUpSignal, () => {
    wokenBySignal = true;
  });

  // Date.now() inside a workflow is the deterministic workflow clock, not the machine's.
  const sleptFrom = Date.now();
  await condition(() => wokenBySignal, input.delay);
  const sleptMs = Date.now() - sleptFrom;

  status = 'greeting';
  const greeting = await greet({ name: input.name });
  status = 'done';
  return { greeting, wokenBy: wokenBySignal ? 'signal' : 'timer', sleptMs };
}
