import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signTimestamped, verifyTimestampedSignature } from '../timestamped-signature.js';

describe('timestamped signatures', () => {
  it('verifies what it signs and rejects any single changed byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), (bytes, index) => {
        const rawBody = Buffer.from(bytes);
        const now = new Date(1_900_000_000_000);
        const header = signTimestamped('secret', rawBody, 1_900_000_000);
        expect(() => verifyTimestampedSignature({ secret: 'secret', rawBody, header, now })).not.toThrow();
        const changed = Buffer.from(rawBody);
        const at = index % changed.length;
        changed[at] = (changed[at] ?? 0) ^ 0x01;
        expect(() => verifyTimestampedSignature({ secret: 'secret', rawBody: changed, header, now })).toThrow();
      }),
    );
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const rawBody = Buffer.from('{}');
    const good = signTimestamped('new', rawBody, 100).split(',')[1];
    const header = `t=100,v1=${'0'.repeat(64)},${good}`;
    expect(() => verifyTimestampedSignature({ secret: 'new', rawBody, header, now: new Date(100_000) })).not.toThrow();
  });
});
