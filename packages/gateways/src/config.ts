/** Whether a key moves real money. */
export type GatewayMode = 'test' | 'live';

/** What every gateway class is constructed with. Secrets arrive decrypted and are never logged. */
export interface GatewayConfig {
  /** Test or live; must agree with the key prefixes (see `validateKeyForMode`). */
  mode: GatewayMode;
  /** Public key the front end uses (Stripe `pk_...`); for Razorpay this is the key id (`rzp_test_...`). */
  publishableKey?: string;
  /** Secret API key (Stripe `sk_...`/`rk_...`, Razorpay key secret, any string for the sandbox). */
  secretKey: string;
  /** Secret used to verify inbound webhooks (Stripe `whsec_...`, Razorpay webhook secret, sandbox secret). */
  webhookSecret?: string;
  /** Override of the API base URL, e.g. `http://127.0.0.1:8420` to point the SDK at a local fake. */
  apiBaseUrl?: string;
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Retries on connection errors, 429 and 5xx, with backoff (default 2). */
  maxNetworkRetries?: number;
}

/** Defaults applied when a config leaves the optional network settings out. */
export const defaultTimeoutMs = 30_000;
/** See {@link GatewayConfig.maxNetworkRetries}. */
export const defaultMaxNetworkRetries = 2;
