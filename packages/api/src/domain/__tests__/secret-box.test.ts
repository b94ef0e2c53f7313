import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../secret-box.js';

describe('SecretBox (AES-256-GCM envelopes)', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('seals to an envelope that names its key and opens back', () => {
    const box = new SecretBox('k1', { k1 });
    const sealed = box.seal('sk_test_abc123');
    expect(sealed).not.toContain('sk_test');
    expect(SecretBox.keyIdOf(sealed)).toBe('k1');
    expect(box.open(sealed)).toBe('sk_test_abc123');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('rejects a tampered envelope', () => {
    const box = new SecretBox('k1', { k1 });
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });

  it('opens envelopes of a previous key during rotation and seals with the current one', () => {
    const old = new SecretBox('k1', { k1 }).seal('rotate me');
    const rotated = new SecretBox('k2', { k1, k2 });
    expect(rotated.open(old)).toBe('rotate me');
    expect(SecretBox.keyIdOf(rotated.seal('x'))).toBe('k2');
    expect(() => new SecretBox('k2', { k2 }).open(old)).toThrow(/no key-encryption key with id k1/);
  });
});
