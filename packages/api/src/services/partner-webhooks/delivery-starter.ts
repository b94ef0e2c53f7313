import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { TemporalGateway } from '../temporal.js';
import {
  PARTNER_WEBHOOK_DELIVERY_WORKFLOW,
  partnerWebhookDeliveryWorkflowId,
  type PartnerWebhookDeliveryInput,
  type PartnerWebhookRetryPolicy,
} from '../../workflow-contracts/webhooks.js';

/** Starts the Temporal workflow of one delivery; starting it twice is harmless (same workflow id). */
export class DeliveryStarter {
  constructor(
    private readonly temporal: TemporalGateway,
    private readonly retry: PartnerWebhookRetryPolicy,
    readonly enabled: boolean,
  ) {}

  async start(deliveryId: string): Promise<void> {
    const input: PartnerWebhookDeliveryInput = { deliveryId, retry: this.retry };
    const client = await this.temporal.client();
    try {
      await client.workflow.start(PARTNER_WEBHOOK_DELIVERY_WORKFLOW, {
        workflowId: partnerWebhookDeliveryWorkflowId(deliveryId),
        taskQueue: this.temporal.settings.taskQueue,
        args: [input],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
