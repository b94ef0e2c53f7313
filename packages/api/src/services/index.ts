import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { SessionTokens } from '../auth/sessions.js';
import type { AppConfig } from '../config.js';
import { SecretBox } from '../domain/secret-box.js';
import type { Metrics } from '../metrics.js';
import { CustomersService } from './customers.service.js';
import { GatewayClients, type GatewayBaseUrls } from './gateway-clients.js';
import { GatewayKeysService } from './gateway-keys.service.js';
import { HealthService } from './health.service.js';
import { HoldWatcher } from './hold-watcher.js';
import { IdempotencyService } from './idempotency.js';
import { InvoicesService } from './invoices.service.js';
import { LinksService } from './links.service.js';
import { PaymentsService } from './payments.service.js';
import { ProfilesService } from './profiles.service.js';
import { StaffService } from './staff.service.js';
import { TemporalGateway } from './temporal.js';
import { WorkflowCommands } from './workflow-commands.js';
import { createWorkflowServices } from './workflow-services.js';
import { createWebhookServices } from './webhook-services.js';
import { holdNotifications } from './hold-notifications.js';

/** The domain services, built once per process and shared by GraphQL, webhooks and Temporal activities. */
export function createServices(config: AppConfig, orm: MikroORM, logger: Logger, metrics: Metrics) {
  const temporal = new TemporalGateway({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
  });
  const secretBox = SecretBox.fromConfig(config);
  const sessions = new SessionTokens(config.PAYRAIL_SESSION_SECRET);
  const gatewayClients = new GatewayClients(secretBox, gatewayBaseUrls(config));
  const idempotency = new IdempotencyService(orm, config.PAYRAIL_IDEMPOTENCY_LEASE_MS);
  const workflows = new WorkflowCommands(temporal, config.PAYRAIL_WORKFLOWS === 'on', logger);
  const payments = new PaymentsService(orm, idempotency, gatewayClients, metrics, logger, new HoldWatcher(workflows, logger));
  const invoices = new InvoicesService(orm);
  return {
    config,
    orm,
    logger,
    metrics,
    temporal,
    secretBox,
    sessions,
    gatewayClients,
    idempotency,
    health: new HealthService(orm, temporal),
    payments,
    customers: new CustomersService(orm, sessions),
    invoices,
    ...createWorkflowServices(orm, { payments, invoices, workflows, logger }),
    ...createWebhookServices({
      config, orm, logger, metrics, temporal, secretBox, gatewayClients,
      workflowsEnabled: workflows.isEnabled,
      onPaymentMoved: holdNotifications(orm, new HoldWatcher(workflows, logger)),
    }),
    gatewayKeys: new GatewayKeysService(orm, secretBox, gatewayClients),
    profiles: new ProfilesService(orm, gatewayClients, idempotency),
    links: new LinksService(orm),
    staff: new StaffService(orm, sessions),
    async close() {
      await temporal.close();
    },
  };
}

/** Only tests and local demos point gateways at fake servers; production uses the SDKs' defaults. */
function gatewayBaseUrls(config: AppConfig): GatewayBaseUrls {
  return {
    ...(config.PAYRAIL_STRIPE_API_BASE_URL ? { stripe: config.PAYRAIL_STRIPE_API_BASE_URL } : {}),
    ...(config.PAYRAIL_RAZORPAY_API_BASE_URL ? { razorpay: config.PAYRAIL_RAZORPAY_API_BASE_URL } : {}),
  };
}

export type Services = ReturnType<typeof createServices>;
