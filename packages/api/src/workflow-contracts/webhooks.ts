/** Workflow type that delivers one partner webhook (one event to one endpoint), retrying with backoff. */
export const PARTNER_WEBHOOK_DELIVERY_WORKFLOW = 'partnerWebhookDeliveryWorkflow';

export const partnerWebhookDeliveryWorkflowId = (deliveryId: string): string => `partner-webhook:${deliveryId}`;

/** Exponential backoff of one delivery: the first retry after `initialIntervalMs`, doubling up to `maximumIntervalMs`, for `giveUpAfterMs` in total. */
export interface PartnerWebhookRetryPolicy {
  initialIntervalMs: number;
  maximumIntervalMs: number;
  giveUpAfterMs: number;
}

export interface PartnerWebhookDeliveryInput {
  deliveryId: string;
  retry: PartnerWebhookRetryPolicy;
}

/** What a delivery workflow ended with. */
export type PartnerWebhookDeliveryOutcome = 'succeeded' | 'failed' | 'skipped';

/** Thrown by the delivery activity when the endpoint answered non-2xx or not at all: retried. */
export const PARTNER_WEBHOOK_REJECTED_ERROR = 'PartnerWebhookRejected';

/** Workflow type the reconciliation Schedule starts: one bounded sweep of stuck payments. */
export const RECONCILIATION_SWEEP_WORKFLOW = 'reconciliationSweepWorkflow';
export const RECONCILIATION_SCHEDULE_ID = 'payrail-reconciliation';

export interface ReconciliationSweepInput {
  /** At most this many payments per run; the next run takes the rest. */
  limit: number;
}

export interface ReconciliationSweepResult {
  enrolled: number;
  checked: number;
  resolved: number;
  needsAttention: number;
}
