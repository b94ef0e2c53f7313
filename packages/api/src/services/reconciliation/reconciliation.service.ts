import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { GatewayError } from '@payrail/gateways';
import type { Logger } from 'pino';
import { Payment } from '../../db/entities/payment.js';
import { PaymentGatewayKey } from '../../db/entities/payment-gateway-key.js';
import { PaymentReconciliation } from '../../db/entities/payment-reconciliation.js';
import { notFound } from '../../domain/errors.js';
import type { PaymentStatus } from '../../domain/payment-state.js';
import type { Metrics } from '../../metrics.js';
import type { ReconciliationSweepResult } from '../../workflow-contracts/webhooks.js';
import { applyOutOfBandResult } from '../external-result.js';
import type { GatewayClients } from '../gateway-clients.js';
import type { PaymentMovedListener } from '../inbound-webhooks/webhook-applier.js';

/** Statuses that should not last: the gateway knows the outcome, we have not heard it. */
export const STUCK_STATUSES: readonly PaymentStatus[] = ['requires_payment_method', 'requires_action', 'processing'];

export interface ReconciliationSettings {
  /** A payment counts as stuck once it sat this long in a stuck status. */
  stuckAfterMs: number;
  /** Waits between checks (minutes, then hours, then days); after the last one it goes to the staff queue. */
  backoffMs: readonly number[];
}

/** What one check of one payment found. */
export interface ReconcileOutcome {
  payment: Payment;
  reconciliation: PaymentReconciliation;
  moved: boolean;
}

/**
 * Asks the gateway for the truth about payments stuck in a non-final state and applies it through the
 * state machine. Each check is one transaction (payment locked, gateway asked, transition + timeline +
 * outbox + bookkeeping written); what stays unresolved after the whole backoff lands in the staff queue.
 */
export class ReconciliationService {
  private readonly listeners: PaymentMovedListener[] = [];

  constructor(
    private readonly orm: MikroORM,
    private readonly clients: GatewayClients,
    private readonly settings: ReconciliationSettings,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  onPaymentMoved(listener: PaymentMovedListener): void {
    this.listeners.push(listener);
  }

  /** Enrols newly stuck payments, then checks up to `limit` that are due. What the Schedule runs. */
  async sweep(limit: number): Promise<ReconciliationSweepResult> {
    const enrolled = await this.enrolStuck();
    const due: { payment_id: string }[] = await this.orm.em
      .getConnection()
      .execute(`select payment_id from payment_reconciliations where state = 'pending' and next_attempt_at <= now() order by next_attempt_at limit ?`, [limit]);
    const result: ReconciliationSweepResult = { enrolled, checked: 0, resolved: 0, needsAttention: 0 };
    for (const { payment_id: paymentId } of due) {
      const outcome = await this.check(paymentId, 'scheduled');
      result.checked += 1;
      if (outcome.reconciliation.state === 'resolved') result.resolved += 1;
      if (outcome.reconciliation.state === 'needs_attention') result.needsAttention += 1;
    }
    if (result.checked > 0 || enrolled > 0) this.logger.info(result, 'reconciliation sweep');
    return result;
  }

  /**
   * Checks one payment now. `scheduled` follows the backoff (and moves to the staff queue when it runs
   * out); `manual` (staff asked) records the answer without using up the backoff.
   */
  async check(paymentId: string, trigger: 'scheduled' | 'manual'): Promise<ReconcileOutcome> {
    const outcome = await this.orm.em.fork().transactional(async (em) => {
      const payment = await em.findOne(Payment, paymentId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!payment) throw notFound('payment', 'input.paymentId');
      const reconciliation = await this.bookkeeping(em, payment);
      const moved = await this.askGateway(em, payment, reconciliation);
      reconciliation.lastCheckedAt = new Date();
      if (!STUCK_STATUSES.includes(payment.status)) {
        reconciliation.state = 'resolved';
      } else if (trigger === 'scheduled') {
        reconciliation.attempts += 1;
        const wait = this.settings.backoffMs[reconciliation.attempts - 1];
        if (wait === undefined) reconciliation.state = 'needs_attention';
        else reconciliation.nextAttemptAt = new Date(Date.now() + wait);
      }
      return { payment, reconciliation, moved };
    });
    if (outcome.moved) {
      for (const listener of this.listeners) {
        await listener(outcome.payment).catch((error: unknown) => this.logger.warn({ paymentId, err: error }, 'payment-moved listener failed'));
      }
    }
    return outcome;
  }

  /** The staff queue: payments reconciliation could not settle, oldest first. */
  async queue(limit: number): Promise<PaymentReconciliation[]> {
    return this.orm.em.fork().find(
      PaymentReconciliation,
      { state: 'needs_attention' },
      { populate: ['payment'], orderBy: { updatedAt: 'asc' }, limit: Math.min(Math.max(limit, 1), 200) },
    );
  }

  private async enrolStuck(): Promise<number> {
    const rows: unknown[] = await this.orm.em.getConnection().execute(
      `insert into payment_reconciliations (id, payment_id, state, attempts, next_attempt_at, created_at, updated_at)
       select gen_random_uuid(), p.id, 'pending', 0, now(), now(), now() from payments p
       where p.status in (?) and p.gateway_key_id is not null and p.updated_at < now() - (? * interval '1 millisecond')
       on conflict (payment_id) do update set state = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
         where payment_reconciliations.state = 'resolved'
       returning id`,
      [[...STUCK_STATUSES], this.settings.stuckAfterMs],
    );
    return rows.length;
  }

  private async bookkeeping(em: EntityManager, payment: Payment): Promise<PaymentReconciliation> {
    const existing = await em.findOne(PaymentReconciliation, { payment: payment.id });
    if (existing) return existing;
    const created = em.create(PaymentReconciliation, { payment, nextAttemptAt: new Date() });
    em.persist(created);
    return created;
  }

  /** Returns whether the payment moved; a gateway that cannot answer is recorded, not thrown. */
  private async askGateway(em: EntityManager, payment: Payment, reconciliation: PaymentReconciliation): Promise<boolean> {
    if (!STUCK_STATUSES.includes(payment.status)) {
      reconciliation.lastOutcome = `already ${payment.status}`;
      return false;
    }
    if (!payment.gatewayKey || !payment.gatewayReference) {
      reconciliation.lastOutcome = 'the payment never got a gateway reference; nothing to ask the gateway about';
      return false;
    }
    const key = await em.findOneOrFail(PaymentGatewayKey, payment.gatewayKey.id);
    try {
      const result = await this.clients.forKey(key).retrievePayment({ gatewayReference: payment.gatewayReference });
      const { moved } = await applyOutOfBandResult(em, payment, result, 'reconcile', this.metrics);
      reconciliation.lastOutcome = `gateway says ${result.status}`;
      return moved;
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      reconciliation.lastOutcome = `gateway could not answer: ${error.code} (${error.kind})`.slice(0, 500);
      return false;
    }
  }
}
