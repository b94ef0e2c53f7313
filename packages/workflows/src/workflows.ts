// Every workflow the worker runs: the module the bundler starts from (WorkerOptions.workflowsPath).
// Re-export each flow's workflows.ts here; nothing else belongs in this file, since all of it runs
// in the deterministic sandbox.
export * from './ping/workflows.js';
