import { Client, Connection } from '@temporalio/client';

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
}

/**
 * One lazily opened Temporal connection for the API: starting workflows, signals and queries.
 * The API starts without Temporal (readiness reports it) and connects on first use.
 */
export class TemporalGateway {
  private connecting?: Promise<{ connection: Connection; client: Client }>;

  constructor(readonly settings: TemporalSettings) {}

  async client(): Promise<Client> {
    return (await this.connect()).client;
  }

  private connect() {
    this.connecting ??= Connection.connect({ address: this.settings.address, connectTimeout: '3s' })
      .then((connection) => ({ connection, client: new Client({ connection, namespace: this.settings.namespace }) }))
      .catch((error: unknown) => {
        this.connecting = undefined;
        throw error;
      });
    return this.connecting;
  }

  async isReachable(): Promise<boolean> {
    try {
      const { connection } = await this.connect();
      await connection.healthService.check({});
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    const pending = this.connecting;
    this.connecting = undefined;
    if (pending) await (await pending.catch(() => undefined))?.connection.close();
  }
}
