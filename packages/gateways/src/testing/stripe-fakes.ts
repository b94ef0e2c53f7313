import type { GatewayConfig } from '../config.js';
import { signTimestamped } from '../internal/timestamped-signature.js';

/** Test-mode key both fakes accept (stripe-mock wants `sk_test_` + letters and digits only). */
export const fakeStripeSecretKey = 'sk_test_PayrailFake123';

/**
 * Reads a fake's URL from the environment (`LOCALSTRIPE_URL`, `STRIPE_MOCK_URL`, ...). In CI a missing
 * URL throws, so the suite fails instead of silently skipping; locally it returns undefined and the
 * caller skips with a message.
 */
export function fakeServiceUrl(envName: string): string | undefined {
  const value = process.env[envName];
  if (value !== undefined && value !== '') return value.replace(/\/$/, '');
  if (process.env.CI) throw new Error(`${envName} is not set: start the fakes (infra/stack up localstripe stripe-mock; eval "$(infra/stack env)")`);
  return undefined;
}

/** A Stripe gateway config pointed at a local fake (or a proxy in front of one). */
export function fakeStripeConfig(apiBaseUrl: string, overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return { mode: 'test', secretKey: fakeStripeSecretKey, webhookSecret: 'whsec_payrail_fake', apiBaseUrl, maxNetworkRetries: 0, timeoutMs: 10_000, ...overrides };
}

async function localstripeRequest(baseUrl: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${fakeStripeSecretKey}`, 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`localstripe ${init.method ?? 'GET'} ${path} answered ${response.status}: ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** Empties localstripe's store (`DELETE /_config/data`). */
export async function resetLocalstripe(baseUrl: string): Promise<void> {
  await localstripeRequest(baseUrl, '/_config/data', { method: 'DELETE' });
}

/** What Stripe.js would do after the customer passed (or failed) 3-D Secure, on localstripe. */
export async function localstripeAuthenticate(baseUrl: string, intentId: string, clientSecret: string, success: boolean): Promise<void> {
  const body = new URLSearchParams({ client_secret: clientSecret, success: String(success) });
  await localstripeRequest(baseUrl, `/v1/payment_intents/${intentId}/_authenticate`, { method: 'POST', body: body.toString() });
}

/** Makes localstripe POST signed events to `url` (it signs like Stripe, with `secret`). */
export async function registerLocalstripeWebhook(baseUrl: string, id: string, url: string, secret: string): Promise<void> {
  const body = new URLSearchParams({ url, secret });
  await localstripeRequest(baseUrl, `/_config/webhooks/${id}`, { method: 'POST', body: body.toString() });
}

/** Signs a body the way Stripe does, for webhook tests. */
export function signStripeWebhook(rawBody: Buffer | string, secret: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return { 'content-type': 'application/json', 'stripe-signature': signTimestamped(secret, rawBody, timestamp) };
}
