import type { RecurringDunningPolicy } from '@payrail/api/workflow-contracts';

// Pure dunning decisions, used by the recurring workflow. Retries are counted from the cycle's first
// failure: a policy of [1, 3, 5, 7] retries 1, 3, 5 and 7 days after it, then takes the final action.

export type DunningDecision = { action: 'retry'; retryAt: string } | { action: 'final'; finalAction: RecurringDunningPolicy['finalAction']; reason: 'hard_decline' | 'retries_exhausted' };

const DAY_MS = 86_400_000;

/**
 * What to do after a failed attempt. `failedAttempts` counts this one (1 after the first failure);
 * a hard decline (stolen, closed, expired card) ends dunning at once: retrying cannot succeed.
 */
export function afterFailure(policy: RecurringDunningPolicy, failedAttempts: number, hard: boolean, failedSince: string): DunningDecision {
  if (hard) return { action: 'final', finalAction: policy.finalAction, reason: 'hard_decline' };
  const days = policy.retryAfterDays[failedAttempts - 1];
  if (days === undefined) return { action: 'final', finalAction: policy.finalAction, reason: 'retries_exhausted' };
  return { action: 'retry', retryAt: new Date(Date.parse(failedSince) + days * DAY_MS).toISOString() };
}

/** Retries the policy still allows in the current cycle (the first failure uses none; each failed retry one). */
export function retriesLeft(policy: RecurringDunningPolicy, failedAttempts: number): number {
  return Math.max(0, policy.retryAfterDays.length - Math.max(0, failedAttempts - 1));
}
