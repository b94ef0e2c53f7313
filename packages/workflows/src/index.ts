// The package's full surface, including the worker (which loads Temporal's native core).
// The API should import `@payrail/workflows/client` instead: it stays free of the worker.
export * from './client.js';
export { ConfigError, loadWorkerConfig, type WorkerConfig } from './config.js';
export { connectionOptions } from './connection.js';
export { activities, type Activities } from './activities.js';
export { prebuiltBundlePath, workflowCode, workflowsPath } from './bundle.js';
export { createWorker, runWorker, type CreateWorkerOptions } from './worker.js';
export { createLogger, PinoSdkLogger } from './logger.js';
