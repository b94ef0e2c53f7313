import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process, so tests that start several apps do not collide on metric names. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'payrail_http_requests_total',
      help: 'HTTP requests by route and status code',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'payrail_graphql_operation_seconds',
      help: 'GraphQL operation duration by operation name',
      labelNames: ['operation'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    paymentTransitions: new Counter({
      name: 'payrail_payment_transitions_total',
      help: 'Payment state transitions by target status and gateway',
      labelNames: ['status', 'gateway'] as const,
      registers: [registry],
    }),
    webhooksRejected: new Counter({
      name: 'payrail_webhooks_rejected_total',
      help: 'Inbound webhooks rejected before storage (bad signature, unknown key)',
      labelNames: ['gateway', 'reason'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
