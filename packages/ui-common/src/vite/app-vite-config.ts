import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import { portFromEnv } from './port.js';

export interface AppViteConfigOptions {
  /** The environment variable that moves the dev and preview servers, e.g. `PAYRAIL_ADMIN_UI_PORT`. */
  portEnv: string;
  /** The port when that variable is unset. */
  defaultPort: number;
}

/**
 * An app's vite.config: React, and dev and preview servers on 127.0.0.1 that proxy /graphql to the
 * API's origin (`PAYRAIL_API_URL`), so the app talks to the API same-origin. The environment is read
 * each time Vite loads the config, which the e2e harness relies on to point the proxy at its API.
 */
export function defineAppViteConfig({ portEnv, defaultPort }: AppViteConfigOptions): UserConfig {
  const apiOrigin = process.env.PAYRAIL_API_URL || 'http://127.0.0.1:4000';
  const port = portFromEnv(portEnv, defaultPort);
  const proxy = { '/graphql': { target: apiOrigin, changeOrigin: true } };

  return defineConfig({
    plugins: [react()],
    server: { host: '127.0.0.1', port, strictPort: true, proxy },
    preview: { host: '127.0.0.1', port, strictPort: true, proxy },
  });
}
