import { randomBytes } from 'node:crypto';
import type { CaptureMethod, PaymentStatus } from '../interface.js';
import type { PaymentFailure } from '../errors.js';
import type { SandboxTestCard } from './test-cards.js';
import type { SandboxWebhookEvent } from './webhooks.js';

/** A customer held by the sandbox. */
export interface SandboxCustomer {
  id: string;
  email: string;
  name?: string;
  reference: string;
}

/** A saved test card. */
export interface SandboxMethod {
  id: string;
  customerId: string;
  card: SandboxTestCard;
  expMonth: number;
  expYear: number;
}

/** A payment as the sandbox processor sees it. */
export interface SandboxPayment {
  id: string;
  status: PaymentStatus;
  amountMinor: number;
  currency: string;
  captureMethod: CaptureMethod;
  authorizedMinor: number;
  capturedMinor: number;
  capturableMinor: number;
  refundedMinor: number;
  card: SandboxTestCard;
  offSession: boolean;
  metadata: Record<string, string>;
  clientSecret: string;
  returnUrl?: string;
  failure?: PaymentFailure;
  createdAt: Date;
}

/** A refund held by the sandbox. */
export interface SandboxRefund {
  id: string;
  paymentId: string;
  amountMinor: number;
  currency: string;
  status: 'succeeded';
  reason?: string;
  createdAt: Date;
}

/** What an idempotency record remembers: the request's fingerprint and its outcome. */
interface IdempotencyRecord {
  fingerprint: string;
  outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
}

/** Counters tests read to prove that retries did not charge twice. */
export interface SandboxStats {
  /** Authorize calls that actually reached the simulated processor (replays excluded). */
  charges: number;
  /** The same, per idempotency key. */
  chargesByIdempotencyKey: Record<string, number>;
  /** Calls answered from an idempotency record instead of being executed again. */
  idempotentReplays: number;
}

/** Options of {@link SandboxStore}. */
export interface SandboxStoreOptions {
  /** Clock for timestamps (default: real time). */
  now?: () => Date;
  /** Tag put in every id so ids from two stores never collide (default: 8 random hex digits). */
  instanceTag?: string;
}

/**
 * All sandbox state. One store per gateway instance by default; pass the same store to several
 * instances (e.g. one per API key) to share customers, payments and idempotency records.
 */
export class SandboxStore {
  readonly customers = new Map<string, SandboxCustomer>();
  readonly methods = new Map<string, SandboxMethod>();
  readonly payments = new Map<string, SandboxPayment>();
  readonly refunds = new Map<string, SandboxRefund>();
  /** Every event the sandbox emitted, oldest first (sign them with `signSandboxWebhook`). */
  readonly events: SandboxWebhookEvent[] = [];
  /** Methods deleted here, so their self-describing ids stop resolving in this process. */
  readonly deletedMethods = new Set<string>();
  /** Idempotency keys whose first `network_error_once` attempt already failed. */
  readonly networkErrorsServed = new Set<string>();
  readonly now: () => Date;
  /** See {@link SandboxStoreOptions.instanceTag}. */
  readonly instanceTag: string;
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly sequences = new Map<string, number>();
  private readonly counters: SandboxStats = { charges: 0, chargesByIdempotencyKey: {}, idempotentReplays: 0 };

  constructor(options: SandboxStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.instanceTag = options.instanceTag ?? randomBytes(4).toString('hex');
  }

  /**
   * `<tag><sequence>`, counting per prefix. Sequences restart with every store (and process), so the
   * random tag keeps references unique across restarts and between the API and worker processes.
   */
  nextUnique(prefix: string): string {
    const next = (this.sequences.get(prefix) ?? 0) + 1;
    this.sequences.set(prefix, next);
    return `${this.instanceTag}${String(next).padStart(6, '0')}`;
  }

  /** `<prefix>_<tag><sequence>`. */
  nextId(prefix: string): string {
    return `${prefix}_${this.nextUnique(prefix)}`;
  }

  /** Records that authorize reached the processor for this key. */
  countCharge(idempotencyKey: string): void {
    this.counters.charges += 1;
    this.counters.chargesByIdempotencyKey[idempotencyKey] = (this.counters.chargesByIdempotencyKey[idempotencyKey] ?? 0) + 1;
  }

  /** A snapshot of the counters. */
  stats(): SandboxStats {
    return { ...this.counters, chargesByIdempotencyKey: { ...this.counters.chargesByIdempotencyKey } };
  }

  /** Looks up an earlier outcome for (verb, key); `conflict` when the key was used with other input. */
  recall(scopedKey: string, fingerprint: string): { found: false } | { found: true; record: IdempotencyRecord['outcome'] } | { found: 'conflict' } {
    const record = this.idempotency.get(scopedKey);
    if (record === undefined) return { found: false };
    if (record.fingerprint !== fingerprint) return { found: 'conflict' };
    this.counters.idempotentReplays += 1;
    return { found: true, record: record.outcome };
  }

  /** Stores the outcome of (verb, key) so a retry gets the same answer. */
  remember(scopedKey: string, fingerprint: string, outcome: IdempotencyRecord['outcome']): void {
    this.idempotency.set(scopedKey, { fingerprint, outcome });
  }
}
