/** Workflow type that charges every open invoice of a filter with each customer's default payment method. */
export const BATCH_CHARGE_WORKFLOW = 'batchChargeWorkflow';

export const batchWorkflowId = (batchId: string): string => `batch:${batchId}`;

export interface BatchChargeFilter {
  customerId?: string | null;
  currency?: string | null;
  /** YYYY-MM-DD: invoices due on or before. */
  dueOnOrBefore?: string | null;
}

export interface BatchChargeWorkflowInput {
  batchId: string;
  /** Charges in flight at once. */
  concurrency: number;
}

export type BatchInvoiceOutcome = 'charged' | 'failed' | 'skipped';

export interface BatchInvoiceResult {
  invoiceId: string;
  outcome: BatchInvoiceOutcome;
  paymentId: string | null;
  /** Failure code or skip reason (e.g. card_declined, no_default_profile, not_open). */
  reason: string | null;
}

export interface BatchProgress {
  total: number;
  done: number;
  charged: number;
  failed: number;
  skipped: number;
  finished: boolean;
}

export const BATCH_PROGRESS_QUERY = 'batchProgress';

/** Same invoice + same card → same key, so a second batch (or a concurrent one) never charges it again. */
export const batchInvoiceChargeKey = (invoiceId: string, profileId: string): string => `batch:invoice:${invoiceId}:profile:${profileId}`;
