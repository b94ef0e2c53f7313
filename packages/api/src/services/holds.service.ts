import type { MikroORM } from '@mikro-orm/postgresql';
import { SYSTEM } from '../auth/viewer.js';
import { Notification } from '../db/entities/notification.js';
import { Payment } from '../db/entities/payment.js';
import { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';
import { DomainError } from '../domain/errors.js';
import type { HoldExpiryAction, HoldPhase } from '../workflow-contracts/holds.js';
import type { PaymentsService } from './payments.service.js';
import type { WorkflowCommands } from './workflow-commands.js';

/** What staff see about a manual-capture hold (GraphQL `payment.hold`). */
export interface HoldInfo {
  expiresAt: Date;
  expiryAction: HoldExpiryAction;
  /** When staff were told it is about to expire. */
  notifiedAt: Date | null;
  phase: HoldPhase;
}

/** The hold workflow's activities and the hold's view for GraphQL. */
export class HoldsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly payments: PaymentsService,
    private readonly workflows: WorkflowCommands,
  ) {}

  /** Where the payment is now: the workflow reads this before acting, so a missed signal is harmless. */
  async phaseOf(paymentId: string): Promise<HoldPhase> {
    const payment = await this.orm.em.fork().findOneOrFail(Payment, paymentId);
    return phaseFromPayment(payment);
  }

  /**
   * At expiry: cancel (release the money) or capture, per the key's setting, under one idempotency
   * key so a retried activity repeats nothing. A hold that was settled meanwhile is left alone.
   */
  async expire(paymentId: string, action: HoldExpiryAction): Promise<HoldPhase> {
    const payment = await this.orm.em.fork().findOneOrFail(Payment, paymentId);
    if (payment.status !== 'authorized') return phaseFromPayment(payment);
    const key = `hold:${paymentId}:expire`;
    try {
      if (action === 'capture') await this.payments.capture(SYSTEM, paymentId, key);
      else await this.payments.cancel(SYSTEM, paymentId, key);
    } catch (error) {
      // Razorpay cannot void an authorization: it lapses at the gateway by itself.
      if (error instanceof DomainError && error.code === 'NOT_SUPPORTED_BY_GATEWAY') return 'expired';
      throw error;
    }
    return action === 'capture' ? 'auto_captured' : 'auto_canceled';
  }

  async info(payment: Payment): Promise<HoldInfo | null> {
    if (payment.captureMethod !== 'manual' || !payment.authorizationExpiresAt) return null;
    const em = this.orm.em.fork();
    const key = payment.gatewayKey ? await em.findOne(PaymentGatewayKey, payment.gatewayKey.id) : null;
    const note = await em.findOne(Notification, { channel: 'staff', dedupeKey: `hold_expiring:${payment.id}` });
    const live = await this.workflows.queryHold(payment.id);
    return {
      expiresAt: payment.authorizationExpiresAt,
      expiryAction: key?.holdExpiryAction ?? 'cancel',
      notifiedAt: note?.createdAt ?? null,
      phase: live?.phase ?? phaseFromPayment(payment),
    };
  }

  /** Starts the hold workflow of every open hold that lacks one (Temporal was down at authorize). */
  async startMissingHoldWorkflows(limit = 500): Promise<number> {
    const em = this.orm.em.fork();
    const open = await em.find(Payment, { status: 'authorized', captureMethod: 'manual', authorizationExpiresAt: { $gt: new Date() } }, { limit, orderBy: { id: 'asc' } });
    let ensured = 0;
    for (const payment of open) {
      const key = payment.gatewayKey ? await em.findOne(PaymentGatewayKey, payment.gatewayKey.id) : null;
      const started = await this.workflows.startHold({ paymentId: payment.id, expiresAt: payment.authorizationExpiresAt!.toISOString(), expiryAction: key?.holdExpiryAction ?? 'cancel' });
      if (started) ensured += 1;
    }
    return ensured;
  }
}

function phaseFromPayment(payment: Payment): HoldPhase {
  if (payment.status === 'authorized') return 'held';
  if (payment.status === 'canceled') return 'canceled';
  if (payment.status === 'expired' || payment.status === 'failed') return 'expired';
  return 'captured';
}
