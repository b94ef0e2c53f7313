// Which real Temporal servers the tests use, from the environment `eval "$(infra/stack env)"` sets.
// Locally a missing variable skips the suite that needs it, with a warning that says how to get it;
// in CI (`CI` set) it fails the file instead: a CI run that skipped the Temporal tests proved nothing.
import { bundleWorkflowCode, DefaultLogger, Runtime, type WorkflowBundle } from '@temporalio/worker';
import { workflowsPath } from '../bundle.js';

const HOW = 'run `infra/stack up temporal && infra/stack install temporal-test-server && eval "$(infra/stack env)"`';

export type TemporalEnvVar = 'TEMPORAL_ADDRESS' | 'TEMPORAL_TEST_SERVER_PATH';

/** The variable's value; undefined (with a warning) when unset outside CI; throws when unset in CI. */
export function temporalEnv(name: TemporalEnvVar): string | undefined {
  const value = process.env[name];
  if (value !== undefined && value !== '') return value;
  if (inCi()) throw new Error(`${name} is not set; CI must run the Temporal tests: ${HOW}`);
  process.emitWarning(`${name} is not set, so the tests that need it are skipped; ${HOW}`);
  return undefined;
}

function inCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** The namespace of the dev server (infra/stack creates `default`). */
export const namespace = process.env.TEMPORAL_NAMESPACE || 'default';

/** Keeps the SDK to warnings (it logs every worker state change at INFO). Call before anything Temporal. */
export function quietTemporalRuntime(): void {
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

let bundle: Promise<WorkflowBundle> | undefined;

/** src/workflows.ts bundled once per test file, shared by that file's workers (webpack costs seconds). */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  return bundle;
}
