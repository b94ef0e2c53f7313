import { ConfigError } from './config.js';
import { startApi } from './server.js';

try {
  const api = await startApi({ migrate: process.env.PAYRAIL_MIGRATE_ON_START === 'true' });
  const shutdown = async () => {
    await api.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`payrail-api: ${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
