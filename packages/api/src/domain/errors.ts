/**
 * Business failures the API reports as data (payload userErrors), never as top-level GraphQL errors.
 * Codes are stable identifiers partners can switch on.
 */
export type DomainErrorCode =
  | 'INVALID_AMOUNT'
  | 'UNSUPPORTED_CURRENCY'
  | 'CURRENCY_MISMATCH'
  | 'BELOW_MINIMUM'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'INVALID_INPUT'
  | 'INVALID_STATE'
  | 'AMOUNT_EXCEEDS_CAPTURABLE'
  | 'AMOUNT_EXCEEDS_REFUNDABLE'
  | 'GATEWAY_DISABLED'
  | 'GATEWAY_NOT_VISIBLE'
  | 'MANUAL_CAPTURE_NOT_ALLOWED'
  | 'RECURRING_NOT_ALLOWED'
  | 'GATEWAY_ERROR'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'LINK_EXPIRED'
  | 'LINK_NOT_PAYABLE'
  | 'INVOICE_NOT_PAYABLE'
  | 'INSUFFICIENT_BALANCE'
  | 'INVALID_KEY'
  | 'DUPLICATE'
  | 'INVALID_CREDENTIALS'
  | 'NOT_SUPPORTED_BY_GATEWAY';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input path the error is about, e.g. "input.amountMinor"; null when it is about the whole request. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, field: string | null = null) =>
  new DomainError('NOT_FOUND', `${what} not found`, field);
