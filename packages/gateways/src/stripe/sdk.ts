import Stripe from 'stripe';
import { defaultMaxNetworkRetries, defaultTimeoutMs, type GatewayConfig } from '../config.js';

/**
 * The Stripe API version this adapter is written and tested against; pinned so an account's default
 * version cannot change response shapes under us.
 */
export const stripeApiVersion = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;

/**
 * Builds the SDK client. `apiBaseUrl` (e.g. `http://127.0.0.1:12111`) points it at stripe-mock or
 * localstripe. The SDK retries connection errors, 409, 429 and 5xx with exponential backoff and jitter,
 * reusing the same idempotency key, so retries are safe.
 */
export function createStripeSdk(config: GatewayConfig): Stripe {
  const options: Stripe.StripeConfig = {
    apiVersion: stripeApiVersion,
    maxNetworkRetries: config.maxNetworkRetries ?? defaultMaxNetworkRetries,
    timeout: config.timeoutMs ?? defaultTimeoutMs,
    telemetry: false,
  };
  if (config.apiBaseUrl !== undefined) {
    const url = new URL(config.apiBaseUrl);
    options.host = url.hostname;
    options.protocol = url.protocol === 'http:' ? 'http' : 'https';
    if (url.port !== '') options.port = url.port;
  }
  return new Stripe(config.secretKey, options);
}
