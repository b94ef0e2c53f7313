import { signSandboxWebhook, type SandboxWebhookEvent, type SignedWebhook } from '@payrail/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../auth/viewer.js';
import { Payment } from '../../../db/entities/payment.js';
import type { RunningApi } from '../../../server.js';
import { createTestDatabase, startTestApi, type TestDatabase } from '../../../testing/index.js';

const SECRET = 'whsec_sandbox_inbound_test';

/** What each payment of a stream goes through at the gateway, in order. */
type Journey = 'captured' | 'failed' | 'held';
const JOURNEYS: Record<Journey, string[]> = {
  captured: ['payment.requires_action', 'payment.authorized', 'payment.captured'],
  failed: ['payment.requires_action', 'payment.failed'],
  held: ['payment.requires_action', 'payment.authorized'],
};

/** A small deterministic PRNG (mulberry32), so a failing shuffle can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

describe('inbound gateway webhooks through POST /webhooks/:gateway/:keyId (real HTTP, real signatures)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let keyId: string;
  let url: string;
  let eventCounter = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.url, { PAYRAIL_WEBHOOK_RECOVERY_INTERVAL_MS: '200' });
    const key = await api.services.gatewayKeys.create(SYSTEM, {
      gateway: 'sandbox', mode: 'test', label: 'Sandbox', secretKey: 'sandbox_secret_key_for_tests', webhookSecret: SECRET, currencies: ['USD'],
    });
    keyId = key.id;
    url = `${api.url}/webhooks/sandbox/${keyId}`;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  /** Payments as the API would have left them after authorize: known gateway reference, waiting for news. */
  async function createPayments(label: string, journeys: Journey[]): Promise<{ id: string; reference: string; amount: number; journey: Journey }[]> {
    const em = api.services.orm.em.fork();
    const rows = journeys.map((journey, i) => {
      const payment = em.create(Payment, {
        status: 'requires_payment_method', purpose: 'amount', methodKind: 'card', captureMethod: journey === 'held' ? 'manual' : 'automatic',
        amountMinor: 1_000 + i, currency: 'USD', gateway: 'sandbox', gatewayKey: keyId, gatewayReference: `pay_sbx_${label}_${i}`,
      });
      em.persist(payment);
      return { id: payment.id, reference: payment.gatewayReference!, amount: payment.amountMinor, journey };
    });
    await em.flush();
    return rows;
  }

  function event(type: string, reference: string, amount: number, timestamp?: number): SignedWebhook {
    eventCounter += 1;
    const body: SandboxWebhookEvent = {
      id: `evt_sbx_inbound_${eventCounter}`,
      type,
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          object: 'sandbox.payment', id: reference, amount, currency: 'USD',
          amount_captured: type === 'payment.captured' ? amount : 0, ...(type === 'payment.failed' ? { failure_code: 'card_declined' } : {}),
        },
      },
    };
    return signSandboxWebhook(body, SECRET, timestamp);
  }

  async function post(signed: SignedWebhook, target = url): Promise<{ status: number; body: { duplicate?: boolean; error?: string } }> {
    const response = await fetch(target, { method: 'POST', headers: signed.headers, body: signed.rawBody });
    return { status: response.status, body: (await response.json()) as { duplicate?: boolean; error?: string } };
  }

  async function storedCount(): Promise<number> {
    const [row] = await api.services.orm.em.getConnection().execute<{ n: string }[]>('select count(*) as n from webhook_events');
    return Number(row!.n);
  }

  async function waitUntilApplied(eventIds?: string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [row] = await api.services.orm.em.getConnection().execute<{ n: string }[]>(
        eventIds ? `select count(*) as n from webhook_events where status = 'received' and event_id in (?)` : `select count(*) as n from webhook_events where status = 'received'`,
        eventIds ? [eventIds] : [],
      );
      if (Number(row!.n) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('webhook events were not applied within 30 s');
  }

  async function finalStates(ids: string[]) {
    const payments = await api.services.orm.em.fork().find(Payment, { id: { $in: ids } });
    const byId = new Map(payments.map((p) => [p.id, p]));
    return ids.map((id) => {
      const p = byId.get(id)!;
      return { status: p.status, authorizedMinor: p.authorizedMinor, capturedMinor: p.capturedMinor, failureCode: p.failureCode ?? null };
    });
  }

  it('1,000 events with 30 % duplicates in shuffled order end in the same state as the ordered stream', async () => {
    const journeys: Journey[] = [...Array<Journey>(200).fill('captured'), ...Array<Journey>(25).fill('failed'), ...Array<Journey>(25).fill('held')];
    const ordered = await createPayments('ordered', journeys);
    const shuffled = await createPayments('shuffled', journeys);

    // The ordered stream: each payment's events one after the other, each applied before the next is sent.
    const orderedStarted = performance.now();
    await inParallel(ordered, 8, async (payment) => {
      for (const type of JOURNEYS[payment.journey]) {
        const signed = event(type, payment.reference, payment.amount);
        expect((await post(signed)).status).toBe(200);
        await waitUntilApplied([JSON.parse(signed.rawBody.toString()).id]);
      }
    });
    const orderedMs = performance.now() - orderedStarted;

    // The same journeys for the twin payments: 700 distinct events, 300 exact re-deliveries, all shuffled.
    const distinct = shuffled.flatMap((payment) => JOURNEYS[payment.journey].map((type) => event(type, payment.reference, payment.amount)));
    expect(distinct).toHaveLength(700);
    const next = random(20261124);
    const duplicates = Array.from({ length: 300 }, () => distinct[Math.floor(next() * distinct.length)]!);
    const stream = shuffle([...distinct, ...duplicates], next);
    expect(stream).toHaveLength(1_000);

    const before = await storedCount();
    const started = performance.now();
    const responses = await inParallel(stream, 16, (signed) => post(signed));
    await waitUntilApplied();
    const shuffledMs = performance.now() - started;

    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(700);
    expect(responses.filter((r) => r.body.duplicate === true)).toHaveLength(300);
    expect((await storedCount()) - before).toBe(700);

    const expected = await finalStates(ordered.map((p) => p.id));
    expect(await finalStates(shuffled.map((p) => p.id))).toEqual(expected);
    expect(expected.slice(0, 200).every((s) => s.status === 'captured' && s.capturedMinor > 0)).toBe(true);
    expect(expected.slice(200, 225).every((s) => s.status === 'failed' && s.failureCode === 'card_declined')).toBe(true);
    expect(expected.slice(225).every((s) => s.status === 'authorized' && s.capturedMinor === 0)).toBe(true);

    // Monotonic: every late event is still on the timeline, marked as ignored.
    const [late] = await api.services.orm.em.getConnection().execute<{ n: string }[]>(
      `select count(*) as n from payment_gateway_transactions t join payments p on p.id = t.payment_id
       where p.gateway_reference like 'pay_sbx_shuffled_%' and t.kind = 'webhook' and t.message like 'ignored:%'`,
    );
    const [timeline] = await api.services.orm.em.getConnection().execute<{ n: string }[]>(
      `select count(*) as n from payment_gateway_transactions t join payments p on p.id = t.payment_id where p.gateway_reference like 'pay_sbx_shuffled_%' and t.kind = 'webhook'`,
    );
    expect(Number(timeline!.n)).toBe(700);
    expect(Number(late!.n)).toBeGreaterThan(0);
    console.info(`ordered stream (700 events, applied one by one per payment): ${Math.round(orderedMs)} ms; shuffled stream (1,000 posts): ${Math.round(shuffledMs)} ms; late events ignored: ${late!.n}`);
  }, 120_000);

  it('an event about a payment we do not know is kept as unmatched and applied once the payment appears', async () => {
    const reference = 'pay_sbx_later_1';
    const signed = event('payment.captured', reference, 700);
    expect((await post(signed)).status).toBe(200);
    await waitUntilApplied();
    const eventId = JSON.parse(signed.rawBody.toString()).id;
    const [stored] = await api.services.orm.em.getConnection().execute<{ status: string; id: string }[]>('select id, status from webhook_events where event_id = ?', [eventId]);
    expect(stored!.status).toBe('unmatched');

    const [payment] = await createPayments('later', ['captured']);
    // The API's own authorize call records the reference after the gateway already sent the webhook.
    await api.services.orm.em.getConnection().execute(`update payments set gateway_reference = ? where id = ?`, [reference, payment!.id]);
    expect(await api.services.webhooks.applier.apply(stored!.id)).toBe('applied');
    expect((await finalStates([payment!.id]))[0]).toMatchObject({ status: 'captured', capturedMinor: 700 });
  });

  it('rejects a forged, a replayed-too-late and a one-byte-changed event with 400 and stores nothing', async () => {
    const [payment] = await createPayments('attacked', ['captured']);
    const before = await storedCount();

    const forged = signSandboxWebhook(JSON.parse(event('payment.captured', payment!.reference, 1_000).rawBody.toString()), 'whsec_not_the_secret');
    const replayed = event('payment.captured', payment!.reference, 1_000, Math.floor(Date.now() / 1000) - 3_600);
    const genuine = event('payment.captured', payment!.reference, 1_000);
    const tampered = { headers: genuine.headers, rawBody: Buffer.from(genuine.rawBody) };
    const at = tampered.rawBody.indexOf('"amount":1000') + '"amount":'.length;
    tampered.rawBody[at] = '9'.charCodeAt(0);

    for (const attack of [forged, replayed, tampered]) {
      const response = await post(attack);
      expect(response.status).toBe(400);
    }
    expect((await post(genuine, `${api.url}/webhooks/sandbox/00000000-0000-7000-8000-000000000000`)).status).toBe(404);
    expect(await storedCount()).toBe(before);
    expect((await finalStates([payment!.id]))[0]!.status).toBe('requires_payment_method');

    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(/payrail_webhooks_rejected_total\{gateway="sandbox",reason="signature_mismatch"\} 2/);
    expect(metrics).toMatch(/payrail_webhooks_rejected_total\{gateway="sandbox",reason="timestamp_out_of_tolerance"\} 1/);

    // The genuine event still goes through afterwards.
    expect((await post(genuine)).status).toBe(200);
    await waitUntilApplied();
    expect((await finalStates([payment!.id]))[0]!.status).toBe('captured');
  });

  it('writes an outbox event in the same transaction as every status change a webhook causes', async () => {
    const [payment] = await createPayments('outbox', ['captured']);
    for (const type of JOURNEYS.captured) {
      await post(event(type, payment!.reference, payment!.amount));
      await waitUntilApplied();
    }
    const rows = await api.services.orm.em.getConnection().execute<{ type: string }[]>(`select type from domain_events where subject_id = ? order by id`, [payment!.id]);
    expect(rows.map((r) => r.type)).toEqual(['payment.requires_action', 'payment.requires_capture', 'payment.succeeded']);
  });
});
