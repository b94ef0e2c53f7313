import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { BatchChargeWorkflowInput, BatchInvoiceResult, BatchProgress } from '@payrail/api/workflow-contracts';
import type { createBatchActivities } from './activities.js';
import { batchProgressQuery } from './shared.js';

const { listBatchInvoices, finishBatch } = proxyActivities<ReturnType<typeof createBatchActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});
const { chargeBatchInvoice } = proxyActivities<ReturnType<typeof createBatchActivities>>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/**
 * Charges every open invoice of a filter with each customer's default card, `concurrency` at a time,
 * with its progress queryable for a progress bar and a stored report at the end. Safe to run twice:
 * paid invoices are skipped and each charge's key is invoice + card.
 */
export async function batchChargeWorkflow(input: BatchChargeWorkflowInput): Promise<BatchProgress> {
  const invoiceIds = await listBatchInvoices({ batchId: input.batchId });
  const results: BatchInvoiceResult[] = [];
  const progress = (): BatchProgress => {
    const count = (o: BatchInvoiceResult['outcome']) => results.filter((r) => r.outcome === o).length;
    return { total: invoiceIds.length, done: results.length, charged: count('charged'), failed: count('failed'), skipped: count('skipped'), finished: false };
  };
  let finished = false;
  setHandler(batchProgressQuery, () => ({ ...progress(), finished }));

  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < invoiceIds.length) {
      const invoiceId = invoiceIds[next++]!;
      try {
        results.push(await chargeBatchInvoice({ invoiceId }));
      } catch {
        // Retries are spent (an outage, not a decline): report it and go on with the others.
        results.push({ invoiceId, outcome: 'failed', paymentId: null, reason: 'activity_failed' });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency, Math.max(1, invoiceIds.length)) }, lane));
  await finishBatch({ batchId: input.batchId, results });
  finished = true;
  return { ...progress(), finished };
}
