import { createMetrics, createOrm, createServices, loadConfig, type Services } from '@payrail/api/services';
import type { Logger } from './logger.js';
import { Mailer } from './notifications/mailer.js';

/** The API's domain services as the worker's activities use them, plus the mailer; close() releases both. */
export interface WorkerDomain {
  services: Services;
  mailer: Mailer | null;
  close(): Promise<void>;
}

/**
 * Builds the domain layer from the same variables the API reads (DATABASE_URL, PAYRAIL_KEK,
 * PAYRAIL_SESSION_SECRET, SMTP_HOST, ...), so activities run exactly the API's rules.
 * Throws the API's ConfigError naming every bad variable.
 */
export async function openWorkerDomain(env: Record<string, string | undefined>, logger: Logger): Promise<WorkerDomain> {
  const config = loadConfig(env);
  const orm = await createOrm(config.DATABASE_URL);
  const services = createServices(config, orm, logger.child({ component: 'domain' }), createMetrics());
  const mailer = config.SMTP_HOST ? new Mailer({ host: config.SMTP_HOST, port: config.SMTP_PORT, from: config.PAYRAIL_MAIL_FROM }) : null;
  return {
    services,
    mailer,
    async close() {
      mailer?.close();
      await services.close();
      await orm.close();
    },
  };
}

/** How often a running worker looks for holds and schedules whose workflow never started. */
export const WORKFLOW_SWEEP_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Starts workflows that should exist but do not (Temporal was unreachable when the API placed a hold or
 * created a schedule). Bounded per run; runs at worker start and then every WORKFLOW_SWEEP_INTERVAL_MS.
 * Starts use business ids, so several workers sweeping at once start nothing twice.
 */
export async function startMissingWorkflows(services: Services, logger: Logger): Promise<void> {
  try {
    const holds = await services.holds.startMissingHoldWorkflows();
    const schedules = await services.recurringBilling.startMissingScheduleWorkflows();
    logger.info({ holds, schedules }, 'workflow sweep: holds and schedules have their workflows');
  } catch (error) {
    logger.warn({ err: error }, 'workflow sweep failed; it runs again at the next worker start');
  }
}

/** Sweeps now and then periodically; returns the function that stops it. */
export function sweepPeriodically(services: Services, logger: Logger, intervalMs = WORKFLOW_SWEEP_INTERVAL_MS): () => void {
  void startMissingWorkflows(services, logger);
  const timer = setInterval(() => void startMissingWorkflows(services, logger), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
