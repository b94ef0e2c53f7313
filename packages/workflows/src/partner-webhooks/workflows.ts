import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { PartnerWebhookDeliveryInput, PartnerWebhookDeliveryOutcome } from '@payrail/api/workflow-contracts';
import type { createPartnerWebhookActivities } from './activities.js';

type Activities = ReturnType<typeof createPartnerWebhookActivities>;

const { markPartnerWebhookFailed } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 50 },
});

/**
 * Delivers one event to one endpoint (workflow id `partner-webhook:<deliveryId>`), one workflow per
 * delivery so a slow or failing endpoint never holds up another. The retry policy is the schedule:
 * first retry after `initialIntervalMs`, doubling up to `maximumIntervalMs`, for `giveUpAfterMs` in
 * total (days in production), then the delivery is marked failed.
 */
export async function partnerWebhookDeliveryWorkflow(input: PartnerWebhookDeliveryInput): Promise<PartnerWebhookDeliveryOutcome> {
  const { deliverPartnerWebhook } = proxyActivities<Activities>({
    // Each attempt is one HTTP request with its own timeout (PAYRAIL_PARTNER_WEBHOOK_TIMEOUT_MS, at most 60 s).
    startToCloseTimeout: '75 seconds',
    scheduleToCloseTimeout: input.retry.giveUpAfterMs,
    retry: { initialInterval: input.retry.initialIntervalMs, backoffCoefficient: 2, maximumInterval: input.retry.maximumIntervalMs },
  });
  try {
    return await deliverPartnerWebhook({ deliveryId: input.deliveryId });
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    await markPartnerWebhookFailed({ deliveryId: input.deliveryId, reason: `gave up: ${error.cause?.message ?? error.message}` });
    return 'failed';
  }
}
