import { defineQuery, defineSignal } from '@temporalio/workflow';
import { RECURRING_STATE_QUERY, recurringSignals, type RecurringState } from '@payrail/api/workflow-contracts';

// Signal and query definitions of the recurring workflow, under the wire names the API sends
// (packages/api/src/workflow-contracts/recurring.ts). Bundled into the sandbox: no Node APIs here.

export const pauseSignal = defineSignal(recurringSignals.pause);
export const resumeSignal = defineSignal(recurringSignals.resume);
export const cancelSignal = defineSignal(recurringSignals.cancel);
export const chargeNowSignal = defineSignal(recurringSignals.chargeNow);
export const paymentMethodChangedSignal = defineSignal(recurringSignals.paymentMethodChanged);
export const recurringStateQuery = defineQuery<RecurringState>(RECURRING_STATE_QUERY);

/** The schedule row is gone: nothing to charge, retrying cannot help. */
export const SCHEDULE_NOT_FOUND = 'ScheduleNotFoundError';

/** Input of `notifyPaymentFailed`: one failed attempt of one cycle. */
export interface PaymentFailedNotice {
  scheduleId: string | null;
  invoiceId: string | null;
  paymentId: string | null;
  /** Names the failure when there is no payment (refused before the gateway). */
  attemptKey: string;
  amountMinor: number;
  currency: string;
  failureCode: string | null;
  /** ISO instant of the next retry; null when dunning stops. */
  retryAt: string | null;
  /** Set when this failure ended dunning. */
  finalAction: 'cancel' | 'pause' | null;
}
