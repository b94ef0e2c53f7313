import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { cycleChargeKey, type RecurringState, type RecurringWorkflowInput } from '@payrail/api/workflow-contracts';
import type { createRecurringActivities } from './activities.js';
import type { createNotificationActivities } from '../notifications/activities.js';
import { chargeDateOf } from './calendar.js';
import { afterFailure, retriesLeft } from './dunning.js';
import {
  cancelSignal,
  chargeNowSignal,
  pauseSignal,
  paymentMethodChangedSignal,
  recurringStateQuery,
  resumeSignal,
  SCHEDULE_NOT_FOUND,
} from './shared.js';

// The charge heartbeats while it waits on the gateway, so a killed worker is noticed in seconds and the
// attempt is retried elsewhere under the same idempotency key (one charge at the gateway).
const { chargeCycle } = proxyActivities<ReturnType<typeof createRecurringActivities>>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: [SCHEDULE_NOT_FOUND] },
});
const { recordScheduleState } = proxyActivities<ReturnType<typeof createRecurringActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: [SCHEDULE_NOT_FOUND] },
});
const { notifyPaymentFailed } = proxyActivities<ReturnType<typeof createNotificationActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 20 },
});

/** A run this long continues as new even mid-cycle (signals can add events without charges). */
const MAX_HISTORY_EVENTS = 5_000;

/**
 * One schedule for its whole life: wait for the cycle's date (a durable timer), invoice and charge,
 * dun on failure, then continue as new, so every run's history holds one cycle. Pause, resume, cancel,
 * charge-now and payment-method-changed arrive as signals; the state query is the live view.
 */
export async function recurringScheduleWorkflow(input: RecurringWorkflowInput): Promise<RecurringState> {
  const { calendar, policy, scheduleId } = input;
  const state: RecurringState = input.state ?? {
    scheduleId,
    status: 'active',
    cycle: calendar.cycleOffset,
    nextChargeAt: chargeDateOf(calendar, calendar.cycleOffset),
    failedAttempts: 0,
    retriesLeft: policy.retryAfterDays.length,
    failedSince: null,
    lastPaymentId: null,
    lastFailureCode: null,
    stoppedReason: null,
  };
  let dirty = input.state === undefined;
  let chargeNow = false;

  setHandler(recurringStateQuery, () => ({ ...state, retriesLeft: retriesLeft(policy, state.failedAttempts) }));
  setHandler(pauseSignal, () => {
    if (state.status === 'active' || state.status === 'past_due') Object.assign(state, { status: 'paused', stoppedReason: 'paused_by_request' });
    dirty = true;
  });
  setHandler(resumeSignal, () => {
    if (state.status !== 'paused') return;
    if (state.stoppedReason !== 'paused_by_request') {
      // Paused by dunning: a resume starts the cycle's dunning afresh and retries at once.
      Object.assign(state, { failedAttempts: 0, failedSince: null });
      chargeNow = true;
    }
    Object.assign(state, { status: state.failedAttempts > 0 ? 'past_due' : 'active', stoppedReason: null });
    dirty = true;
  });
  setHandler(cancelSignal, () => {
    Object.assign(state, { status: 'canceled', stoppedReason: 'canceled_by_request', nextChargeAt: null });
    dirty = true;
  });
  setHandler(chargeNowSignal, () => {
    chargeNow = true;
  });
  setHandler(paymentMethodChangedSignal, () => {
    // A new card while past due: retry now instead of waiting for the next dunning date.
    if (state.status === 'past_due') chargeNow = true;
  });

  // Signal handlers change the status while activities run; re-read it (TypeScript's narrowing cannot know).
  const status = (): RecurringState['status'] => state.status;
  const record = () => recordScheduleState({ ...state, retriesLeft: retriesLeft(policy, state.failedAttempts) });

  for (;;) {
    if (dirty) {
      dirty = false;
      await record();
      continue;
    }
    if (state.status === 'canceled') return state;
    if (workflowInfo().historyLength > MAX_HISTORY_EVENTS) await continueAsNew<typeof recurringScheduleWorkflow>({ ...input, state });
    if (state.status === 'paused') {
      await condition(() => dirty);
      continue;
    }
    const waitMs = Date.parse(state.nextChargeAt!) - Date.now();
    if (!chargeNow && waitMs > 0) {
      await condition(() => dirty || chargeNow, waitMs);
      continue;
    }
    chargeNow = false;

    const outcome = await chargeCycle({ scheduleId, cycle: state.cycle, attempt: state.failedAttempts });
    state.lastPaymentId = outcome.paymentId;
    if (outcome.outcome === 'succeeded') {
      Object.assign(state, { cycle: state.cycle + 1, failedAttempts: 0, failedSince: null, lastFailureCode: null });
      if (status() === 'past_due') state.status = 'active';
      if (status() !== 'canceled') state.nextChargeAt = chargeDateOf(calendar, state.cycle);
      await record();
      if (status() === 'canceled') return state;
      // One cycle per run: the next cycle starts with a fresh, short history.
      await continueAsNew<typeof recurringScheduleWorkflow>({ ...input, state });
    }

    state.failedAttempts += 1;
    state.failedSince ??= new Date(Date.now()).toISOString();
    state.lastFailureCode = outcome.failureCode;
    const decision = afterFailure(policy, state.failedAttempts, outcome.hard, state.failedSince);
    const finalAction = decision.action === 'final' ? decision.finalAction : null;
    await notifyPaymentFailed({
      scheduleId,
      invoiceId: outcome.invoiceId,
      paymentId: outcome.paymentId,
      attemptKey: cycleChargeKey(scheduleId, state.cycle, state.failedAttempts - 1),
      amountMinor: outcome.amountMinor,
      currency: outcome.currency,
      failureCode: outcome.failureCode,
      retryAt: decision.action === 'retry' ? decision.retryAt : null,
      finalAction,
    });
    if (status() === 'canceled' || status() === 'paused') {
      dirty = true;
      continue;
    }
    if (decision.action === 'retry') {
      Object.assign(state, { status: 'past_due', nextChargeAt: decision.retryAt });
    } else if (decision.finalAction === 'cancel') {
      Object.assign(state, { status: 'canceled', nextChargeAt: null, stoppedReason: decision.reason });
    } else {
      Object.assign(state, { status: 'paused', stoppedReason: decision.reason });
    }
    dirty = true;
  }
}
