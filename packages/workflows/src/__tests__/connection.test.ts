import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionOptions } from '../connection.js';

describe('connectionOptions', () => {
  it('connects in plain text to a local server', () => {
    expect(connectionOptions({ address: '127.0.0.1:7233' })).toEqual({ address: '127.0.0.1:7233' });
  });

  it('turns TLS on for an API key', () => {
    expect(connectionOptions({ address: 'ns.acct.tmprl.cloud:7233', apiKey: 'k' })).toEqual({
      address: 'ns.acct.tmprl.cloud:7233',
      tls: true,
      apiKey: 'k',
    });
  });

  it('reads the mTLS client certificate and key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'payrail-tls-'));
    writeFileSync(join(dir, 'client.pem'), 'CERT');
    writeFileSync(join(dir, 'client.key'), 'KEY');
    const options = connectionOptions({
      address: 'temporal.internal:7233',
      clientCert: { certPath: join(dir, 'client.pem'), keyPath: join(dir, 'client.key') },
    });
    expect(options.address).toBe('temporal.internal:7233');
    expect(options.tls).toEqual({ clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') } });
  });
});
