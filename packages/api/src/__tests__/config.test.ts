import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('loadConfig', () => {
  it('names every missing or bad variable in one error', () => {
    try {
      loadConfig({ PORT: 'eighty', PAYRAIL_KEK: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toContain('DATABASE_URL is required but not set');
      expect(problems).toContain('PAYRAIL_SESSION_SECRET is required but not set');
      expect(problems.some((p) => p.startsWith('PORT '))).toBe(true);
      expect(problems.some((p) => p.startsWith('PAYRAIL_KEK must be 32 bytes'))).toBe(true);
    }
  });
});
