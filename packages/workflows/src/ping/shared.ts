import type { Duration } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';

// Shared by the ping workflows, their activities and client.ts. Keep it free of Node APIs
// and I/O: it is bundled into the deterministic workflow sandbox.

/** Input of the `greet` activity and of `pingWorkflow`. */
export interface PingInput {
  /** Who to greet: 1 to 100 characters, not only whitespace. */
  name: string;
}

/** Input of `delayedPingWorkflow`. */
export interface DelayedPingInput extends PingInput {
  /** How long to wait before greeting, e.g. `'30 days'` or milliseconds. The `wakeUp` signal cuts it short. */
  delay: Duration;
}

/** What woke a delayed ping: its timer or the `wakeUp` signal. */
export type WokenBy = 'timer' | 'signal';

export interface DelayedPingResult {
  greeting: string;
  wokenBy: WokenBy;
  /** Workflow time spent waiting (the server's clock, which the time-skipping test server jumps). */
  sleptMs: number;
}

/** Where a delayed ping is, for the `pingStatus` query. */
export type DelayedPingStatus = 'sleeping' | 'greeting' | 'done';

/** Ends a delayed ping's wait early. */
export const wakeUpSignal = defineSignal('wakeUp');

/** Reports a delayed ping's status. */
export const pingStatusQuery = defineQuery<DelayedPingStatus>('pingStatus');

/**
 * Error type (the error's `name`) that `greet` throws for a name it can never greet. Workflows list it in
 * `nonRetryableErrorTypes`: a business failure is final, retrying cannot fix it.
 */
export const INVALID_NAME = 'InvalidNameError';

export class InvalidNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = INVALID_NAME;
  }
}
