// Every workflow the worker runs: the module the bundler starts from (WorkerOptions.workflowsPath).
// Re-export each flow's workflows.ts here; nothing else belongs in this file, since all of it runs
// in the deterministic sandbox.
export * from './ping/workflows.js';
export * from './recurring/workflows.js';
export * from './holds/workflows.js';
export * from './batch/workflows.js';
export * from './partner-webhooks/workflows.js';
export * from './reconciliation/workflows.js';
