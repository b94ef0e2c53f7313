import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { loadConfig, type AppConfig } from './config.js';
import { createOrm, migrateToLatest } from './db/orm.js';
import { createHttpApp } from './http/app.js';
import { attachSubscriptions } from './http/subscriptions.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { createServices, type Services } from './services/index.js';

export interface RunningApi {
  url: string;
  port: number;
  services: Services;
  close(): Promise<void>;
}

export interface StartApiOptions {
  env?: Record<string, string | undefined>;
  /** Apply pending migrations before serving (the dev stack and tests do; production runs them as a step). */
  migrate?: boolean;
  logLevel?: string;
  /** Where log lines go (default stdout); tests capture them to prove what never gets logged. */
  logStream?: DestinationStream;
  /** Sees every SQL statement (tests count queries per request with it). */
  onQuery?: (sql: string) => void;
}

/** Starts the whole API (ORM, services, HTTP) and resolves once it listens. */
export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const config: AppConfig = loadConfig(options.env ?? process.env);
  const logger = createLogger(options.logLevel ?? config.LOG_LEVEL, options.logStream);
  const metrics = createMetrics();
  const onQuery = options.onQuery;
  const orm = await createOrm(config.DATABASE_URL, onQuery ? { onQuery: (sql: string) => (onQuery(sql), sql) } : {});
  if (options.migrate) await migrateToLatest(orm);
  const services = createServices(config, orm, logger, metrics);
  const http = await createHttpApp(config, services, logger, metrics);
  const server: Server = await new Promise((resolve, reject) => {
    const listening = http.app.listen(config.PORT, config.HOST, () => resolve(listening));
    listening.once('error', reject);
  });
  const subscriptions = attachSubscriptions(server, http.schema, services, logger);
  // After listening: the loops apply stored webhooks and dispatch the outbox (see docs/webhooks.md).
  await services.background.start();
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, 'payrail api listening');
  return {
    url: `http://${config.HOST}:${port}`,
    port,
    services,
    async close() {
      await services.background.stop();
      await subscriptions.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await http.stop();
      await services.close();
      await orm.close();
    },
  };
}
