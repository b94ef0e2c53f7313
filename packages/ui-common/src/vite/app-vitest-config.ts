import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** An app's vitest.config: unit tests in src/, e2e tests in e2e/, and the JSON report `./dev test` counts. */
export function defineAppVitestConfig(): ViteUserConfig {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
      testTimeout: 30_000,
      // The e2e setup builds the app and starts a database, the API and Chromium.
      hookTimeout: 120_000,
      pool: 'forks',
      server: {
        deps: {
          // The API's built output runs natively in Node, as in production. Inlined through Vite,
          // it would load graphql's ESM build next to type-graphql's CJS one: two graphql copies.
          external: [/\/packages\/api\/dist\//],
        },
      },
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
    },
  });
}
