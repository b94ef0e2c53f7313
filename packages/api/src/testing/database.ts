import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createOrm, migrateToLatest } from '../db/orm.js';

/** The server tests create their databases on; set by `infra/stack env`. */
export function adminDatabaseUrl(): string {
  const url = process.env.PAYRAIL_PG_ADMIN_URL;
  if (!url) throw new Error('PAYRAIL_PG_ADMIN_URL is not set: run the tests through ./dev test (or eval "$(infra/stack env)")');
  return url;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database for one test run; dropped afterwards. */
export async function createTestDatabase(prefix = 'payrail_test'): Promise<TestDatabase> {
  const adminUrl = adminDatabaseUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const orm = await createOrm(url.toString());
  try {
    await migrateToLatest(orm);
  } finally {
    await orm.close();
  }
  return {
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
