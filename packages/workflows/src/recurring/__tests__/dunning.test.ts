import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailure, retriesLeft } from '../dunning.js';

const policy = { retryAfterDays: [1, 3, 5, 7], finalAction: 'cancel' as const };
const since = '2028-01-31T09:00:00.000Z';

describe('dunning decisions', () => {
  it('retries 1, 3, 5 and 7 days after the first failure, then takes the final action', () => {
    const retries = [1, 2, 3, 4].map((n) => afterFailure(policy, n, false, since));
    expect(retries).toEqual([
      { action: 'retry', retryAt: '2028-02-01T09:00:00.000Z' },
      { action: 'retry', retryAt: '2028-02-03T09:00:00.000Z' },
      { action: 'retry', retryAt: '2028-02-05T09:00:00.000Z' },
      { action: 'retry', retryAt: '2028-02-07T09:00:00.000Z' },
    ]);
    expect(afterFailure(policy, 5, false, since)).toEqual({ action: 'final', finalAction: 'cancel', reason: 'retries_exhausted' });
    expect(afterFailure({ ...policy, finalAction: 'pause' }, 5, false, since)).toMatchObject({ finalAction: 'pause' });
  });

  it('a hard decline stops at once', () => {
    expect(afterFailure(policy, 1, true, since)).toEqual({ action: 'final', finalAction: 'cancel', reason: 'hard_decline' });
  });

  it('counts retries left', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => retriesLeft(policy, n))).toEqual([4, 4, 3, 2, 1, 0, 0]);
  });

  it('property: a soft failure retries exactly as many times as the policy lists, each later than the last', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 10 }).map((d) => d.sort((a, b) => a - b)), (days) => {
        const p = { retryAfterDays: days, finalAction: 'pause' as const };
        let last = Date.parse(since);
        for (let n = 1; n <= days.length; n++) {
          const d = afterFailure(p, n, false, since);
          expect(d.action).toBe('retry');
          if (d.action === 'retry') {
            expect(Date.parse(d.retryAt)).toBeGreaterThan(last);
            last = Date.parse(d.retryAt);
          }
        }
        expect(afterFailure(p, days.length + 1, false, since).action).toBe('final');
      }),
    );
  });
});
