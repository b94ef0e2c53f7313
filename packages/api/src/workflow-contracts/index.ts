// What the API and the worker agree on to drive workflows by name: workflow types, ids, the task
// queue, signal/query names and the shapes they carry. Pure declarations with no imports, because
// packages/workflows bundles this file into the deterministic workflow sandbox, and the API must not
// import @payrail/workflows (that package depends on this one).
export * from './recurring.js';
export * from './holds.js';
export * from './batch.js';
export * from './webhooks.js';
