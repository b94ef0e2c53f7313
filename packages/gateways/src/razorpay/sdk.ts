import Razorpay from 'razorpay';
import { defaultTimeoutMs, type GatewayConfig } from '../config.js';
import { GatewayError } from '../errors.js';

/** The part of the SDK's axios instance (`client.api.rq`, untyped in the SDK's d.ts) we configure. */
interface SdkHttpClient {
  defaults: { baseURL?: string; timeout?: number };
  interceptors: { response: { use(onFulfilled: undefined, onRejected: (error: unknown) => unknown): unknown } };
}

function isSdkHttpClient(value: unknown): value is SdkHttpClient {
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return false;
  return 'defaults' in value && 'interceptors' in value;
}

function httpClientOf(client: Razorpay): SdkHttpClient {
  const api: unknown = client.api;
  const rq: unknown = typeof api === 'object' && api !== null && 'rq' in api ? api.rq : undefined;
  if (!isSdkHttpClient(rq)) throw new GatewayError('The razorpay SDK no longer exposes api.rq; update sdk.ts', { code: 'unknown', kind: 'terminal' });
  return rq;
}

/**
 * The SDK's `normalizeError` reads `err.response.status` and crashes with a TypeError when there is no
 * response (refused connection, timeout). Give network failures a response describing them, so every
 * rejection arrives as `{statusCode, error}` (statusCode 0 = network) and maps cleanly.
 */
function describeNetworkFailures(error: unknown): never {
  if (typeof error === 'object' && error !== null && !('response' in error && error.response)) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'UNKNOWN';
    throw { response: { status: 0, data: { error: { code: 'NETWORK_ERROR', description: `Network error ${code}`, network_code: code } } } };
  }
  throw error;
}

/**
 * Builds the SDK client: key id + key secret, per-request timeout, and (for tests) the base URL of a
 * local fake in place of the hard-coded https://api.razorpay.com.
 */
export function createRazorpaySdk(config: GatewayConfig): Razorpay {
  if (config.publishableKey === undefined || config.publishableKey === '') {
    throw new GatewayError('Razorpay needs the key id (publishableKey) as well as the key secret', { code: 'invalid_credentials', kind: 'terminal' });
  }
  const client = new Razorpay({ key_id: config.publishableKey, key_secret: config.secretKey });
  const http = httpClientOf(client);
  http.defaults.timeout = config.timeoutMs ?? defaultTimeoutMs;
  if (config.apiBaseUrl !== undefined) http.defaults.baseURL = config.apiBaseUrl.replace(/\/$/, '');
  http.interceptors.response.use(undefined, describeNetworkFailures);
  return client;
}
