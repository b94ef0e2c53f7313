import type { EntityManager } from '@mikro-orm/postgresql';
import type { PaymentResult } from '@payrail/gateways';
import type { Viewer } from '../auth/viewer.js';
import { actorOf } from '../auth/viewer.js';
import type { Payment } from '../db/entities/payment.js';
import {
  PaymentGatewayTransaction,
  type GatewayTransactionKind,
  type GatewayTransactionOutcome,
} from '../db/entities/payment-gateway-transaction.js';
import { computeFee } from '../domain/money.js';
import { amountInvariantViolation, canTransition, statusAfterRefund, type PaymentStatus } from '../domain/payment-state.js';
import { recordPaymentEvent } from '../events/domain-events.js';

export interface TimelineEntry {
  kind: GatewayTransactionKind;
  outcome: GatewayTransactionOutcome;
  amountMinor?: number;
  gatewayReference?: string | null;
  idempotencyKey?: string | null;
  failureCode?: string | null;
  message?: string | null;
  raw?: Record<string, unknown> | null;
}

/**
 * Moves a payment to `to` when the state machine allows it and records the timeline row in the same
 * unit of work. A transition that would go backwards (a late webhook) leaves the status alone but is
 * still logged, so the timeline shows every event that arrived.
 */
export function transition(
  em: EntityManager,
  payment: Payment,
  to: PaymentStatus,
  entry: TimelineEntry,
  viewer?: Viewer,
): { moved: boolean } {
  const from = payment.status;
  const moved = from !== to && canTransition(from, to);
  if (moved) {
    payment.status = to;
    stampTimes(payment, to);
  }
  const actor = viewer ? actorOf(viewer) : { actorType: 'system', actorId: null };
  em.persist(
    em.create(PaymentGatewayTransaction, {
      payment,
      kind: entry.kind,
      outcome: entry.outcome,
      amountMinor: entry.amountMinor ?? 0,
      fromStatus: from,
      toStatus: payment.status,
      gatewayReference: entry.gatewayReference ?? payment.gatewayReference ?? null,
      idempotencyKey: entry.idempotencyKey ?? null,
      failureCode: entry.failureCode ?? null,
      message: entry.message ?? (moved || from === to ? null : `ignored: ${from} cannot move to ${to}`),
      raw: entry.raw ?? null,
      ...actor,
    }),
  );
  const broken = amountInvariantViolation(payment);
  if (broken) throw new Error(`payment ${payment.id} would break an invariant: ${broken}`);
  // The outbox row commits with the status change; a partial refund that stays partially_refunded still moved money.
  if (moved || (to === 'partially_refunded' && from === to)) recordPaymentEvent(em, payment);
  return { moved };
}

function stampTimes(payment: Payment, to: PaymentStatus): void {
  const now = new Date();
  if (to === 'authorized') payment.authorizedAt ??= now;
  if (to === 'captured') {
    payment.authorizedAt ??= now;
    payment.capturedAt ??= now;
  }
  if (to === 'canceled' || to === 'expired') payment.canceledAt ??= now;
  if (to !== 'requires_action') payment.nextAction = null;
}

/**
 * The one sanctioned backward step: a refund the gateway could not complete (even after first reporting
 * it succeeded) returns its amount to the refundable total, because the money never left; the status
 * follows the amounts again. Anything else that arrives late still never moves a payment backwards.
 */
export function releaseFailedRefund(payment: Payment, amountMinor: number): { from: PaymentStatus } {
  const from = payment.status;
  payment.refundedMinor = Math.max(0, payment.refundedMinor - amountMinor);
  if (from === 'partially_refunded' || from === 'refunded') payment.status = statusAfterRefund(payment.capturedMinor, payment.refundedMinor);
  return { from };
}

/** Fees are charged on what was captured; until then they show what capturing in full would cost. */
export function refreshFee(payment: Payment, fee: { feeFixedMinor: number; feePercentBps: number }): void {
  const base = payment.capturedMinor > 0 ? payment.capturedMinor : payment.amountMinor;
  payment.feeMinor = computeFee(base, fee.feeFixedMinor, fee.feePercentBps);
}

/**
 * Applies what a gateway reported about a payment: amounts only ever grow (a stale answer cannot
 * shrink them), then the status moves if the state machine allows it.
 */
export function applyGatewayResult(
  em: EntityManager,
  payment: Payment,
  result: PaymentResult,
  kind: GatewayTransactionKind,
  context: { idempotencyKey?: string; viewer?: Viewer } = {},
): { moved: boolean } {
  const target = result.status;
  const acceptsAmounts = payment.status === target || canTransition(payment.status, target);
  if (acceptsAmounts) {
    payment.gatewayReference ??= result.gatewayReference;
    if (target === 'authorized' || target === 'captured') {
      payment.authorizedMinor = Math.max(payment.authorizedMinor, Math.min(result.authorizedMinor || result.capturedMinor, payment.amountMinor));
    }
    if (target === 'captured') payment.capturedMinor = Math.max(payment.capturedMinor, Math.min(result.capturedMinor, payment.authorizedMinor));
    if (target === 'requires_action' && result.nextAction) payment.nextAction = flattenNextAction(result.nextAction);
    if (target === 'failed' && result.failure) {
      payment.failureCode = result.failure.code;
      payment.failureMessage = result.failure.message.slice(0, 500);
    }
  }
  return transition(
    em,
    payment,
    target,
    {
      kind,
      outcome: target === 'failed' ? 'failed' : target === 'processing' || target === 'requires_action' ? 'pending' : 'succeeded',
      amountMinor: target === 'captured' ? result.capturedMinor : result.authorizedMinor,
      gatewayReference: result.gatewayReference,
      idempotencyKey: context.idempotencyKey ?? null,
      failureCode: result.failure?.code ?? null,
      message: result.failure?.message ?? null,
      raw: result.raw,
    },
    context.viewer,
  );
}

function flattenNextAction(action: NonNullable<PaymentResult['nextAction']>): Record<string, string> {
  return Object.fromEntries(Object.entries(action).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
