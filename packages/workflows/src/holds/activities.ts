import type { HoldPhase } from '@payrail/api/workflow-contracts';
import type { Services } from '@payrail/api/services';
import type { ExpireHoldInput } from './shared.js';

/** The hold workflow's activities, closed over the API's domain services. */
export function createHoldActivities(services: Services) {
  return {
    /** Where the payment is now (held, captured, canceled...); read before acting on the hold. */
    async holdPhase(input: { paymentId: string }): Promise<HoldPhase> {
      return services.holds.phaseOf(input.paymentId);
    },

    /** Cancels or captures an unsettled hold at expiry (idempotent: `hold:<id>:expire`). */
    async expireHold(input: ExpireHoldInput): Promise<HoldPhase> {
      return services.holds.expire(input.paymentId, input.action);
    },
  };
}
