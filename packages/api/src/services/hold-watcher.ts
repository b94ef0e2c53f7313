import type { Logger } from 'pino';
import type { Payment } from '../db/entities/payment.js';
import type { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';
import type { WorkflowCommands } from './workflow-commands.js';

/**
 * Tells the hold workflow about a manual-capture payment's life: started when the authorization lands,
 * signalled when staff or a partner capture or cancel it. Never fails the payment: if Temporal is
 * down, the worker's start-up sweep (HoldsService.startMissingHoldWorkflows) starts it later, and the
 * workflow reads the payment before acting, so a lost signal cannot make it capture a canceled hold.
 */
export class HoldWatcher {
  constructor(
    private readonly workflows: WorkflowCommands,
    private readonly logger: Logger,
  ) {}

  async placed(payment: Payment, key: PaymentGatewayKey): Promise<void> {
    if (payment.captureMethod !== 'manual' || payment.status !== 'authorized' || !payment.authorizationExpiresAt) return;
    try {
      await this.workflows.startHold({
        paymentId: payment.id,
        expiresAt: payment.authorizationExpiresAt.toISOString(),
        expiryAction: key.holdExpiryAction,
      });
    } catch (error) {
      this.logger.warn({ paymentId: payment.id, err: error }, 'could not start the hold workflow; the worker sweep will start it');
    }
  }

  async settled(payment: Payment): Promise<void> {
    if (payment.captureMethod !== 'manual') return;
    if (payment.status === 'canceled') await this.workflows.holdSettled(payment.id, { outcome: 'canceled' });
    else if (payment.capturedMinor > 0) await this.workflows.holdSettled(payment.id, { outcome: 'captured' });
  }
}
