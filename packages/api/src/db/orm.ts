import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { allEntities } from './entities/index.js';
import { migrations } from './migrations/index.js';

export function ormConfig(databaseUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities: allEntities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    // Schema changes go through reviewed migrations only, never a runtime schema update.
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: { min: 0, max: 20 },
    debug: false,
    allowGlobalContext: false,
    ...overrides,
  });
}

export async function createOrm(databaseUrl: string, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormConfig(databaseUrl, overrides));
}

export async function migrateToLatest(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

export { MikroORM };
