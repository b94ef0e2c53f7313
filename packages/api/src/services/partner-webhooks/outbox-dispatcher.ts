import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { DeliveryStarter } from './delivery-starter.js';

const BATCH_SIZE = 200;
const MAX_BATCHES_PER_RUN = 10;

/**
 * Turns committed outbox events into deliveries (one per enabled endpoint that wants the type) and
 * starts a workflow per delivery, so a slow or failing endpoint never holds up another. Woken by the
 * outbox NOTIFY, and on an interval in case a notification was missed or Temporal was down.
 * Several processes may run it: rows are claimed with `SKIP LOCKED` and the first delivery of an
 * (endpoint, event) pair is unique.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly starter: DeliveryStarter,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.wake();
    this.timer = setInterval(() => this.wake(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.running;
  }

  /** Runs now, or once more right after the run in progress (notifications during a run are not lost). */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce()
      .catch((error: unknown) => this.logger.error({ err: error }, 'outbox dispatch failed; the next run retries'))
      .finally(() => {
        this.running = undefined;
        if (this.again && this.timer) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** One bounded pass: plan deliveries for undispatched events, then start workflows not yet started. */
  async runOnce(): Promise<void> {
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
      if ((await this.planBatch()) < BATCH_SIZE) break;
    }
    if (this.starter.enabled) await this.startWorkflows();
  }

  private async planBatch(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const connection = em.getConnection();
      const context = em.getTransactionContext();
      const events: { id: string }[] = await connection.execute(
        `select id from domain_events where dispatched_at is null order by id limit ? for update skip locked`,
        [BATCH_SIZE],
        'all',
        context,
      );
      if (events.length === 0) return 0;
      const ids = events.map((e) => e.id);
      await connection.execute(
        `insert into partner_webhook_deliveries (id, endpoint_id, event_id, event_type, status, attempts, workflow_started, created_at, updated_at)
         select gen_random_uuid(), p.id, e.id, e.type, 'pending', 0, false, now(), now()
         from domain_events e join partner_webhook_endpoints p on p.enabled and (e.type = any(p.event_types) or '*' = any(p.event_types))
         where e.id in (?)
         on conflict (endpoint_id, event_id) where resend_of is null do nothing`,
        [ids],
        'all',
        context,
      );
      await connection.execute(`update domain_events set dispatched_at = now() where id in (?)`, [ids], 'all', context);
      return events.length;
    });
  }

  private async startWorkflows(): Promise<void> {
    const connection = this.orm.em.getConnection();
    const pending: { id: string }[] = await connection.execute(
      `select id from partner_webhook_deliveries where status = 'pending' and not workflow_started order by created_at limit ?`,
      [BATCH_SIZE * MAX_BATCHES_PER_RUN],
    );
    for (const { id } of pending) {
      await this.starter.start(id);
      await connection.execute(`update partner_webhook_deliveries set workflow_started = true where id = ?`, [id]);
    }
  }
}
