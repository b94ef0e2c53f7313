import { describe, expect, it } from 'vitest';
import { presentHealth } from './present-health';

// How each status and dependency reads is healthFacts' job (tested in @payrail/ui-common).
describe('presentHealth', () => {
  it('shows the health facts and the version', () => {
    expect(presentHealth({ status: 'ok', database: true, temporal: true, version: '1.2.3' })).toEqual({
      facts: [
        { label: 'Status', value: 'operational', tone: 'ok' },
        { label: 'Database', value: 'up', tone: 'ok' },
        { label: 'Temporal', value: 'up', tone: 'ok' },
      ],
      version: '1.2.3',
    });
  });
});
