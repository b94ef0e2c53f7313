import { describe, expect, it } from 'vitest';
import { healthFacts } from './health-facts.js';

describe('healthFacts', () => {
  it('reads a healthy report as operational with every dependency up', () => {
    expect(healthFacts({ status: 'ok', database: true, temporal: true, version: '1.2.3' })).toEqual([
      { label: 'Status', value: 'operational', tone: 'ok' },
      { label: 'Database', value: 'up', tone: 'ok' },
      { label: 'Temporal', value: 'up', tone: 'ok' },
    ]);
  });

  it('flags a degraded report and the dependency that is down', () => {
    expect(healthFacts({ status: 'degraded', database: true, temporal: false, version: '1.2.3' })).toEqual([
      { label: 'Status', value: 'degraded', tone: 'warn' },
      { label: 'Database', value: 'up', tone: 'ok' },
      { label: 'Temporal', value: 'down', tone: 'bad' },
    ]);
  });

  it('shows a status it does not know as sent, flagged', () => {
    expect(healthFacts({ status: 'maintenance', database: true, temporal: true, version: 'x' })[0]).toEqual({
      label: 'Status',
      value: 'maintenance',
      tone: 'warn',
    });
    expect(healthFacts({ status: '', database: true, temporal: true, version: 'x' })[0]?.value).toBe('unknown');
  });
});
