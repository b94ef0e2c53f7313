/**
 * Stripe SDK errors → GatewayError. Card errors that leave a PaymentIntent behind are not mapped here:
 * the client turns those into `failed` results (declines are results).
 */
import Stripe from 'stripe';
import { GatewayError, declineTypeOf, type FailureCode } from '../errors.js';
import { toFailureCode } from './transformers.js';

/** The SDK's error shape, as far as we read it. */
export type StripeSdkError = Stripe.errors.StripeError;

/** True for errors thrown by the Stripe SDK. */
export function isStripeError(error: unknown): error is StripeSdkError {
  return error instanceof Stripe.errors.StripeError;
}

/** Invalid-request codes with a better normalised meaning than `invalid_request`. */
const invalidRequestCodes: Readonly<Record<string, FailureCode>> = {
  resource_missing: 'not_found',
  amount_too_small: 'amount_invalid',
  amount_too_large: 'amount_invalid',
  charge_already_captured: 'already_captured',
  charge_already_refunded: 'already_refunded',
  charge_exceeds_source_limit: 'amount_invalid',
  refund_exceeds_charge: 'amount_invalid',
  idempotency_key_in_use: 'idempotency_conflict',
  currency_not_supported: 'currency_not_supported',
  payment_intent_unexpected_state: 'invalid_request',
};

/** Connection failures that happened before any byte reached Stripe, so a retry is safe. */
const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function connectionDetailCode(error: StripeSdkError): string | undefined {
  const detail: unknown = error.detail;
  if (typeof detail !== 'object' || detail === null || !('code' in detail)) return undefined;
  return typeof detail.code === 'string' ? detail.code : undefined;
}

/**
 * Maps any error from a Stripe call. Non-Stripe errors become indeterminate `unknown`: we cannot tell
 * whether the request took effect.
 */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (!isStripeError(error)) {
    return new GatewayError('Unexpected error calling Stripe', { code: 'unknown', kind: 'indeterminate', cause: error });
  }
  const base = { cause: error, ...(error.statusCode === undefined ? {} : { httpStatus: error.statusCode }), ...(error.code ? { gatewayCode: error.code } : {}) };
  switch (error.type) {
    case 'StripeCardError': {
      const code = toFailureCode(error.code, error.decline_code);
      return new GatewayError(error.message, { ...base, code, kind: 'terminal', declineType: declineTypeOf(code), ...(error.decline_code ? { gatewayCode: error.decline_code } : {}) });
    }
    case 'StripeInvalidRequestError':
      return new GatewayError(error.message, { ...base, code: (error.code && invalidRequestCodes[error.code]) || (error.statusCode === 404 ? 'not_found' : 'invalid_request'), kind: 'terminal' });
    case 'StripeIdempotencyError':
      return new GatewayError(error.message, { ...base, code: 'idempotency_conflict', kind: 'terminal' });
    case 'StripeAuthenticationError':
    case 'StripePermissionError':
      return new GatewayError(error.message, { ...base, code: 'invalid_credentials', kind: 'terminal' });
    case 'StripeRateLimitError':
      return new GatewayError(error.message, { ...base, code: 'rate_limited', kind: 'retryable' });
    case 'StripeAPIError':
      // Stripe saves a 500's outcome under the idempotency key; the SDK already retried. Whether the
      // operation happened is unknown: reconcile. 503 means Stripe did not process the request.
      return new GatewayError(error.message, { ...base, code: 'gateway_unavailable', kind: error.statusCode === 503 ? 'retryable' : 'indeterminate' });
    case 'StripeConnectionError': {
      const detailCode = connectionDetailCode(error);
      if (detailCode !== undefined && neverSentCodes.has(detailCode)) {
        return new GatewayError('Could not connect to Stripe', { ...base, code: 'gateway_unavailable', kind: 'retryable' });
      }
      const timedOut = /timeout/i.test(error.message);
      return new GatewayError(timedOut ? 'Stripe did not answer in time' : 'The connection to Stripe failed', { ...base, code: timedOut ? 'timeout' : 'gateway_unavailable', kind: 'indeterminate' });
    }
    default:
      return new GatewayError(error.message, { ...base, code: 'unknown', kind: error.statusCode !== undefined && error.statusCode < 500 ? 'terminal' : 'indeterminate' });
  }
}
