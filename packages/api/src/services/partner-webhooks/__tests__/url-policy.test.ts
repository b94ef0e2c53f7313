import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../../server.js';
import { createTestDatabase, fixtures, startTestApi, type TestDatabase } from '../../../testing/index.js';
import { assertAllowedPartnerUrl, isPrivateAddress, privateDestinationReason } from '../url-policy.js';

const strict = { allowPrivateNetworks: false };

describe('partner URL policy (server-side request forgery guard)', () => {
  it('knows loopback, private, link-local, metadata and mapped addresses', () => {
    for (const inward of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(inward), inward).toBe(true);
    }
    for (const outward of ['8.8.8.8', '151.101.1.1', '2606:4700::1111']) expect(isPrivateAddress(outward), outward).toBe(false);
  });

  it('refuses http, localhost and private literals at registration unless the setup allows them', () => {
    for (const url of ['http://partner.example/hook', 'https://localhost/hook', 'https://127.0.0.1/hook', 'https://[::1]/hook', 'https://169.254.169.254/latest']) {
      expect(() => assertAllowedPartnerUrl(new URL(url), strict), url).toThrow(/https|public/);
    }
    expect(() => assertAllowedPartnerUrl(new URL('https://partner.example/hook'), strict)).not.toThrow();
    expect(() => assertAllowedPartnerUrl(new URL('http://127.0.0.1:9000/hook'), { allowPrivateNetworks: true })).not.toThrow();
  });

  it('re-checks after DNS at delivery time: a name that resolves inward is refused', async () => {
    expect(await privateDestinationReason(new URL('https://localhost/hook'), strict)).toMatch(/resolves to the non-public address/);
    expect(await privateDestinationReason(new URL('https://localhost/hook'), { allowPrivateNetworks: true })).toBeNull();
  });
});

describe('registering a partner endpoint with the strict policy', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.url, { PAYRAIL_PARTNER_WEBHOOKS_ALLOW_PRIVATE: 'false' });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('gives a typed error for an internal address and accepts a public https one', async () => {
    const f = fixtures(api);
    const gql = f.gql(await f.staffToken('admin'));
    const register = `mutation($i: CreatePartnerWebhookEndpointInput!) { createPartnerWebhookEndpoint(input: $i) { userErrors { field code message } } }`;
    const inward = await gql(register, { i: { url: 'http://127.0.0.1:8080/hook', eventTypes: ['payment.succeeded'] } });
    expect(inward.data!.createPartnerWebhookEndpoint.userErrors).toEqual([expect.objectContaining({ field: 'input.url', code: 'INVALID_INPUT' })]);
    const outward = await gql(register, { i: { url: 'https://partner.example/hook', eventTypes: ['payment.succeeded'] } });
    expect(outward.data!.createPartnerWebhookEndpoint.userErrors).toEqual([]);
  });
});
