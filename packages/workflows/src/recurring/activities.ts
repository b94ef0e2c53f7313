import { Context, ApplicationFailure } from '@temporalio/activity';
import { RecurringSchedule, type ChargeCycleInput, type ChargeCycleOutcome, type RecurringState, type Services } from '@payrail/api/services';
import { SCHEDULE_NOT_FOUND } from './shared.js';

const HEARTBEAT_MS = 2_000;

/** The recurring workflow's activities, closed over the API's domain services. */
export function createRecurringActivities(services: Services) {
  async function assertScheduleExists(scheduleId: string): Promise<void> {
    if (!(await services.orm.em.fork().findOne(RecurringSchedule, scheduleId, { fields: ['id'] }))) {
      throw ApplicationFailure.create({ type: SCHEDULE_NOT_FOUND, message: `schedule ${scheduleId} does not exist`, nonRetryable: true });
    }
  }

  return {
    /** Invoices and charges one cycle; heartbeats so a dead worker is noticed within the heartbeat timeout. */
    async chargeCycle(input: ChargeCycleInput): Promise<ChargeCycleOutcome> {
      await assertScheduleExists(input.scheduleId);
      const beat = setInterval(() => Context.current().heartbeat(), HEARTBEAT_MS);
      try {
        return await services.recurringBilling.chargeCycle(input);
      } finally {
        clearInterval(beat);
      }
    },

    /** Mirrors the workflow's state onto the schedule row (status, cycle, next charge, failed attempts). */
    async recordScheduleState(state: RecurringState): Promise<void> {
      await assertScheduleExists(state.scheduleId);
      await services.recurringBilling.recordState(state);
    },
  };
}
