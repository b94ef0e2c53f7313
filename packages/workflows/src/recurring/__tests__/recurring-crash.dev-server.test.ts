import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeProxy, type StripeProxy } from '@payrail/gateways/testing';
import { Invoice, Payment, RecurringSchedule, SYSTEM } from '@payrail/api/services';
import { uniqueKey } from '@payrail/api/testing';
import { openDomainEnv, type DomainEnv } from '../../__tests__/domain-env.js';
import { temporalEnv } from '../../__tests__/temporal-env.js';

const address = temporalEnv('TEMPORAL_ADDRESS');
const localstripeUrl = process.env.LOCALSTRIPE_URL;
const workerScript = join(dirname(fileURLToPath(import.meta.url)), '../../../dist/worker.js');

/** Forwards to `target`; the first POST /v1/payment_intents reaches Stripe but its answer is held back. */
async function startStallingProxy(target: string): Promise<{ url: string; charged: Promise<void>; server: Server }> {
  let stalled = false;
  let markCharged!: () => void;
  const charged = new Promise<void>((resolve) => (markCharged = resolve));
  const server = createServer((request, response) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers.set(name, value);
      const method = request.method ?? 'GET';
      const upstream = await fetch(new URL(request.url ?? '/', target), { method, headers, ...(method === 'GET' ? {} : { body: Buffer.concat(chunks) }) });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (!stalled && method === 'POST' && request.url === '/v1/payment_intents') {
        // Stripe charged; the worker never hears it (the test kills it now).
        stalled = true;
        markCharged();
        return;
      }
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      response.end(body);
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, charged, server };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The worker runs as a real process (`node dist/worker.js`, what production runs) and is SIGKILLed while
// its charge is in flight at the gateway: the next worker must finish that charge, not make a second.
describe.skipIf(address === undefined || !localstripeUrl || !existsSync(workerScript))('a worker killed in the middle of a charge', () => {
  const taskQueue = `test-crash-${randomUUID()}`;
  const secrets = { PAYRAIL_KEK: randomBytes(32).toString('base64'), PAYRAIL_KEK_ID: 'crash1', PAYRAIL_SESSION_SECRET: randomBytes(32).toString('hex'), PAYRAIL_IDEMPOTENCY_LEASE_MS: '3000' };
  let stripe: StripeProxy;
  let stall: Awaited<ReturnType<typeof startStallingProxy>>;
  let domain: DomainEnv;
  const workers: ChildProcess[] = [];
  const output: string[] = [];

  function startWorker(name: string): ChildProcess {
    const child = spawn(process.execPath, [workerScript], {
      env: {
        ...process.env, ...secrets,
        DATABASE_URL: domain.db.url, TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, PAYRAIL_WORKFLOWS: 'on', PAYRAIL_RECONCILE_SWEEP_EVERY_MS: '0',
        PAYRAIL_STRIPE_API_BASE_URL: stall.url, LOG_LEVEL: 'warn', TEMPORAL_SHUTDOWN_GRACE_SECONDS: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => output.push(`[${name}] ${d.toString()}`));
    child.stderr!.on('data', (d: Buffer) => output.push(`[${name}!] ${d.toString()}`));
    workers.push(child);
    return child;
  }

  beforeAll(async () => {
    stripe = await startStripeProxy({ targetUrl: localstripeUrl!, legacyParamNames: true });
    stall = await startStallingProxy(stripe.url);
    domain = await openDomainEnv(address!, taskQueue, { ...secrets, PAYRAIL_STRIPE_API_BASE_URL: stall.url });
  });

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await domain?.close();
    await new Promise((r) => stall?.server.close(r));
    await stripe?.close();
  });

  it('exactly one charge reaches Stripe, and the schedule goes on to its next cycle', async () => {
    try {
      await killAndResume();
    } catch (error) {
      // The workers' own logs say why a step never came.
      throw new Error(`${String(error)}\n--- worker output ---\n${output.join('').slice(-4000)}\n--- stripe ---\n${stripe.requests.map((r) => `${r.method} ${r.path} ${r.status} replayed=${r.replayed} key=${r.idempotencyKey} ${r.body.slice(0, 300)}`).join('\n')}`);
    }
  }, 120_000);

  async function killAndResume(): Promise<void> {
    const services = domain.api.services;
    const key = await services.gatewayKeys.create(SYSTEM, { gateway: 'stripe', mode: 'test', label: 'Stripe', secretKey: 'sk_test_PayrailCrash1', publishableKey: 'pk_test_PayrailCrash1', currencies: ['USD'] });
    const { customer } = await domain.f.customer();
    const profile = await services.profiles.save(SYSTEM, { idempotencyKey: uniqueKey('save'), customerId: customer.id, gatewayKeyId: key.id, paymentToken: 'pm_card_visa', makeDefault: true });

    const first = startWorker('A');
    // Whole seconds: the calendar keeps a charge's local time to the second.
    const startAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1_000);
    const schedule = await services.schedules.create(SYSTEM, { customerId: customer.id, profileId: profile.id, amountMinor: 2_500, currency: 'USD', interval: 'month', startAt, anchorDay: startAt.getUTCDate() });

    await Promise.race([stall.charged, until('the first charge at Stripe', async () => first.exitCode !== null && Promise.reject(new Error('worker A exited')), 30_000)]);
    first.kill('SIGKILL');
    const payment = await until('the payment row', () => services.orm.em.fork().findOne(Payment, { customer: customer.id }), 5_000);
    expect(payment.status).toBe('requires_payment_method');

    startWorker('B');
    const row = await until('cycle 1', async () => {
      const s = await services.orm.em.fork().findOneOrFail(RecurringSchedule, schedule.id);
      return s.cycle >= 1 ? s : null;
    }, 60_000);

    const creates = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(creates.filter((r) => !r.replayed)).toHaveLength(1);
    expect(creates.filter((r) => r.replayed).length).toBeGreaterThanOrEqual(1);
    // Our key `<paymentId>:authorize`, plus the Stripe adapter's verb suffix: both attempts sent the same one.
    expect(new Set(creates.map((r) => r.idempotencyKey))).toEqual(new Set([`${payment.id}:authorize:authorize`]));

    const em = services.orm.em.fork();
    const payments = await em.find(Payment, { customer: customer.id });
    expect(payments.map((p) => p.status)).toEqual(['captured']);
    expect(await em.find(Invoice, { customer: customer.id })).toMatchObject([{ status: 'paid', amountMinor: 2_500 }]);
    expect(row.status).toBe('active');
    const nextMonth = new Date(startAt);
    nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1, Math.min(startAt.getUTCDate(), new Date(Date.UTC(startAt.getUTCFullYear(), startAt.getUTCMonth() + 2, 0)).getUTCDate()));
    expect(row.nextChargeAt.toISOString()).toBe(nextMonth.toISOString());
    await services.schedules.cancel(SYSTEM, schedule.id);
  }
});
