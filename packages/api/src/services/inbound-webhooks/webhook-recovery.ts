import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { MAX_UNMATCHED_ATTEMPTS, type WebhookApplier } from './webhook-applier.js';

const BATCH_SIZE = 100;
/** Bounds one sweep; whatever is left waits for the next tick. */
const MAX_BATCHES_PER_SWEEP = 20;

/**
 * Applies stored events that were not applied: `received` ones (the process died between storing and
 * applying, or applying failed) and `unmatched` ones whose payment may exist by now (a webhook can beat
 * the API's own call that records the gateway reference). Runs once at start and then on an interval.
 *
 * Chosen over a Temporal workflow per event: ingestion must keep working while Temporal is down, the
 * event row itself is the durable record, and `SKIP LOCKED` makes several API processes share the work.
 */
export class WebhookRecoveryLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly applier: WebhookApplier,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Applies every due event (bounded); resolves with how many were looked at. Overlapping calls share one run. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'webhook recovery sweep failed');
        return 0;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    let seen = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch += 1) {
      const rows: { id: string }[] = await this.orm.em.getConnection().execute(
        `select id from webhook_events
         where (status = 'received' or (status = 'unmatched' and attempts < ?)) and next_attempt_at <= now()
         order by received_at limit ?`,
        [MAX_UNMATCHED_ATTEMPTS, BATCH_SIZE],
      );
      if (rows.length === 0) break;
      for (const row of rows) await this.applier.apply(row.id);
      seen += rows.length;
      if (rows.length < BATCH_SIZE) break;
    }
    if (seen > 0) this.logger.info({ events: seen }, 'webhook recovery applied stored events');
    return seen;
  }
}
