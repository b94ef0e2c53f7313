import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { SecretBox } from '../domain/secret-box.js';
import type { Metrics } from '../metrics.js';
import type { GatewayClients } from './gateway-clients.js';
import { WebhookApplier, type PaymentMovedListener } from './inbound-webhooks/webhook-applier.js';
import { WebhookIntake } from './inbound-webhooks/webhook-intake.js';
import { WebhookRecoveryLoop } from './inbound-webhooks/webhook-recovery.js';
import { LiveEvents } from './live/live-events.js';
import { PartnerWebhookDeliveriesService } from './partner-webhooks/deliveries.service.js';
import { DeliveryStarter } from './partner-webhooks/delivery-starter.js';
import { PartnerWebhookEndpointsService } from './partner-webhooks/endpoints.service.js';
import { OutboxDispatcher } from './partner-webhooks/outbox-dispatcher.js';
import { ReconciliationService } from './reconciliation/reconciliation.service.js';
import type { TemporalGateway } from './temporal.js';

interface WebhookDeps {
  config: AppConfig;
  orm: MikroORM;
  logger: Logger;
  metrics: Metrics;
  temporal: TemporalGateway;
  /** Whether this process may start workflows (partner deliveries); off in API tests without a worker. */
  workflowsEnabled: boolean;
  /** Told after commit about every payment a webhook or reconciliation moved (hold workflows). */
  onPaymentMoved: PaymentMovedListener | null;
  secretBox: SecretBox;
  gatewayClients: GatewayClients;
}

/**
 * Issue 5's services: inbound gateway webhooks, live events, the outbox and partner webhooks, and
 * reconciliation. `background` runs the loops an API process owns (recovery, dispatch, LISTEN).
 */
export function createWebhookServices(deps: WebhookDeps) {
  const { config, orm, logger, metrics } = deps;
  const applier = new WebhookApplier(orm, metrics, logger);
  const recovery = new WebhookRecoveryLoop(orm, applier, config.PAYRAIL_WEBHOOK_RECOVERY_INTERVAL_MS, logger);
  const live = new LiveEvents(config.DATABASE_URL, logger);
  const starter = new DeliveryStarter(
    deps.temporal,
    {
      initialIntervalMs: config.PAYRAIL_PARTNER_WEBHOOK_RETRY_INITIAL_MS,
      maximumIntervalMs: config.PAYRAIL_PARTNER_WEBHOOK_RETRY_MAX_MS,
      giveUpAfterMs: config.PAYRAIL_PARTNER_WEBHOOK_GIVE_UP_AFTER_MS,
    },
    deps.workflowsEnabled,
  );
  const endpoints = new PartnerWebhookEndpointsService(orm, deps.secretBox, { allowPrivateNetworks: config.PAYRAIL_PARTNER_WEBHOOKS_ALLOW_PRIVATE });
  const deliveries = new PartnerWebhookDeliveriesService(orm, endpoints, starter, config.PAYRAIL_PARTNER_WEBHOOK_TIMEOUT_MS, logger);
  const dispatcher = new OutboxDispatcher(orm, starter, config.PAYRAIL_OUTBOX_DISPATCH_INTERVAL_MS, logger);
  const reconciliation = new ReconciliationService(
    orm,
    deps.gatewayClients,
    { stuckAfterMs: config.PAYRAIL_RECONCILE_STUCK_AFTER_MS, backoffMs: config.PAYRAIL_RECONCILE_BACKOFF_MS },
    metrics,
    logger,
  );
  if (deps.onPaymentMoved) {
    applier.onPaymentMoved(deps.onPaymentMoved);
    reconciliation.onPaymentMoved(deps.onPaymentMoved);
  }
  const holdAfterStore = config.NODE_ENV === 'test' && config.PAYRAIL_TEST_HOLD_WEBHOOKS_AFTER_STORE;

  return {
    webhooks: { intake: new WebhookIntake(orm, deps.gatewayClients, metrics), applier, recovery, holdAfterStore },
    live,
    partnerWebhooks: { endpoints, deliveries, dispatcher },
    reconciliation,
    background: {
      async start() {
        await live.start();
        live.onDomainEvent(() => dispatcher.wake());
        if (!holdAfterStore) recovery.start();
        dispatcher.start();
      },
      async stop() {
        await recovery.stop();
        await dispatcher.stop();
        await live.stop();
      },
    },
  };
}
