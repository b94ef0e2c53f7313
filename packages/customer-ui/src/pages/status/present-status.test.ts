import { describe, expect, it } from 'vitest';
import { presentStatus } from './present-status';

describe('presentStatus', () => {
  it('tells the customer everything works when the API is healthy', () => {
    expect(presentStatus({ status: 'ok', database: true, temporal: true, version: '1.2.3' })).toEqual({
      headline: 'All systems operational',
      tone: 'ok',
      facts: [
        { label: 'Status', value: 'operational', tone: 'ok' },
        { label: 'Database', value: 'up', tone: 'ok' },
        { label: 'Temporal', value: 'up', tone: 'ok' },
      ],
      version: '1.2.3',
    });
  });

  it('warns that payments may be slow when a dependency is down', () => {
    const view = presentStatus({ status: 'degraded', database: false, temporal: true, version: '1.2.3' });
    expect(view.headline).toBe('Some services are degraded: payments may take longer than usual');
    expect(view.tone).toBe('warn');
    expect(view.facts[1]).toEqual({ label: 'Database', value: 'down', tone: 'bad' });
  });

  it('does not claim anything for a status it does not know', () => {
    const view = presentStatus({ status: 'maintenance', database: true, temporal: true, version: 'x' });
    expect(view.headline).toBe('Service status is unavailable right now');
    expect(view.facts[0]).toEqual({ label: 'Status', value: 'maintenance', tone: 'warn' });
  });
});
