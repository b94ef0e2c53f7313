import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../redact.js';

describe('redact', () => {
  it('drops secrets and masks card numbers, keeps the rest', () => {
    const raw = redact({ id: 'pi_1', client_secret: 'pi_1_secret_x', nested: { note: 'card 4242424242424242 used', amount: 100 }, list: [{ signature: 'abc' }] });
    expect(raw).toEqual({ id: 'pi_1', client_secret: '[redacted]', nested: { note: 'card ************4242 used', amount: 100 }, list: [{ signature: '[redacted]' }] });
  });

  it('always yields JSON that round-trips', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const out = redact(value);
        expect(JSON.parse(JSON.stringify(out))).toEqual(out);
      }),
    );
  });
});
