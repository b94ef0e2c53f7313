import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { WebhookRejectedError } from '../services/inbound-webhooks/webhook-intake.js';
import type { Services } from '../services/index.js';

/**
 * `POST /webhooks/:gateway/:keyId`: verify on the raw bytes, store once, answer, then apply. The answer
 * does not wait for applying: gateways time out slow endpoints and retry, and the stored event is
 * durable (the recovery loop applies anything a crash left behind). Mounted before any JSON parser.
 */
export function mountWebhookRoutes(app: Express, services: Services, logger: Logger): void {
  app.post('/webhooks/:gateway/:keyId', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const { gateway, keyId } = req.params;
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const log = logger.child({ requestId: res.locals.requestId, gateway, keyId });
    try {
      const received = await services.webhooks.intake.receive(gateway, keyId, rawBody, req.headers);
      res.status(200).json({ received: true, duplicate: !received.isNew });
      if (received.isNew && !services.webhooks.holdAfterStore) void services.webhooks.applier.apply(received.id);
      log.info({ eventId: received.event.eventId, type: received.event.type, duplicate: !received.isNew }, 'webhook stored');
    } catch (error) {
      if (!(error instanceof WebhookRejectedError)) {
        log.error({ err: error }, 'webhook could not be stored');
        res.status(500).json({ error: 'internal error' });
        return;
      }
      log.warn({ reason: error.reason }, 'webhook rejected');
      res.status(error.httpStatus).json({ error: error.reason });
    }
  });
}
