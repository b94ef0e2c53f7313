import { ConfigError as ApiConfigError, loadConfig } from '@payrail/api/services';
import { makeTelemetryFilterString, NativeConnection, Runtime, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { activities as pingActivities, createActivities } from './activities.js';
import { workflowCode } from './bundle.js';
import { ConfigError, loadWorkerConfig, type WorkerConfig } from './config.js';
import { connectionOptions } from './connection.js';
import { openWorkerDomain, sweepPeriodically } from './domain.js';
import { createLogger, PinoSdkLogger, type Logger } from './logger.js';
import { ensureReconciliationSchedule } from './reconciliation/schedule.js';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Workflow code to load; defaults to {@link workflowCode} (the prebuilt bundle when running from dist). */
  workflowBundle?: WorkflowBundleOption;
  /** Activity implementations (`createActivities(services, mailer)`); defaults to the ping flow's, which need no services. */
  activities?: object;
  /** How long in-flight activities get to finish after shutdown is requested. */
  shutdownGraceSeconds?: number;
}

/** A Worker with every Payrail workflow and activity, polling `taskQueue`. The caller owns the connection. */
export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const code = options.workflowBundle === undefined ? workflowCode() : { workflowBundle: options.workflowBundle };
  return await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...code,
    activities: options.activities ?? pingActivities,
    shutdownGraceTime: `${options.shutdownGraceSeconds ?? 10}s`,
  });
}

/**
 * Connects, runs the worker until `signal` aborts, lets in-flight work drain, then closes the connection.
 * Resolves once the worker has stopped; rejects if it could not start or crashed.
 */
export async function runWorker(
  config: WorkerConfig,
  { signal, logger, env = process.env }: { signal: AbortSignal; logger: Logger; env?: Record<string, string | undefined> },
): Promise<void> {
  const { address, namespace, taskQueue } = config.temporal;
  const started = performance.now();
  // The API's configuration (database, key-encryption key, SMTP) comes from the same environment.
  const domain = await openWorkerDomain(env, logger);
  const connection = await NativeConnection.connect(connectionOptions(config.temporal)).catch(async (error: unknown) => {
    await domain.close();
    throw error;
  });
  try {
    const worker = await createWorker({
      connection,
      namespace,
      taskQueue,
      activities: createActivities(domain.services, domain.mailer),
      shutdownGraceSeconds: config.shutdownGraceSeconds,
    });
    const requestShutdown = () => worker.shutdown();
    const running = worker.run();
    logger.info({ address, namespace, taskQueue, startupMs: Math.round(performance.now() - started) }, 'worker started');
    const stopSweeping = sweepPeriodically(domain.services, logger);
    void ensureReconciliationSchedule(domain.services, logger);
    if (signal.aborted) requestShutdown();
    else signal.addEventListener('abort', requestShutdown, { once: true });
    try {
      await running;
    } finally {
      stopSweeping();
      signal.removeEventListener('abort', requestShutdown);
    }
  } finally {
    await connection.close();
    await domain.close();
  }
}

/** `node dist/worker.js`: reads the environment, logs JSON to stdout, stops gracefully on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  let config: WorkerConfig;
  try {
    config = loadWorkerConfig();
    loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error instanceof ApiConfigError)) throw error;
    createLogger('info').fatal({ problems: error.problems }, `invalid configuration: ${error.problems.join('; ')}`);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config.logLevel);
  Runtime.install({
    logger: new PinoSdkLogger(logger.child({ component: 'temporal' })),
    // The SDK's core (Rust) logs go through the same logger; its INFO lines are per poll, too chatty.
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) } },
    // Signals are handled below, so the shutdown is logged and owned by one place.
    shutdownSignals: [],
  });

  const stop = new AbortController();
  for (const name of ['SIGTERM', 'SIGINT'] as const) {
    // `once`: a second signal gets Node's default handling and ends the process at once.
    process.once(name, () => {
      logger.info({ signal: name, graceSeconds: config.shutdownGraceSeconds }, 'shutting down: draining in-flight tasks');
      stop.abort();
    });
  }
  try {
    await runWorker(config, { signal: stop.signal, logger });
    logger.info('worker stopped');
  } catch (error) {
    logger.fatal({ err: error }, 'worker failed');
    process.exitCode = 1;
  }
}

if (import.meta.main) await main();
