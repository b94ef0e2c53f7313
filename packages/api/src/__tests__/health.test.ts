import { beforeAll, describe, expect, it } from 'vitest';
import { graphqlClient, startTestApi } from '../testing/index.js';
import type { RunningApi } from '../server.js';
import { migrations } from '../db/migrations/index.js';
import { useTestApi } from '../testing/use-test-api.js';

describe('API skeleton against real PostgreSQL and Temporal', () => {
  const handle = useTestApi();
  let api: RunningApi;

  beforeAll(async () => {
    api = handle.api;
  });

  it('applies every migration: every domain table exists', async () => {
    const rows: { table_name: string }[] = await api.services.orm.em
      .getConnection()
      .execute(`select table_name from information_schema.tables where table_schema = 'public' order by table_name`);
    const tables = rows.map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['payments', 'payment_gateway_transactions', 'payment_gateway_keys', 'customers', 'mikro_orm_migrations']));
    const applied: { name: string }[] = await api.services.orm.em.getConnection().execute('select name from mikro_orm_migrations order by id');
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
  });

  it('answers the health query with database and temporal reachable', async () => {
    const result = await graphqlClient(api.url)(`{ health { status database temporal version } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.health).toEqual({ status: 'ok', database: true, temporal: true, version: '0.1.0' });
  });

  it('serves /healthz, /readyz and Prometheus /metrics', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ database: true, temporal: true });
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toContain('payrail_http_requests_total');
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });

  it('reports not ready when Temporal is unreachable', async () => {
    const offline = await startTestApi(handle.db.url, { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    try {
      const ready = await fetch(`${offline.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ database: true, temporal: false });
    } finally {
      await offline.close();
    }
  });

  it('rejects a bad bearer token with UNAUTHENTICATED', async () => {
    const result = await graphqlClient(api.url, 'not-a-token')(`{ health { status } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
