import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, startTestApi } from '@payrail/api/testing';
import type { Browser, Page } from 'playwright-core';
import { build, preview } from 'vite';
import { afterAll, beforeAll, describe } from 'vitest';
import { chromiumInstalled, chromiumPath, launchChromium } from './browser.js';

/**
 * What a UI end-to-end test runs against, all real: a fresh migrated database,
 * the API on an ephemeral port, the app built and served by `vite preview`
 * (whose /graphql proxy forwards to that API), and headless Chromium.
 */
export interface E2eStack {
  /** The app, e.g. http://127.0.0.1:41234/ */
  appUrl: string;
  /** The API's origin (its GraphQL endpoint is `${apiUrl}/graphql`). */
  apiUrl: string;
  browser: Browser;
  /** A new page whose uncaught errors are collected in `pageErrors`. */
  newPage(): Promise<{ page: Page; pageErrors: Error[] }>;
  close(): Promise<void>;
}

/** Why the e2e tests cannot run here, or undefined when they can. */
export function missingPrerequisites(): string | undefined {
  const missing = ['PAYRAIL_PG_ADMIN_URL', 'TEMPORAL_ADDRESS'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    return `${missing.join(' and ')} not set: infra/stack up postgres temporal && eval "$(infra/stack env)"`;
  }
  if (!chromiumInstalled()) return `no Chromium at ${chromiumPath()}: infra/services/chromium.sh install`;
  return undefined;
}

/** A describe() for e2e tests: in CI missing prerequisites fail the run; locally the suite is skipped with the reason. */
export function describeE2e(name: string, body: () => void): void {
  const missing = missingPrerequisites();
  if (!missing) {
    describe(name, body);
    return;
  }
  if (inCi()) throw new Error(`${name}: cannot run in CI: ${missing}`);
  console.warn(`[e2e] skipping "${name}": ${missing}`);
  describe.skip(`${name} (skipped: ${missing})`, body);
}

function inCi(): boolean {
  const ci = process.env.CI;
  return Boolean(ci) && ci !== 'false' && ci !== '0';
}

/** Starts everything an app's e2e test needs; `appRoot` is the UI package folder. */
export async function startE2eStack(appRoot: string): Promise<E2eStack> {
  const closers: (() => Promise<unknown>)[] = [];
  // Everything started is stopped in reverse order, even when one step fails.
  const close = async () => {
    const errors: unknown[] = [];
    for (const closer of closers.splice(0).reverse()) {
      await closer().catch((error: unknown) => errors.push(error));
    }
    if (errors.length > 0) throw new AggregateError(errors, 'e2e teardown failed');
  };
  try {
    const database = await createTestDatabase('payrail_ui_e2e');
    closers.push(() => database.drop());
    const api = await startTestApi(database.url);
    closers.push(() => api.close());

    const outDir = await mkdtemp(join(tmpdir(), 'payrail-ui-e2e-'));
    closers.push(() => rm(outDir, { recursive: true, force: true }));
    const appUrl = await serveBuiltApp(appRoot, outDir, api.url, closers);

    const browser = await launchChromium();
    closers.push(() => browser.close());

    const newPage = async () => {
      const page = await browser.newPage();
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      return { page, pageErrors };
    };
    return { appUrl, apiUrl: api.url, browser, newPage, close };
  } catch (error) {
    // The start-up error is the one worth reporting; teardown errors would hide it.
    await close().catch(() => undefined);
    throw error;
  }
}

/**
 * Starts the stack before a suite's tests and stops it after them; call it inside describeE2e.
 * Returns the running stack's getter (the stack exists only once beforeAll has run).
 */
export function useE2eStack(appRoot: string): () => E2eStack {
  let stack: E2eStack | undefined;
  beforeAll(async () => {
    stack = await startE2eStack(appRoot);
  });
  afterAll(async () => {
    await stack?.close();
  });
  return () => {
    if (!stack) throw new Error('the e2e stack is not running: call useE2eStack inside describeE2e');
    return stack;
  };
}

/**
 * Builds the app as production would (talking to the same-origin /graphql)
 * and serves it with the package's own vite.config.ts, proxy included.
 */
async function serveBuiltApp(appRoot: string, outDir: string, apiUrl: string, closers: (() => Promise<unknown>)[]): Promise<string> {
  const inline = { root: appRoot, configFile: join(appRoot, 'vite.config.ts'), logLevel: 'warn' as const };
  await withEnv({ VITE_PAYRAIL_API_URL: '/graphql' }, () => build({ ...inline, build: { outDir, emptyOutDir: true } }));
  const server = await withEnv({ PAYRAIL_API_URL: apiUrl }, () =>
    preview({ ...inline, build: { outDir }, preview: { port: 0, open: false } }),
  );
  closers.push(() => server.close());
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview started but reported no local URL');
  return url;
}

/** The file a test's screenshot goes to: <app>/test-results/<name>.png */
export async function screenshotPath(appRoot: string, name: string): Promise<string> {
  const dir = join(appRoot, 'test-results');
  await mkdir(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

// Vite reads VITE_* and the config's env vars when it loads the config; restore them after.
async function withEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
