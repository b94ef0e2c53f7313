import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAppViteConfig } from './app-vite-config.js';

const options = { portEnv: 'PAYRAIL_TEST_UI_PORT', defaultPort: 5199 };

describe('defineAppViteConfig', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('serves dev and preview on the default port, proxying /graphql to the local API', () => {
    vi.stubEnv('PAYRAIL_TEST_UI_PORT', '');
    vi.stubEnv('PAYRAIL_API_URL', '');
    const config = defineAppViteConfig(options);
    const expected = {
      host: '127.0.0.1',
      port: 5199,
      strictPort: true,
      proxy: { '/graphql': { target: 'http://127.0.0.1:4000', changeOrigin: true } },
    };
    expect(config.server).toEqual(expected);
    expect(config.preview).toEqual(expected);
  });

  it('takes the port and the API origin from the environment when the config is loaded', () => {
    vi.stubEnv('PAYRAIL_TEST_UI_PORT', '0');
    vi.stubEnv('PAYRAIL_API_URL', 'http://127.0.0.1:41234');
    const config = defineAppViteConfig(options);
    expect(config.preview?.port).toBe(0);
    expect(config.preview?.proxy).toEqual({ '/graphql': { target: 'http://127.0.0.1:41234', changeOrigin: true } });
  });

  it('refuses a port variable that is not a TCP port', () => {
    vi.stubEnv('PAYRAIL_TEST_UI_PORT', '70000');
    expect(() => defineAppViteConfig(options)).toThrow('PAYRAIL_TEST_UI_PORT=70000 is not a TCP port');
  });
});
