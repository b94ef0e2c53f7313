import 'reflect-metadata';
import { createOrm } from '../db/orm.js';

/** Prints the CREATE statements the entities imply; used when writing a migration by hand. */
const orm = await createOrm(process.env.DATABASE_URL ?? 'postgres://payrail@127.0.0.1:55432/payrail');
process.stdout.write(await orm.schema.getCreateSchemaSQL({ wrap: false }));
await orm.close();
