import 'reflect-metadata';
import { createOrm, migrateToLatest } from '../db/orm.js';

/** Applies pending migrations to DATABASE_URL and prints what ran. */
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('payrail migrate: DATABASE_URL is required\n');
  process.exit(78);
}
const orm = await createOrm(url);
try {
  const applied = await migrateToLatest(orm);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
} finally {
  await orm.close();
}
