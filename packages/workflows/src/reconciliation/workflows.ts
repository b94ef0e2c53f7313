import { proxyActivities } from '@temporalio/workflow';
import type { ReconciliationSweepInput, ReconciliationSweepResult } from '@payrail/api/workflow-contracts';
import type { createReconciliationActivities } from './activities.js';

const { reconcileStuckPayments } = proxyActivities<ReturnType<typeof createReconciliationActivities>>({
  // A sweep asks gateways one payment at a time; a bounded batch fits well within this.
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

/** One reconciliation sweep; the `payrail-reconciliation` Schedule starts it every few minutes. */
export async function reconciliationSweepWorkflow(input: ReconciliationSweepInput): Promise<ReconciliationSweepResult> {
  return reconcileStuckPayments(input);
}
