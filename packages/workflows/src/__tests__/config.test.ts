import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_TASK_QUEUE, loadWorkerConfig } from '../config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadWorkerConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return expect.unreachable('the configuration was accepted');
}

describe('loadWorkerConfig', () => {
  it('defaults the namespace, task queue, grace time and log level', () => {
    expect(loadWorkerConfig({ TEMPORAL_ADDRESS: '127.0.0.1:7233' })).toEqual({
      temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: DEFAULT_TASK_QUEUE },
      shutdownGraceSeconds: 10,
      logLevel: 'info',
    });
    expect(DEFAULT_TASK_QUEUE).toBe('payrail');
  });

  it('reads every variable', () => {
    const config = loadWorkerConfig({
      TEMPORAL_ADDRESS: 'payrail.a1b2c.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'payrail.a1b2c',
      TEMPORAL_TASK_QUEUE: 'payrail-eu',
      TEMPORAL_API_KEY: 'key',
      TEMPORAL_TLS_CERT_PATH: '/etc/payrail/client.pem',
      TEMPORAL_TLS_KEY_PATH: '/etc/payrail/client.key',
      TEMPORAL_SHUTDOWN_GRACE_SECONDS: '30',
      LOG_LEVEL: 'debug',
    });
    expect(config).toEqual({
      temporal: {
        address: 'payrail.a1b2c.tmprl.cloud:7233',
        namespace: 'payrail.a1b2c',
        taskQueue: 'payrail-eu',
        apiKey: 'key',
        clientCert: { certPath: '/etc/payrail/client.pem', keyPath: '/etc/payrail/client.key' },
      },
      shutdownGraceSeconds: 30,
      logLevel: 'debug',
    });
  });

  it('says a required variable is missing', () => {
    expect(problemsOf({})).toEqual(['TEMPORAL_ADDRESS is required but not set']);
  });

  it('names every bad variable once, in one error, without echoing values', () => {
    const problems = problemsOf({
      TEMPORAL_ADDRESS: 'http://temporal',
      TEMPORAL_NAMESPACE: '',
      TEMPORAL_API_KEY: '',
      TEMPORAL_TLS_CERT_PATH: '/etc/payrail/client.pem',
      TEMPORAL_SHUTDOWN_GRACE_SECONDS: '1.5',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual([
      'TEMPORAL_ADDRESS must be host:port, e.g. 127.0.0.1:7233',
      'TEMPORAL_NAMESPACE must not be empty',
      'TEMPORAL_API_KEY must not be empty',
      'TEMPORAL_SHUTDOWN_GRACE_SECONDS must be a whole number of seconds',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'TEMPORAL_TLS_KEY_PATH must be set when TEMPORAL_TLS_CERT_PATH is',
    ]);
    expect(problems.join('\n')).not.toContain('http://temporal');
  });
});
