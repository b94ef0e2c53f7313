// The browser-side pieces both apps share. Node-only helpers live behind ./vite and ./e2e.
export { createApiClient } from './graphql/client.js';
export { describeQueryError } from './graphql/describe-error.js';
export { HealthQuery, type Health, type HealthQueryData } from './graphql/health.js';
export { healthFacts, type HealthFact, type Tone } from './health/health-facts.js';
