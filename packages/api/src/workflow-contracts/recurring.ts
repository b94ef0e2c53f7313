/** Workflow type that runs one recurring schedule for its whole life (timers + continue-as-new per cycle). */
export const RECURRING_WORKFLOW = 'recurringScheduleWorkflow';

export const recurringWorkflowId = (scheduleId: string): string => `recurring:${scheduleId}`;

export type RecurringInterval = 'day' | 'week' | 'month' | 'year';
export type RecurringStatus = 'active' | 'paused' | 'past_due' | 'canceled';

/** The calendar a schedule charges on: the first charge, the interval, and the day a month is anchored to. */
export interface RecurringCalendar {
  /** ISO instant of cycle 0; later cycles keep its local time of day in `timezone`. */
  firstChargeAt: string;
  interval: RecurringInterval;
  intervalCount: number;
  /** Day of month (1-31) for month/year intervals; months without it charge on their last day. */
  anchorDay: number | null;
  /** IANA zone, e.g. "Europe/Berlin". */
  timezone: string;
  /** The cycle number `firstChargeAt` belongs to (0 for a new schedule; more when a running one is restarted). */
  cycleOffset: number;
}

export interface RecurringDunningPolicy {
  /** Days after the first failure of a cycle at which to retry, ascending, e.g. [1, 3, 5, 7]. */
  retryAfterDays: number[];
  finalAction: 'cancel' | 'pause';
}

/** Where a schedule's workflow is; carried across continue-as-new and returned by the state query. */
export interface RecurringState {
  scheduleId: string;
  status: RecurringStatus;
  /** The cycle being charged next (0 before the first charge). */
  cycle: number;
  /** ISO instant of the next attempt: the cycle's date, or the next dunning retry. */
  nextChargeAt: string | null;
  /** Failed attempts in the current cycle. */
  failedAttempts: number;
  /** Dunning retries still allowed for the current cycle. */
  retriesLeft: number;
  /** ISO instant the current cycle first failed (dunning retries count from it). */
  failedSince: string | null;
  lastPaymentId: string | null;
  lastFailureCode: string | null;
  /** Why the schedule stopped, when status is paused or canceled by dunning. */
  stoppedReason: string | null;
}

export interface RecurringWorkflowInput {
  scheduleId: string;
  calendar: RecurringCalendar;
  policy: RecurringDunningPolicy;
  /** Present after continue-as-new (and when the API restarts a schedule that already ran). */
  state?: RecurringState;
}

/** Signals the API sends; names are the wire names. */
export const recurringSignals = {
  pause: 'pause',
  resume: 'resume',
  cancel: 'cancel',
  /** Charge now instead of waiting for the date (or the next dunning retry). */
  chargeNow: 'chargeNow',
  /** The payment method changed (customer updated their card): retry at once if past due. */
  paymentMethodChanged: 'paymentMethodChanged',
} as const;

export const RECURRING_STATE_QUERY = 'recurringState';

/** Idempotency key of a cycle's charge: stable per schedule, cycle and attempt, never random. */
export const cycleChargeKey = (scheduleId: string, cycle: number, attempt: number): string =>
  attempt === 0 ? `schedule:${scheduleId}:cycle:${cycle}` : `schedule:${scheduleId}:cycle:${cycle}:attempt:${attempt}`;
