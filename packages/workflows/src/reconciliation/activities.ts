import type { ReconciliationSweepInput, ReconciliationSweepResult } from '@payrail/api/workflow-contracts';
import type { Services } from '@payrail/api/services';

/** The reconciliation activity, closed over the API's domain services. */
export function createReconciliationActivities(services: Services) {
  return {
    /** Enrols newly stuck payments and checks up to `limit` due ones with their gateways. */
    async reconcileStuckPayments(input: ReconciliationSweepInput): Promise<ReconciliationSweepResult> {
      return services.reconciliation.sweep(input.limit);
    },
  };
}
