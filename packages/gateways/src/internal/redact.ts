import type { JsonObject, JsonValue } from '../json.js';

/** Keys whose values are secrets or let someone act on the customer's behalf. */
const secretKeyPattern = /(secret|password|token_value|authorization|api_key|signature|cvc|cvv)/i;
/** 13-19 consecutive digits look like a card number (PAN). */
const panPattern = /\b\d{13,19}\b/g;

function maskPan(text: string): string {
  return text.replace(panPattern, (digits) => `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`);
}

/**
 * Turns any gateway response into a JSON-safe object for the gateway log: drops secrets (client
 * secrets, signatures), masks anything shaped like a card number, and removes functions and cycles.
 */
export function redact(value: unknown): JsonObject {
  const result = redactValue(value, new WeakSet());
  return result !== null && typeof result === 'object' && !Array.isArray(result) ? result : { value: result };
}

function redactValue(value: unknown, seen: WeakSet<object>): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return maskPan(value);
  // JSON has no -0, NaN or Infinity: normalise them so what we store reads back identically.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (typeof value !== 'object') return null;
  if (seen.has(value)) return '<cycle>';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'function' || item === undefined) continue;
    out[key] = secretKeyPattern.test(key) ? '[redacted]' : redactValue(item, seen);
  }
  return out;
}
