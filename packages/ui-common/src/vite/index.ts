// Node-only: imported by the apps' vite.config.ts and vitest.config.ts.
export { defineAppViteConfig, type AppViteConfigOptions } from './app-vite-config.js';
export { defineAppVitestConfig } from './app-vitest-config.js';
