import type { RecurringSchedule } from '../db/entities/recurring-schedule.js';
import type { RecurringWorkflowInput } from '../workflow-contracts/recurring.js';

/**
 * What a schedule's workflow starts from: its calendar counted from the next charge in the database.
 * A schedule that already charged (restarted by the sweep) so picks up at its current cycle.
 */
export function scheduleWorkflowInput(schedule: RecurringSchedule): RecurringWorkflowInput {
  return {
    scheduleId: schedule.id,
    calendar: {
      firstChargeAt: schedule.nextChargeAt.toISOString(),
      cycleOffset: schedule.cycle,
      interval: schedule.interval,
      intervalCount: schedule.intervalCount,
      anchorDay: schedule.anchorDay ?? null,
      timezone: schedule.timezone,
    },
    policy: { retryAfterDays: [...schedule.dunningPolicy.retryAfterDays], finalAction: schedule.dunningPolicy.finalAction },
  };
}
