import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../domain/secret-box.js';
import type { RunningApi } from '../server.js';
import { createTestDatabase, fixtures, startTestApi, testApiEnv, type TestDatabase } from '../testing/index.js';
import { createOrm } from '../db/orm.js';
import { createServices } from '../services/index.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';

const SECRET = `sandbox_${randomBytes(12).toString('hex')}`;
const WEBHOOK_SECRET = `whsec_${randomBytes(12).toString('hex')}`;

describe('gateway secrets are encrypted at rest, write-only and never logged', () => {
  let db: TestDatabase;
  let api: RunningApi;
  const logLines: string[] = [];
  let kek: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    kek = randomBytes(32).toString('base64');
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    api = await startTestApi(db.url, { PAYRAIL_KEK: kek, PAYRAIL_KEK_ID: 'old' }, { logLevel: 'debug', logStream });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('creating, reading, verifying and failing with a key never shows the secret', async () => {
    const f = fixtures(api);
    const gql = f.gql(await f.staffToken('admin'));
    const responses: unknown[] = [];
    const created = await gql(
      `mutation($i: CreateGatewayKeyInput!) { createGatewayKey(input: $i) { gatewayKey { id secretKeyHint webhookSecretHint } userErrors { code } } }`,
      { i: { gateway: 'sandbox', mode: 'test', label: 'Secret test', secretKey: SECRET, webhookSecret: WEBHOOK_SECRET, currencies: ['USD'] } },
    );
    responses.push(created);
    const keyId = created.data!.createGatewayKey.gatewayKey.id;
    expect(created.data!.createGatewayKey.gatewayKey.secretKeyHint).toBe(SECRET.slice(-4));
    responses.push(await gql(`{ gatewayKeys { id label secretKeyHint webhookSecretHint webhookUrl } }`));
    responses.push(await gql(`mutation($i: GatewayKeyIdInput!) { verifyGatewayKey(input: $i) { ok message } }`, { i: { id: keyId } }));
    responses.push(await gql(`mutation($i: UpdateGatewayKeyInput!) { updateGatewayKey(input: $i) { gatewayKey { id } userErrors { code message } } }`, { i: { id: keyId, secretKey: SECRET, currencies: ['nope'] } }));
    responses.push(await gql(`{ auditLogs { nodes { action dataJson } } }`));
    responses.push(await gql(`{ gatewayKeys { secretKey } }`));

    const everything = JSON.stringify(responses) + logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(WEBHOOK_SECRET);

    const rows = await api.services.orm.em.getConnection().execute<{ secret_key_envelope: string }[]>('select * from payment_gateway_keys');
    const auditRows = await api.services.orm.em.getConnection().execute('select * from audit_logs');
    const dump = JSON.stringify([rows, auditRows]);
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(WEBHOOK_SECRET);
    expect(SecretBox.keyIdOf(rows[0]!.secret_key_envelope)).toBe('old');
  });

  it('the rotation re-encrypts every key under the new key-encryption key', async () => {
    const newKek = randomBytes(32).toString('base64');
    const config = loadConfig(testApiEnv(db.url, { PAYRAIL_KEK: newKek, PAYRAIL_KEK_ID: 'new', PAYRAIL_KEK_PREVIOUS: `old:${kek}` }));
    const orm = await createOrm(db.url);
    const services = createServices(config, orm, createLogger('silent'), createMetrics());
    try {
      expect(await services.gatewayKeys.reencryptAll()).toBe(1);
      expect(await services.gatewayKeys.reencryptAll()).toBe(0);
      const key = await orm.em.fork().findOneOrFail(PaymentGatewayKey, { label: 'Secret test' });
      expect(SecretBox.keyIdOf(key.secretKeyEnvelope)).toBe('new');
      const onlyNew = SecretBox.fromConfig({ PAYRAIL_KEK: newKek, PAYRAIL_KEK_ID: 'new', PAYRAIL_KEK_PREVIOUS: '' });
      expect(onlyNew.open(key.secretKeyEnvelope)).toBe(SECRET);
      expect(onlyNew.open(key.webhookSecretEnvelope!)).toBe(WEBHOOK_SECRET);
    } finally {
      await services.close();
      await orm.close();
    }
  });
});
