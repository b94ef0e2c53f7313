import { describe, expect, it } from 'vitest';
import { createGateway, detectKeyMode, gatewayInfo, gatewayNames, isGatewayName, validateKeyForMode } from '../registry.js';

describe('registry', () => {
  it('lists and builds every gateway', () => {
    expect(gatewayNames).toEqual(['sandbox', 'stripe', 'razorpay']);
    expect(createGateway('sandbox', { mode: 'test', secretKey: 'sbx' }).name).toBe('sandbox');
    expect(createGateway('stripe', { mode: 'test', secretKey: 'sk_test_x' }).name).toBe('stripe');
    expect(createGateway('razorpay', { mode: 'test', publishableKey: 'rzp_test_x', secretKey: 'secret' }).name).toBe('razorpay');
    expect(isGatewayName('paypal')).toBe(false);
  });

  it('reports capabilities', () => {
    expect(gatewayInfo('razorpay').capabilities).toEqual({ voidAuthorization: false, partialCapture: false });
    expect(gatewayInfo('stripe').capabilities).toEqual({ voidAuthorization: true, partialCapture: true });
  });

  it('allows the sandbox in test mode only', () => {
    expect(detectKeyMode('sandbox', 'anything')).toBe('test');
    expect(validateKeyForMode('sandbox', 'test', { secretKey: 'k' })).toEqual({ ok: true });
    expect(validateKeyForMode('sandbox', 'live', { secretKey: 'k' })).toMatchObject({ ok: false, reason: 'mode_not_supported' });
  });

  it.each([
    ['sk_test_abc', 'test'],
    ['rk_test_abc', 'test'],
    ['sk_live_abc', 'live'],
    ['rk_live_abc', 'live'],
    ['pk_test_abc', undefined],
    ['whatever', undefined],
  ] as const)('detects Stripe key %s as %s', (key, mode) => {
    expect(detectKeyMode('stripe', key)).toBe(mode);
  });

  it('refuses a live Stripe key saved as test, and mixed publishable/secret modes', () => {
    expect(validateKeyForMode('stripe', 'test', { secretKey: 'sk_live_abc' })).toMatchObject({ ok: false, reason: 'mode_mismatch' });
    expect(validateKeyForMode('stripe', 'live', { secretKey: 'sk_live_abc', publishableKey: 'pk_live_abc' })).toEqual({ ok: true });
    expect(validateKeyForMode('stripe', 'live', { secretKey: 'sk_live_abc', publishableKey: 'pk_test_abc' })).toMatchObject({ ok: false, reason: 'unrecognized_key' });
  });

  it('reads the Razorpay mode from the key id', () => {
    expect(detectKeyMode('razorpay', 'rzp_test_abc')).toBe('test');
    expect(detectKeyMode('razorpay', 'rzp_live_abc')).toBe('live');
    expect(validateKeyForMode('razorpay', 'live', { publishableKey: 'rzp_test_abc', secretKey: 's' })).toMatchObject({ ok: false, reason: 'mode_mismatch' });
    expect(validateKeyForMode('razorpay', 'test', { secretKey: 's' })).toMatchObject({ ok: false, reason: 'unrecognized_key' });
  });
});
