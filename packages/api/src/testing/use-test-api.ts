// Not exported from ./testing: it registers vitest hooks, so only this package's own test files import it.
import { afterAll, beforeAll } from 'vitest';
import type { RunningApi, StartApiOptions } from '../server.js';
import { startTestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApiHandle {
  readonly api: RunningApi;
  readonly db: TestDatabase;
}

/**
 * A fresh migrated database and a running API for one test file: created before its tests, closed and
 * dropped after them. Read `handle.api` inside hooks and tests (it is set once `beforeAll` has run).
 */
export function useTestApi(extra: Record<string, string> = {}, options: Omit<StartApiOptions, 'env'> = {}): TestApiHandle {
  let db: TestDatabase | undefined;
  let api: RunningApi | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.url, extra, options);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });
  return {
    get api() {
      if (!api) throw new Error('the test API is not running: use it inside hooks and tests');
      return api;
    },
    get db() {
      if (!db) throw new Error('the test database does not exist yet: use it inside hooks and tests');
      return db;
    },
  };
}
