import { Context } from '@temporalio/activity';
import type { BatchInvoiceResult } from '@payrail/api/workflow-contracts';
import type { Services } from '@payrail/api/services';

const HEARTBEAT_MS = 2_000;

/** The batch workflow's activities, closed over the API's domain services. */
export function createBatchActivities(services: Services) {
  return {
    /** The open invoices the batch's filter matches (bounded; see BATCH_MAX_INVOICES). */
    async listBatchInvoices(input: { batchId: string }): Promise<string[]> {
      return services.batchCharges.invoiceIds(input.batchId);
    },

    /** Charges one invoice with its customer's default card; paid invoices are skipped. */
    async chargeBatchInvoice(input: { invoiceId: string }): Promise<BatchInvoiceResult> {
      const beat = setInterval(() => Context.current().heartbeat(), HEARTBEAT_MS);
      try {
        return await services.batchCharges.chargeInvoice(input.invoiceId);
      } finally {
        clearInterval(beat);
      }
    },

    /** Stores the report: counts and per-invoice results. */
    async finishBatch(input: { batchId: string; results: BatchInvoiceResult[] }): Promise<void> {
      await services.batchCharges.finish(input.batchId, input.results);
    },
  };
}
