export { startApi, type RunningApi, type StartApiOptions } from './server.js';
export * from './services.js';
