/**
 * Normalised failure codes and errors. Every gateway maps its native codes onto this closed union,
 * so no gateway-specific string leaks past the package.
 */

/** Why a payment or call failed, in gateway-neutral terms. Closed: extend it here, then fix every `switch`. */
export type FailureCode =
  /** Generic decline by the issuer. */
  | 'card_declined'
  /** The account does not hold enough funds. */
  | 'insufficient_funds'
  /** The card has expired. */
  | 'expired_card'
  /** The CVC did not match. */
  | 'incorrect_cvc'
  /** The card number is wrong. */
  | 'incorrect_number'
  /** The card was reported lost or stolen. */
  | 'lost_or_stolen'
  /** The issuer or the gateway's risk engine suspects fraud. */
  | 'fraudulent'
  /** The issuer declined without giving a reason. */
  | 'do_not_honor'
  /** Strong customer authentication (3-D Secure) is needed or failed. */
  | 'authentication_required'
  /** The gateway or issuer hit an internal error while processing. */
  | 'processing_error'
  /** Too many requests: slow down and retry. */
  | 'rate_limited'
  /** The gateway could not be reached or answered 5xx. */
  | 'gateway_unavailable'
  /** The call timed out: whether it took effect is unknown. */
  | 'timeout'
  /** Our request was malformed or not allowed in the object's current state. */
  | 'invalid_request'
  /** The API key is missing, wrong or lacks permission. */
  | 'invalid_credentials'
  /** The referenced object does not exist at the gateway. */
  | 'not_found'
  /** The amount is below the gateway's minimum or above what can be captured or refunded. */
  | 'amount_invalid'
  /** The currency is not supported by the gateway or account. */
  | 'currency_not_supported'
  /** The same idempotency key was reused with different parameters. */
  | 'idempotency_conflict'
  /** The payment has already been captured. */
  | 'already_captured'
  /** The payment has already been refunded in full. */
  | 'already_refunded'
  /** The payment has already been canceled (voided). */
  | 'already_canceled'
  /** A checkout or payment signature did not verify. */
  | 'signature_invalid'
  /** Anything the mapping does not recognise. */
  | 'unknown';

/** Every FailureCode, for validation and exhaustive tests. */
export const failureCodes = [
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'incorrect_number',
  'lost_or_stolen',
  'fraudulent',
  'do_not_honor',
  'authentication_required',
  'processing_error',
  'rate_limited',
  'gateway_unavailable',
  'timeout',
  'invalid_request',
  'invalid_credentials',
  'not_found',
  'amount_invalid',
  'currency_not_supported',
  'idempotency_conflict',
  'already_captured',
  'already_refunded',
  'already_canceled',
  'signature_invalid',
  'unknown',
] as const satisfies readonly FailureCode[];

/**
 * Hard declines will fail again with the same card: do not retry them, ask for another method.
 * Soft declines may succeed later (dunning may retry them).
 */
export type DeclineType = 'hard' | 'soft';

/**
 * How the caller should react to a thrown GatewayError:
 * - `retryable`: nothing happened at the gateway (connection refused, 429, 5xx before processing); retry
 *   with backoff and the same idempotency key.
 * - `indeterminate`: the call may or may not have taken effect (timeout, connection reset after sending);
 *   resolve by `retrievePayment` or by waiting for the webhook, never by a blind retry with a new key.
 * - `terminal`: retrying the same request cannot succeed (invalid request, bad credentials, wrong state).
 */
export type GatewayErrorKind = 'retryable' | 'indeterminate' | 'terminal';

/** A decline or failure attached to a result (declines are results, not exceptions). */
export interface PaymentFailure {
  /** Normalised reason. */
  code: FailureCode;
  /** Human-readable message safe to show to staff (never contains secrets). */
  message: string;
  /** Whether retrying the same method can ever succeed. */
  declineType: DeclineType;
  /** The gateway's own code (e.g. Stripe `decline_code`), for the log only. */
  gatewayCode?: string;
}

/** Options for {@link GatewayError}. */
export interface GatewayErrorOptions {
  /** Normalised reason. */
  code: FailureCode;
  /** How the caller should react. */
  kind: GatewayErrorKind;
  /** Set when the error is a card decline surfaced as an exception (rare: most declines are results). */
  declineType?: DeclineType;
  /** The gateway's own error code, for the log only. */
  gatewayCode?: string;
  /** HTTP status the gateway answered, when there was one. */
  httpStatus?: number;
  /** The underlying error (never serialised into messages). */
  cause?: unknown;
}

/** The one error type every gateway throws for invalid requests, bad state and outages. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  /** Normalised reason. */
  readonly code: FailureCode;
  /** How the caller should react (retry, reconcile, or give up). */
  readonly kind: GatewayErrorKind;
  /** Present when the error is a decline. */
  readonly declineType?: DeclineType;
  /** The gateway's own error code, for the log only. */
  readonly gatewayCode?: string;
  /** HTTP status the gateway answered, when there was one. */
  readonly httpStatus?: number;

  constructor(message: string, options: GatewayErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.kind = options.kind;
    if (options.declineType !== undefined) this.declineType = options.declineType;
    if (options.gatewayCode !== undefined) this.gatewayCode = options.gatewayCode;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
  }
}

/** Thrown by `parseWebhook` when the body cannot be trusted: answer 400 and store nothing. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  /** Which check failed. */
  readonly reason: 'missing_signature' | 'malformed_signature' | 'signature_mismatch' | 'timestamp_out_of_tolerance' | 'missing_secret' | 'malformed_body';

  constructor(reason: WebhookVerificationError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Codes that are hard declines: the same card will keep failing. */
export function declineTypeOf(code: FailureCode): DeclineType {
  switch (code) {
    case 'expired_card':
    case 'incorrect_number':
    case 'lost_or_stolen':
    case 'fraudulent':
    case 'currency_not_supported':
    case 'invalid_request':
    case 'invalid_credentials':
    case 'not_found':
    case 'amount_invalid':
    case 'idempotency_conflict':
    case 'already_captured':
    case 'already_refunded':
    case 'already_canceled':
    case 'signature_invalid':
      return 'hard';
    case 'card_declined':
    case 'insufficient_funds':
    case 'incorrect_cvc':
    case 'do_not_honor':
    case 'authentication_required':
    case 'processing_error':
    case 'rate_limited':
    case 'gateway_unavailable':
    case 'timeout':
    case 'unknown':
      return 'soft';
    default:
      return assertNever(code);
  }
}

/** Compile-time exhaustiveness check for `switch` statements over closed unions. */
export function assertNever(value: never): never {
  throw new GatewayError(`Unexpected value: ${String(value)}`, { code: 'unknown', kind: 'terminal' });
}
