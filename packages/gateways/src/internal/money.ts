import { GatewayError } from '../errors.js';

/** Rejects amounts that are not positive safe integers: money is integer minor units, never floats. */
export function assertPositiveMinor(amountMinor: number, field = 'amountMinor'): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new GatewayError(`${field} must be a positive safe integer of minor units, got ${String(amountMinor)}`, {
      code: 'amount_invalid',
      kind: 'terminal',
    });
  }
}

/** Rejects currencies that are not three upper-case letters (ISO 4217). */
export function assertCurrency(currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new GatewayError(`currency must be an upper-case ISO 4217 code, got ${JSON.stringify(currency)}`, {
      code: 'invalid_request',
      kind: 'terminal',
    });
  }
}
