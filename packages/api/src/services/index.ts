import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { SecretBox } from '../domain/secret-box.js';
import { SessionTokens } from '../auth/sessions.js';
import type { Metrics } from '../metrics.js';
import { HealthService } from './health.service.js';
import { TemporalGateway } from './temporal.js';

/** The domain services, built once per process and shared by GraphQL, webhooks and Temporal activities. */
export function createServices(config: AppConfig, orm: MikroORM, logger: Logger, metrics: Metrics) {
  const temporal = new TemporalGateway({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
  });
  const secretBox = SecretBox.fromConfig(config);
  const sessions = new SessionTokens(config.PAYRAIL_SESSION_SECRET);
  return {
    config,
    orm,
    logger,
    metrics,
    temporal,
    secretBox,
    sessions,
    health: new HealthService(orm, temporal),
    async close() {
      await temporal.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
