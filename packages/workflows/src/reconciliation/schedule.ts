import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { RECONCILIATION_SCHEDULE_ID, RECONCILIATION_SWEEP_WORKFLOW, type ReconciliationSweepInput } from '@payrail/api/workflow-contracts';
import type { Services } from '@payrail/api/services';
import type { Logger } from '../logger.js';

/** Payments one scheduled sweep checks at most; the next run takes the rest. */
const SWEEP_LIMIT = 200;

/**
 * Creates the platform-wide reconciliation Schedule if it does not exist (run at worker start). One
 * sweep at a time (a slow gateway never stacks runs); an existing schedule is left alone, since
 * operators may have tuned or paused it. Failures are logged: the next worker start tries again.
 */
export async function ensureReconciliationSchedule(services: Services, logger: Logger): Promise<void> {
  const input: ReconciliationSweepInput = { limit: SWEEP_LIMIT };
  const everyMs = services.config.PAYRAIL_RECONCILE_SWEEP_EVERY_MS;
  if (everyMs === 0) return;
  const taskQueue = services.temporal.settings.taskQueue;
  let client: Awaited<ReturnType<typeof services.temporal.client>> | undefined;
  try {
    client = await services.temporal.client();
    await client.schedule.create({
      scheduleId: RECONCILIATION_SCHEDULE_ID,
      spec: { intervals: [{ every: everyMs }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: { type: 'startWorkflow', workflowType: RECONCILIATION_SWEEP_WORKFLOW, taskQueue, args: [input] },
    });
    logger.info({ scheduleId: RECONCILIATION_SCHEDULE_ID, everyMs }, 'reconciliation schedule created');
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) {
      logger.warn({ err: error }, 'could not create the reconciliation schedule; the next worker start tries again');
      return;
    }
    // Left as it is (operators may have tuned it), but a schedule feeding another queue means nobody here runs it.
    const existing = await client?.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).describe().catch(() => undefined);
    const existingQueue = existing?.action.type === 'startWorkflow' ? existing.action.taskQueue : undefined;
    if (existingQueue !== undefined && existingQueue !== taskQueue) {
      logger.warn({ scheduleId: RECONCILIATION_SCHEDULE_ID, existingQueue, taskQueue }, 'the reconciliation schedule starts its sweeps on another task queue');
    }
  }
}
