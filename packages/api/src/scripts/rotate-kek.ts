import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { createOrm } from '../db/orm.js';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import { createServices } from '../services/index.js';

/**
 * Key rotation: set the new key as PAYRAIL_KEK / PAYRAIL_KEK_ID, list the old one in
 * PAYRAIL_KEK_PREVIOUS ("oldId:base64"), run this, then drop the old key from the environment.
 */
const config = loadConfig();
const orm = await createOrm(config.DATABASE_URL);
const services = createServices(config, orm, createLogger('warn'), createMetrics());
try {
  const changed = await services.gatewayKeys.reencryptAll();
  process.stdout.write(`re-encrypted ${changed} gateway key(s) under ${config.PAYRAIL_KEK_ID}\n`);
} finally {
  await services.close();
  await orm.close();
}
