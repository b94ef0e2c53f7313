import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PATTERN = /^prk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** A new partner key: "prk_<12 char public prefix>_<256-bit secret>"; only the hash is stored. */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { key: `prk_${prefix}_${secret}`, prefix: `prk_${prefix}`, secretHash: sha256(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match?.[1] && match[2] ? { prefix: `prk_${match[1]}`, secret: match[2] } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(sha256(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
