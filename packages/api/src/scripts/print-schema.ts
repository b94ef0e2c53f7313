import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { printSchema } from 'graphql';
import { createSchema } from '../graphql/schema.js';

/** Writes schema.graphql (committed; CI fails when it is out of date). `--check` only compares. */
const target = new URL('../../schema.graphql', import.meta.url);
const printed = `${printSchema(await createSchema())}\n`;
if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== printed) {
    process.stderr.write('schema.graphql is out of date: run `pnpm --filter @payrail/api codegen` and commit it\n');
    process.exit(1);
  }
} else {
  await writeFile(target, printed);
}
