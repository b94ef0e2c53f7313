import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { WorkerConfig } from './config.js';

export type TemporalSettings = WorkerConfig['temporal'];

/** Where and how to reach Temporal: what both the worker's and the client's connections need. */
export type TemporalConnectionSettings = Pick<TemporalSettings, 'address' | 'apiKey' | 'clientCert'>;

/** Address, TLS and API key in the shape both Connection (client) and NativeConnection (worker) take. */
export function connectionOptions(settings: TemporalConnectionSettings): { address: string; tls?: TLSConfig | boolean; apiKey?: string } {
  const { address, apiKey, clientCert } = settings;
  if (clientCert !== undefined) {
    const tls: TLSConfig = {
      clientCertPair: { crt: readFileSync(clientCert.certPath), key: readFileSync(clientCert.keyPath) },
    };
    return { address, tls, ...(apiKey !== undefined && { apiKey }) };
  }
  // Temporal Cloud API keys are only accepted over TLS.
  if (apiKey !== undefined) return { address, tls: true, apiKey };
  return { address };
}
