import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { IdempotencyRecord } from '../db/entities/idempotency-record.js';
import { DomainError } from '../domain/errors.js';

export interface IdempotentRequest {
  /** Whose key space this is (see auth/viewer idempotencyScope). */
  scope: string;
  key: string;
  operation: string;
  /** The request as the caller sent it; hashed to spot a reused key with a different input. */
  input: unknown;
}

/** What the work reports back: the id of the object the request produced. */
export interface IdempotentOutcome {
  resultId: string;
}

const WAIT_STEP_MS = 25;
const WAIT_LIMIT_MS = 30_000;
/** Longer than any single gateway call (30 s timeout), so a live owner never loses its claim. */
const DEFAULT_LEASE_MS = 60_000;

/**
 * Finishes work whose owner died after binding the key to an object (a killed worker, a crashed API):
 * the object exists, so the work is completed for it rather than started again.
 */
export type Resume = (resultId: string) => Promise<void>;

/**
 * Runs money-moving work at most once per (scope, key). The first request claims the key with an
 * INSERT guarded by a unique constraint; concurrent duplicates wait for its result. A request whose
 * work fails with a business error before anything was written releases the key so it can be retried.
 */
export class IdempotencyService {
  constructor(
    private readonly orm: MikroORM,
    private readonly leaseMs: number = DEFAULT_LEASE_MS,
  ) {}

  async run(request: IdempotentRequest, work: (bind: Binder) => Promise<IdempotentOutcome>, resume?: Resume): Promise<IdempotentOutcome> {
    validateKey(request.key);
    const requestHash = hashRequest(request.operation, request.input);
    for (;;) {
      const claimed = await this.claim(request, requestHash);
      if (claimed) return this.execute(claimed, work);
      const existing = await this.awaitResult(request, requestHash);
      if (existing === 'released') continue;
      if ('takeOver' in existing) {
        const { recordId, boundId } = existing.takeOver;
        if (!boundId) return this.execute(recordId, work);
        if (resume) await resume(boundId);
        await this.complete(recordId, boundId);
        return { resultId: boundId };
      }
      return existing;
    }
  }

  private async claim(request: IdempotentRequest, requestHash: string): Promise<string | null> {
    const record = new IdempotencyRecord();
    const rows: { id: string }[] = await this.orm.em.getConnection().execute(
      `insert into idempotency_records (id, scope, key, operation, request_hash, state, lease_until, created_at, updated_at)
       values (?, ?, ?, ?, ?, 'in_progress', now() + (? * interval '1 millisecond'), now(), now())
       on conflict (scope, key) do nothing returning id`,
      [record.id, request.scope, request.key, request.operation, requestHash, this.leaseMs],
    );
    return rows[0]?.id ?? null;
  }

  private async execute(recordId: string, work: (bind: Binder) => Promise<IdempotentOutcome>): Promise<IdempotentOutcome> {
    let bound: string | null = null;
    const bind: Binder = async (em, resultId) => {
      bound = resultId;
      await em.nativeUpdate(IdempotencyRecord, { id: recordId }, { result: { resultId } });
    };
    try {
      const outcome = await work(bind);
      await this.complete(recordId, outcome.resultId);
      return outcome;
    } catch (error) {
      // Once an object exists, the key stays tied to it (it may have reached the gateway): a retry
      // returns that object instead of starting over. Before that, nothing was written: free the key.
      if (bound) await this.complete(recordId, bound);
      else await this.orm.em.fork().nativeDelete(IdempotencyRecord, { id: recordId });
      throw error;
    }
  }

  /** Atomically moves an expired claim to this request; false when someone else got there first. */
  private async takeLease(recordId: string): Promise<boolean> {
    const rows: { id: string }[] = await this.orm.em.getConnection().execute(
      `update idempotency_records set lease_until = now() + (? * interval '1 millisecond'), updated_at = now()
        where id = ? and state = 'in_progress' and lease_until < now() returning id`,
      [this.leaseMs, recordId],
    );
    return rows.length === 1;
  }

  private async complete(recordId: string, resultId: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(IdempotencyRecord, { id: recordId }, { state: 'completed', result: { resultId } });
  }

  private async awaitResult(
    request: IdempotentRequest,
    requestHash: string,
  ): Promise<IdempotentOutcome | 'released' | { takeOver: { recordId: string; boundId: string | null } }> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const record = await this.orm.em.fork().findOne(IdempotencyRecord, { scope: request.scope, key: request.key });
      if (!record) return 'released';
      if (record.requestHash !== requestHash || record.operation !== request.operation) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was already used with a different request', 'input.idempotencyKey');
      }
      const resultId = record.result?.resultId;
      if (record.state === 'completed' && typeof resultId === 'string') return { resultId };
      if (record.leaseUntil.getTime() < Date.now() && (await this.takeLease(record.id))) {
        return { takeOver: { recordId: record.id, boundId: typeof resultId === 'string' ? resultId : null } };
      }
      if (Date.now() > deadline) {
        throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'a request with this idempotency key is still running; retry shortly', 'input.idempotencyKey');
      }
      await sleep(WAIT_STEP_MS);
    }
  }
}

/** Ties the idempotency key to the object the work created, inside the work's own transaction. */
export type Binder = (em: EntityManager, resultId: string) => Promise<void>;

function validateKey(key: string): void {
  if (!/^[\x21-\x7e]{8,255}$/.test(key)) {
    throw new DomainError('INVALID_INPUT', 'idempotency key must be 8 to 255 printable ASCII characters', 'input.idempotencyKey');
  }
}

/** SHA-256 of the operation and its input in canonical (key-sorted) JSON. */
export function hashRequest(operation: string, input: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonicalJson(input)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
