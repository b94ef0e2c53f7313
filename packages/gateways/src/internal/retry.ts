import { GatewayError } from '../errors.js';

/** Options of {@link withRetries}. */
export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Reads may also retry indeterminate failures (timeouts): repeating a read cannot move money. */
  safeToRepeat: boolean;
  /** First backoff in ms (doubles each time, full jitter, capped at 2 s). */
  baseDelayMs?: number;
}

/**
 * Retries a gateway call on retryable failures (never sent, 429, 503) with exponential backoff and full
 * jitter. Writes are only retried when the failure proves nothing happened; reads also on timeouts.
 */
export async function withRetries<T>(operation: () => Promise<T>, toError: (error: unknown) => GatewayError, options: RetryOptions): Promise<T> {
  const baseDelayMs = options.baseDelayMs ?? 250;
  for (let attempt = 0; ; attempt += 1) {
    let failure: GatewayError;
    try {
      return await operation();
    } catch (error) {
      failure = toError(error);
    }
    const repeatable = failure.kind === 'retryable' || (options.safeToRepeat && failure.kind === 'indeterminate');
    if (!repeatable || attempt >= options.maxRetries) throw failure;
    const ceiling = Math.min(2_000, baseDelayMs * 2 ** attempt);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
}
