/**
 * Razorpay SDK errors → GatewayError. The SDK rejects with `{statusCode, error: {code, description,
 * reason, ...}}`; network failures are given the same shape by `sdk.ts` (statusCode 0, code NETWORK_ERROR).
 */
import { GatewayError } from '../errors.js';

/** The SDK's rejection shape. */
export interface RazorpaySdkError {
  statusCode: number;
  error: { code?: string; description?: string; reason?: string; field?: string; network_code?: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True for the SDK's `{statusCode, error}` rejections. */
export function isRazorpayError(value: unknown): value is RazorpaySdkError {
  return isRecord(value) && typeof value.statusCode === 'number' && isRecord(value.error);
}

/** Descriptions Razorpay uses for state conflicts we treat specially. */
export function isAlreadyCaptured(error: RazorpaySdkError): boolean {
  return /already been captured/i.test(error.error.description ?? '');
}

/** Network codes that mean the request never reached Razorpay. */
const neverSent = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Maps any error from a Razorpay call. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (!isRazorpayError(error)) {
    return new GatewayError('Unexpected error calling Razorpay', { code: 'unknown', kind: 'indeterminate', cause: error });
  }
  const description = error.error.description ?? 'Razorpay request failed';
  const base = { cause: error, ...(error.statusCode > 0 ? { httpStatus: error.statusCode } : {}), ...(error.error.code ? { gatewayCode: error.error.code } : {}) };
  if (error.statusCode === 0) {
    const networkCode = error.error.network_code ?? '';
    if (neverSent.has(networkCode)) return new GatewayError('Could not connect to Razorpay', { ...base, code: 'gateway_unavailable', kind: 'retryable' });
    const timedOut = networkCode === 'ECONNABORTED' || networkCode === 'ETIMEDOUT';
    return new GatewayError(timedOut ? 'Razorpay did not answer in time' : 'The connection to Razorpay failed', { ...base, code: timedOut ? 'timeout' : 'gateway_unavailable', kind: 'indeterminate' });
  }
  if (error.statusCode === 401) return new GatewayError(description, { ...base, code: 'invalid_credentials', kind: 'terminal' });
  if (error.statusCode === 429) return new GatewayError(description, { ...base, code: 'rate_limited', kind: 'retryable' });
  if (error.statusCode >= 500) return new GatewayError(description, { ...base, code: 'gateway_unavailable', kind: error.statusCode === 503 ? 'retryable' : 'indeterminate' });
  if (error.statusCode === 404 || /does not exist/i.test(description)) return new GatewayError(description, { ...base, code: 'not_found', kind: 'terminal' });
  if (isAlreadyCaptured(error)) return new GatewayError(description, { ...base, code: 'already_captured', kind: 'terminal' });
  if (/fully refunded|already been refunded/i.test(description)) return new GatewayError(description, { ...base, code: 'already_refunded', kind: 'terminal' });
  if (/amount/i.test(description)) return new GatewayError(description, { ...base, code: 'amount_invalid', kind: 'terminal' });
  if (/currency/i.test(description)) return new GatewayError(description, { ...base, code: 'currency_not_supported', kind: 'terminal' });
  return new GatewayError(description, { ...base, code: 'invalid_request', kind: 'terminal' });
}
