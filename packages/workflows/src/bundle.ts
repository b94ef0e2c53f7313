import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowBundleOption } from '@temporalio/worker';

const here = fileURLToPath(import.meta.url);
const dir = dirname(here);

/**
 * The module the bundler starts from: dist/workflows.js when running the build, src/workflows.ts under
 * vitest (this file's own extension tells which). The bundler (webpack + swc) reads both, and maps the
 * NodeNext `./x.js` specifiers to `.ts` sources.
 */
export const workflowsPath = join(dir, `workflows${extname(here)}`);

/** Where `pnpm build` writes the prebuilt workflow bundle (dist/workflow-bundle.js). */
export const prebuiltBundlePath = join(dir, 'workflow-bundle.js');

const runningFromSource = extname(here) === '.ts';

/**
 * The workflow code a worker loads. From dist it is the bundle the build wrote, so the worker does not run
 * webpack at start-up (seconds of CPU, and webpack in production memory). From source (tests) it is the
 * workflows module itself, bundled when the worker is created, so tests always run the code as written.
 */
export function workflowCode(): { workflowBundle: WorkflowBundleOption } | { workflowsPath: string } {
  if (runningFromSource) return { workflowsPath };
  if (!existsSync(prebuiltBundlePath)) {
    throw new Error(`${prebuiltBundlePath} is missing: run \`pnpm --filter @payrail/workflows build\`, which writes it`);
  }
  return { workflowBundle: { codePath: prebuiltBundlePath } };
}
