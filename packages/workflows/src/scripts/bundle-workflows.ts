// Build step (after tsc): bundles dist/workflows.js and everything it imports into dist/workflow-bundle.js,
// which the worker loads at start instead of running webpack itself.
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { prebuiltBundlePath, workflowsPath } from '../bundle.js';
import { createLogger, PinoSdkLogger } from '../logger.js';

const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
// The bundler logs webpack's whole report at INFO; only its warnings and errors are worth a build log line.
const bundlerLogger = new PinoSdkLogger(logger.child({ component: 'bundler' }, { level: 'warn' }));

const started = performance.now();
const { code } = await bundleWorkflowCode({ workflowsPath, logger: bundlerLogger });
await writeFile(prebuiltBundlePath, code);
logger.info(
  { bundle: relative(process.cwd(), prebuiltBundlePath), bytes: code.length, ms: Math.round(performance.now() - started) },
  'workflow bundle written',
);
