import type { EntityManager } from '@mikro-orm/postgresql';
import type { PaymentResult } from '@payrail/gateways';
import type { Payment } from '../db/entities/payment.js';
import { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';
import type { Metrics } from '../metrics.js';
import { applyCaptureEffects } from './payment-effects.js';
import { applyGatewayResult, refreshFee } from './payment-transitions.js';

/**
 * Applies a gateway answer that arrived out of band (webhook, reconciliation) to a payment the caller
 * has locked, inside the caller's transaction, so the bookkeeping of the webhook event or reconciliation
 * row commits together with the transition, its timeline row, its outbox event and its capture effects.
 */
export async function applyOutOfBandResult(
  em: EntityManager,
  payment: Payment,
  result: PaymentResult,
  kind: 'webhook' | 'reconcile',
  metrics: Metrics,
): Promise<{ moved: boolean }> {
  const capturedBefore = payment.capturedMinor;
  const outcome = applyGatewayResult(em, payment, result, kind);
  if (payment.gatewayKey) {
    const key = await em.findOneOrFail(PaymentGatewayKey, payment.gatewayKey.id);
    refreshFee(payment, key);
    // An authorization first heard of here (3-D Secure finished in the browser) gets the same expiry a direct one does.
    if (payment.status === 'authorized') payment.authorizationExpiresAt ??= new Date(Date.now() + key.authorizationTtlHours * 3_600_000);
  }
  if (outcome.moved) metrics.paymentTransitions.inc({ status: payment.status, gateway: payment.gateway });
  await applyCaptureEffects(em, payment, payment.capturedMinor - capturedBefore);
  return outcome;
}
