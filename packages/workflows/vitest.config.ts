import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC like packages/api, so decorators (once activities use the api's services) keep their metadata.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['src/**/*.test.ts'],
    // Each Temporal test file starts a worker (webpack bundles the workflows: ~1-3 s) and, for time
    // skipping, a JVM; on a busy 2-core machine that needs room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Run the API's and gateways' built code as Node loads it in the worker (one copy of graphql and of
    // the ORM's decorators), rather than re-transforming it through Vite.
    server: { deps: { external: [/packages\/api\/dist\//, /packages\/gateways\/dist\//] } },
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
