import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // SWC compiles the decorators with their design-type metadata, which esbuild/oxc would drop.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node loads type-graphql's copy from main;
    // Vite would give our files the ESM one, and a scalar from one copy is unknown to the other.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
