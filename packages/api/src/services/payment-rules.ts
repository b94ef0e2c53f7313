import type { Viewer } from '../auth/viewer.js';
import type { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';
import { DomainError } from '../domain/errors.js';
import { formatMoney } from '../domain/money.js';
import type { CaptureMethod } from '../db/entities/payment.js';

/** The per-key rules operators configure (seeds: Fleio's enabled/visible flags, PortaBilling's minimums). */
export function assertKeyAccepts(
  key: PaymentGatewayKey,
  request: { amountMinor: number; currency: string; captureMethod: CaptureMethod; recurring?: boolean },
  viewer: Viewer,
): void {
  if (!key.enabled) throw new DomainError('GATEWAY_DISABLED', `gateway key "${key.label}" is disabled`, 'input.gatewayKeyId');
  if ((viewer.kind === 'customer' || viewer.kind === 'anonymous') && !key.visibleToCustomers) {
    throw new DomainError('GATEWAY_NOT_VISIBLE', 'this gateway is not offered to customers', 'input.gatewayKeyId');
  }
  if (!key.currencies.includes(request.currency)) {
    throw new DomainError('UNSUPPORTED_CURRENCY', `gateway key "${key.label}" does not accept ${request.currency}`, 'input.currency');
  }
  const minimum = key.minimumAmounts[request.currency] ?? 0;
  if (request.amountMinor < minimum) {
    throw new DomainError(
      'BELOW_MINIMUM',
      `the minimum payment in ${request.currency} is ${formatMoney(minimum, request.currency)}`,
      'input.amountMinor',
    );
  }
  if (request.captureMethod === 'manual' && !key.manualCaptureAllowed) {
    throw new DomainError('MANUAL_CAPTURE_NOT_ALLOWED', `gateway key "${key.label}" does not allow manual capture`, 'input.captureMethod');
  }
  if (request.recurring && !key.recurringAllowed) {
    throw new DomainError('RECURRING_NOT_ALLOWED', `gateway key "${key.label}" does not allow recurring charges`, 'input.gatewayKeyId');
  }
}
