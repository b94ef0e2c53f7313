import { ApplicationFailure, Context } from '@temporalio/activity';
import { PARTNER_WEBHOOK_REJECTED_ERROR, type PartnerWebhookDeliveryOutcome } from '@payrail/api/workflow-contracts';
import type { Services } from '@payrail/api/services';

/** The partner webhook delivery activities, closed over the API's domain services. */
export function createPartnerWebhookActivities(services: Services) {
  const deliveries = services.partnerWebhooks.deliveries;
  return {
    /**
     * One signed POST of the delivery's event. A non-2xx answer or no answer throws a retryable failure,
     * so Temporal's retry policy (exponential, for days) paces the next try; the attempt is in the log either way.
     */
    async deliverPartnerWebhook(input: { deliveryId: string }): Promise<PartnerWebhookDeliveryOutcome> {
      const result = await deliveries.attempt(input.deliveryId, Context.current().info.attempt);
      if (result.outcome === 'retry') throw ApplicationFailure.retryable(result.error, PARTNER_WEBHOOK_REJECTED_ERROR);
      return result.outcome === 'delivered' ? 'succeeded' : 'skipped';
    },

    /** Retries ran out: the delivery is marked failed (staff can resend it). */
    async markPartnerWebhookFailed(input: { deliveryId: string; reason: string }): Promise<void> {
      await deliveries.markFailed(input.deliveryId, input.reason);
    },
  };
}
