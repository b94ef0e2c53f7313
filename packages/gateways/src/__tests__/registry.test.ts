import { describe, expect, it } from 'vitest';
import { createGateway, detectKeyMode, gatewayNames, validateKeyForMode } from '../registry.js';

describe('registry', () => {
  it('lists and builds the sandbox', () => {
    expect(gatewayNames).toContain('sandbox');
    expect(createGateway('sandbox', { mode: 'test', secretKey: 'sbx' }).name).toBe('sandbox');
  });

  it('allows the sandbox in test mode only', () => {
    expect(detectKeyMode('sandbox', 'anything')).toBe('test');
    expect(validateKeyForMode('sandbox', 'test', { secretKey: 'k' })).toEqual({ ok: true });
    expect(validateKeyForMode('sandbox', 'live', { secretKey: 'k' })).toMatchObject({ ok: false, reason: 'mode_not_supported' });
  });
});
