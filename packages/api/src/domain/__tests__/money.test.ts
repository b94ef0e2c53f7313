import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { assertCurrency, assertPositiveAmount, computeFee, currencyExponent, formatMoney } from '../money.js';

describe('money', () => {
  it('knows minor-unit exponents: JPY 0, USD 2, KWD 3', () => {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('KWD')]).toEqual([0, 2, 3]);
  });

  it('formats without floats for each exponent', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
    expect(formatMoney(1500, 'KWD')).toBe('KWD\u00a01.500');
    expect(formatMoney(5, 'USD')).toBe('$0.05');
    expect(formatMoney(9_007_199_254_740_991, 'USD')).toBe('$90,071,992,547,409.91');
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
  });

  it('rejects zero, negative, fractional and unsafe amounts', () => {
    for (const bad of [0, -1, 1.5, 2 ** 53, Number.NaN]) expect(() => assertPositiveAmount(bad)).toThrow(DomainError);
    expect(() => assertPositiveAmount(Number.MAX_SAFE_INTEGER)).not.toThrow();
  });

  it('accepts supported ISO 4217 codes case-insensitively and rejects others', () => {
    expect(assertCurrency('usd')).toBe('USD');
    expect(() => assertCurrency('XYZ')).toThrow(DomainError);
    expect(() => assertCurrency('US')).toThrow(DomainError);
  });

  it('computes fixed + basis-point fees with half-up rounding in integer arithmetic', () => {
    expect(computeFee(10_000, 30, 290)).toBe(320);
    expect(computeFee(1, 0, 5_000)).toBe(1);
    expect(computeFee(3, 0, 1_000)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const fee = computeFee(amount, 0, bps);
        expect(Number.isSafeInteger(fee)).toBe(true);
        expect(fee).toBeLessThanOrEqual(amount);
      }),
    );
  });
});
