import { describe, expect, it } from 'vitest';
import { presentHealth } from './present-health';

describe('presentHealth', () => {
  it('reads a healthy report as operational with every dependency up', () => {
    expect(presentHealth({ status: 'ok', database: true, temporal: true, version: '1.2.3' })).toEqual({
      facts: [
        { label: 'Status', value: 'operational', tone: 'ok' },
        { label: 'Database', value: 'up', tone: 'ok' },
        { label: 'Temporal', value: 'up', tone: 'ok' },
      ],
      version: '1.2.3',
    });
  });

  it('flags a degraded report and the dependency that is down', () => {
    const view = presentHealth({ status: 'degraded', database: true, temporal: false, version: '1.2.3' });
    expect(view.facts).toEqual([
      { label: 'Status', value: 'degraded', tone: 'warn' },
      { label: 'Database', value: 'up', tone: 'ok' },
      { label: 'Temporal', value: 'down', tone: 'bad' },
    ]);
  });

  it('shows a status it does not know as sent, flagged', () => {
    expect(presentHealth({ status: 'maintenance', database: true, temporal: true, version: 'x' }).facts[0]).toEqual({
      label: 'Status',
      value: 'maintenance',
      tone: 'warn',
    });
    expect(presentHealth({ status: '', database: true, temporal: true, version: 'x' }).facts[0]?.value).toBe('unknown');
  });
});
