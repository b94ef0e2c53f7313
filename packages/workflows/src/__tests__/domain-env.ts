// A real domain for workflow tests: a fresh PostgreSQL database, the API running on it (its services
// are what the activities call, exactly as in the worker), and fixtures to build customers, cards and keys.
import { randomUUID } from 'node:crypto';
import { SYSTEM } from '@payrail/api/services';
import { createTestDatabase, fixtures, startTestApi, uniqueKey, type TestDatabase } from '@payrail/api/testing';
import { createActivities } from '../activities.js';
import { Mailer } from '../notifications/mailer.js';

type RunningApi = Awaited<ReturnType<typeof startTestApi>>;

export interface DomainEnv {
  db: TestDatabase;
  api: RunningApi;
  f: ReturnType<typeof fixtures>;
  mailer: Mailer | null;
  activities: ReturnType<typeof createActivities>;
  close(): Promise<void>;
}

/** The API with workflows on, pointed at `temporalAddress` and `taskQueue` (so it starts holds, schedules, batches there). */
export async function openDomainEnv(temporalAddress: string, taskQueue: string, extra: Record<string, string> = {}): Promise<DomainEnv> {
  const db = await createTestDatabase('payrail_wf');
  const api = await startTestApi(db.url, { PAYRAIL_WORKFLOWS: 'on', TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_TASK_QUEUE: taskQueue, PAYRAIL_STAFF_EMAIL: `staff-${randomUUID()}@billing.test`, ...extra });
  const { SMTP_HOST: host, SMTP_PORT: port } = process.env;
  const mailer = host && port ? new Mailer({ host, port: Number(port), from: 'Payrail Billing <billing@payrail.test>' }) : null;
  return {
    db,
    api,
    f: fixtures(api),
    mailer,
    activities: createActivities(api.services, mailer),
    async close() {
      mailer?.close();
      await api.close();
      await db.drop();
    },
  };
}

/** A customer with a saved sandbox card (test card number) on a sandbox key. */
export async function customerWithCard(env: DomainEnv, card: string, keySettings: { recurringAllowed?: boolean; authorizationTtlHours?: number; holdExpiryAction?: 'cancel' | 'capture' } = {}) {
  const key = await env.api.services.gatewayKeys.create(SYSTEM, { gateway: 'sandbox', mode: 'test', label: 'Sandbox', secretKey: 'sandbox_secret_key_for_tests', currencies: ['USD', 'EUR'], ...keySettings });
  const { customer, token } = await env.f.customer();
  const profile = await env.api.services.profiles.save(SYSTEM, { idempotencyKey: uniqueKey('save'), customerId: customer.id, gatewayKeyId: key.id, paymentToken: card, makeDefault: true });
  return { key, customer, token, profile };
}

export interface MailboxMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** What the test SMTP server received for `to` (MAILBOX_URL from infra/stack env). */
export async function mailTo(to: string): Promise<MailboxMessage[]> {
  const base = process.env.MAILBOX_URL;
  if (!base) throw new Error('MAILBOX_URL is not set: eval "$(infra/stack env)"');
  const response = await fetch(`${base}/messages?to=${encodeURIComponent(to)}`);
  return (await response.json()) as MailboxMessage[];
}
