import type { MikroORM } from '@mikro-orm/postgresql';
import type { Payment } from '../db/entities/payment.js';
import { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';
import type { HoldWatcher } from './hold-watcher.js';

/**
 * A webhook or reconciliation that moves a manual-capture payment tells its hold workflow, as a capture
 * or cancel call does: an authorization first heard of by webhook (3-D Secure finished in the browser)
 * starts the watch, a capture or cancel reported by the gateway ends it.
 */
export function holdNotifications(orm: MikroORM, holds: HoldWatcher) {
  return async (payment: Payment): Promise<void> => {
    if (payment.status === 'authorized' && payment.gatewayKey) {
      await holds.placed(payment, await orm.em.fork().findOneOrFail(PaymentGatewayKey, payment.gatewayKey.id));
    } else {
      await holds.settled(payment);
    }
  };
}
