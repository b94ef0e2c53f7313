import { defineQuery } from '@temporalio/workflow';
import { BATCH_PROGRESS_QUERY, type BatchProgress } from '@payrail/api/workflow-contracts';

// The batch workflow's progress query under the API's wire name. Bundled into the sandbox.
export const batchProgressQuery = defineQuery<BatchProgress>(BATCH_PROGRESS_QUERY);
