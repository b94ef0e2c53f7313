// A crash between storing an inbound webhook and applying it loses nothing: the API runs as a child
// process (the built dist/main.js; `pnpm build` first), is SIGKILLed right after answering 200, and the
// next process applies the stored event on start.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { signSandboxWebhook } from '@payrail/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../auth/viewer.js';
import { Payment } from '../../../db/entities/payment.js';
import type { RunningApi } from '../../../server.js';
import { startApi } from '../../../server.js';
import { createTestDatabase, testApiEnv, type TestDatabase } from '../../../testing/index.js';

const MAIN = fileURLToPath(new URL('../../../../dist/main.js', import.meta.url));
const SECRET = 'whsec_crash_test';

interface ApiProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<NodeJS.Signals | number | null>;
}

/** Starts `node dist/main.js` and resolves with its URL once it logged that it listens. */
function startApiProcess(env: Record<string, string | undefined>): Promise<ApiProcess> {
  const child = spawn(process.execPath, [MAIN], { env: { ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API process did not start within 20 s')), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'payrail api listening') {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${entry.port}`, exited });
      }
    });
    void exited.then((how) => reject(new Error(`the API process exited early (${String(how)})`)));
  });
}

if (!existsSync(MAIN) && process.env.CI) throw new Error('dist/main.js is missing: build @payrail/api before its tests (turbo does)');

describe.skipIf(!existsSync(MAIN))('crash between storing and applying an inbound webhook', () => {
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  let setup: RunningApi;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // One environment (same key-encryption key) for every process that shares the database.
    env = testApiEnv(db.url, { PAYRAIL_WEBHOOK_RECOVERY_INTERVAL_MS: '3600000' });
    setup = await startApi({ env });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await setup?.close();
    await db?.drop();
  });

  it('the event stored by a process killed before applying it is applied by the next process on start', async () => {
    const key = await setup.services.gatewayKeys.create(SYSTEM, { gateway: 'sandbox', mode: 'test', label: 'Sandbox', secretKey: 'sandbox_secret_key_for_tests', webhookSecret: SECRET, currencies: ['USD'] });
    const em = setup.services.orm.em.fork();
    const payment = em.create(Payment, { status: 'processing', purpose: 'amount', methodKind: 'card', amountMinor: 3_000, currency: 'USD', gateway: 'sandbox', gatewayKey: key.id, gatewayReference: 'pay_sbx_crash_1' });
    await em.persist(payment).flush();
    const signed = signSandboxWebhook(
      { id: 'evt_sbx_crash_1', type: 'payment.captured', created: Math.floor(Date.now() / 1000), data: { object: { object: 'sandbox.payment', id: 'pay_sbx_crash_1', amount: 3_000, amount_captured: 3_000, currency: 'USD' } } },
      SECRET,
    );

    const doomed = await startApiProcess({ ...env, PAYRAIL_TEST_HOLD_WEBHOOKS_AFTER_STORE: 'true' });
    children.push(doomed.child);
    const response = await fetch(`${doomed.url}/webhooks/sandbox/${key.id}`, { method: 'POST', headers: signed.headers, body: signed.rawBody });
    expect(response.status).toBe(200);
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');

    const stored = async () =>
      (await setup.services.orm.em.getConnection().execute<{ status: string }[]>(`select status from webhook_events where event_id = 'evt_sbx_crash_1'`))[0]?.status;
    const status = async () => (await setup.services.orm.em.fork().findOneOrFail(Payment, payment.id)).status;
    expect(await stored()).toBe('received');
    expect(await status()).toBe('processing');

    const next = await startApiProcess(env);
    children.push(next.child);
    const deadline = Date.now() + 15_000;
    while ((await stored()) !== 'applied' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await stored()).toBe('applied');
    expect(await status()).toBe('captured');

    // Delivered again by the gateway after the restart: a duplicate, nothing changes.
    const again = await fetch(`${next.url}/webhooks/sandbox/${key.id}`, { method: 'POST', headers: signed.headers, body: signed.rawBody });
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    next.child.kill('SIGTERM');
    await next.exited;
  }, 60_000);
});
