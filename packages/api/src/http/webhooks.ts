import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Services } from '../services/index.js';

/** Gateway webhooks arrive here; verification happens on the raw body (issue: webhooks both ways). */
export function mountWebhookRoutes(_app: Express, _services: Services, _logger: Logger): void {}
