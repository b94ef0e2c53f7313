import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Contract and flow tests talk to local fake servers; give them room on a busy machine.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
