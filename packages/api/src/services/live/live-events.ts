import { EventEmitter, on } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';

/** The PostgreSQL channel every process LISTENs on; the outbox trigger NOTIFYs it at commit. */
export const LIVE_CHANNEL = 'payrail_live';

/** A committed domain event as the NOTIFY carries it (listeners load the rest). */
export interface DomainEventNotice {
  id: string;
  type: string;
  subjectType: string;
  subjectId: string;
}

/** Topics listeners subscribe to. */
export const liveTopics = {
  /** Every committed domain event. */
  domainEvents: 'domain',
  /** Domain events about one kind of subject (`payment`). */
  subjectType: (subjectType: string) => `domain:${subjectType}`,
  /** Domain events about one subject (`payment`, id). */
  subject: (subjectType: string, subjectId: string) => `domain:${subjectType}:${subjectId}`,
  /** A free channel for progress that is not a domain event (batch progress, for example). */
  channel: (name: string) => `channel:${name}`,
} as const;

const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * Live events across processes through PostgreSQL LISTEN/NOTIFY: the worker's changes reach the API's
 * subscribers. One dedicated connection per process listens and fans out in memory; it reconnects with
 * backoff when the connection drops. Implements type-graphql's PubSub shape.
 */
export class LiveEvents {
  private readonly emitter = new EventEmitter();
  private client: pg.Client | undefined;
  private stopped = false;
  private reconnectDelayMs = 500;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string | null,
    private readonly logger: Logger,
  ) {
    // Every open subscription is one listener; the limit would only produce a spurious warning.
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (!this.databaseUrl || this.client) return;
    this.stopped = false;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => this.dispatch(message.payload));
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'live events connection lost; reconnecting');
      this.reconnect();
    });
    await client.connect();
    await client.query(`listen ${LIVE_CHANNEL}`);
    this.client = client;
    this.reconnectDelayMs = 500;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    this.emitter.removeAllListeners();
  }

  /** Local listeners (the outbox dispatcher) for every committed domain event. */
  onDomainEvent(listener: (notice: DomainEventNotice) => void): void {
    this.emitter.on(liveTopics.domainEvents, listener);
  }

  /**
   * Publishes on a free channel to every process's subscribers (NOTIFY outside a transaction: immediate).
   * A process that does not listen (the worker) passes its ORM connection.
   */
  async publishChannel(channel: string, payload: Record<string, unknown>, executor?: { execute(sql: string, params: unknown[]): Promise<unknown> }): Promise<void> {
    const text = JSON.stringify({ topic: liveTopics.channel(channel), payload });
    if (executor) await executor.execute('select pg_notify(?, ?)', [LIVE_CHANNEL, text]);
    else if (this.client) await this.client.query('select pg_notify($1, $2)', [LIVE_CHANNEL, text]);
    else throw new Error('live events are not started in this process: pass a database connection to publish');
  }

  /** PubSub: in-process publish (tests, single-process tools). Cross-process publishers use publishChannel. */
  publish(routingKey: string, ...args: unknown[]): void {
    this.emitter.emit(routingKey, args[0]);
  }

  /** PubSub: an async iterator of payloads on a topic; returning it (client unsubscribed) removes the listener. */
  subscribe(routingKey: string, signal?: unknown): AsyncIterable<unknown> {
    const iterator = on(this.emitter, routingKey, signal instanceof AbortSignal ? { signal } : {});
    return {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const step = await iterator.next();
          return step.done ? { done: true, value: undefined } : { done: false, value: (step.value as unknown[])[0] };
        },
        return: async () => {
          await iterator.return?.();
          return { done: true, value: undefined };
        },
      }),
    };
  }

  private dispatch(payload: string | undefined): void {
    if (!payload) return;
    let message: { topic?: unknown; payload?: unknown; id?: unknown; type?: unknown; subjectType?: unknown; subjectId?: unknown };
    try {
      message = JSON.parse(payload);
    } catch {
      this.logger.warn('ignored a live notification that is not JSON');
      return;
    }
    if (message.topic === liveTopics.domainEvents && typeof message.subjectType === 'string' && typeof message.subjectId === 'string') {
      const notice: DomainEventNotice = { id: String(message.id), type: String(message.type), subjectType: message.subjectType, subjectId: message.subjectId };
      this.emitter.emit(liveTopics.domainEvents, notice);
      this.emitter.emit(liveTopics.subjectType(notice.subjectType), notice);
      this.emitter.emit(liveTopics.subject(notice.subjectType, notice.subjectId), notice);
    } else if (typeof message.topic === 'string' && message.topic.startsWith('channel:')) {
      this.emitter.emit(message.topic, message.payload);
    }
  }

  private reconnect(): void {
    const broken = this.client;
    this.client = undefined;
    void broken?.end().catch(() => undefined);
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.start().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'live events reconnect failed');
        this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
        this.reconnect();
      });
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
  }
}
