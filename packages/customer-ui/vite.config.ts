import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API's origin; dev and preview serve /graphql from it, so the app works same-origin.
const apiOrigin = process.env.PAYRAIL_API_URL || 'http://127.0.0.1:4000';
const port = portFromEnv('PAYRAIL_CUSTOMER_UI_PORT', 5174);
const proxy = { '/graphql': { target: apiOrigin, changeOrigin: true } };

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port, strictPort: true, proxy },
});

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name}=${raw} is not a TCP port`);
  return port;
}
