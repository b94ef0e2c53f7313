/**
 * Contract tests: every request the adapter makes is validated by stripe-mock against Stripe's OpenAPI
 * spec (unknown or malformed parameters answer 400). stripe-mock is stateless and answers fixtures, so
 * these assert that calls are accepted and carry the right headers, not business outcomes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeServiceUrl, fakeStripeConfig } from '../../testing/stripe-fakes.js';
import { startStripeProxy, type StripeProxy } from '../../testing/stripe-proxy.js';
import { StripeGateway } from '../client.js';
import { stripeApiVersion } from '../sdk.js';

const stripeMockUrl = fakeServiceUrl('STRIPE_MOCK_URL');
if (stripeMockUrl === undefined) console.warn('STRIPE_MOCK_URL is not set: skipping the stripe-mock contract tests');

describe.skipIf(stripeMockUrl === undefined)('Stripe requests against stripe-mock', () => {
  let proxy: StripeProxy;
  let gateway: StripeGateway;

  beforeAll(async () => {
    proxy = await startStripeProxy({ targetUrl: stripeMockUrl ?? '', idempotency: false });
    gateway = new StripeGateway(fakeStripeConfig(proxy.url));
  });
  afterAll(async () => {
    await proxy.close();
  });

  function lastPost(): { path: string; idempotencyKey?: string; status: number; body: string } {
    const post = proxy.requests.filter((request) => request.method === 'POST').at(-1);
    if (post === undefined) throw new Error('no POST recorded');
    return post;
  }

  it('authorize with every optional field is a valid PaymentIntent create', async () => {
    const result = await gateway.authorize({
      idempotencyKey: 'k-auth',
      amountMinor: 1999,
      currency: 'USD',
      captureMethod: 'manual',
      source: { kind: 'saved', gatewayCustomerId: 'cus_123', methodId: 'pm_123' },
      offSession: true,
      description: 'Invoice 42',
      statementDescriptor: 'PAYRAIL INV42',
      metadata: { paymentId: 'pay_1' },
      returnUrl: 'https://portal.example.test/return',
    });
    expect(result.gatewayReference).toMatch(/^pi_/);
    expect(lastPost()).toMatchObject({ path: '/v1/payment_intents', idempotencyKey: 'k-auth:authorize', status: 200 });
    expect(decodeURIComponent(lastPost().body)).toContain('allowed_payment_method_types[0]=card');
  });

  it('authorize with a one-off token', async () => {
    await gateway.authorize({ idempotencyKey: 'k-tok', amountMinor: 500, currency: 'EUR', captureMethod: 'automatic', source: { kind: 'token', token: 'pm_card_visa' }, offSession: false, metadata: {} });
    expect(lastPost()).toMatchObject({ idempotencyKey: 'k-tok:authorize', status: 200 });
  });

  it('capture, cancel, refund', async () => {
    await gateway.capture({ idempotencyKey: 'k-cap', gatewayReference: 'pi_123', amountMinor: 1000 });
    expect(lastPost()).toMatchObject({ path: '/v1/payment_intents/pi_123/capture', idempotencyKey: 'k-cap:capture', status: 200 });
    await gateway.cancel({ idempotencyKey: 'k-void', gatewayReference: 'pi_123' });
    expect(lastPost()).toMatchObject({ path: '/v1/payment_intents/pi_123/cancel', idempotencyKey: 'k-void:cancel', status: 200 });
    const refund = await gateway.refund({ idempotencyKey: 'k-ref', gatewayReference: 'pi_123', amountMinor: 300, reason: 'requested_by_customer' });
    expect(refund.refundReference).toMatch(/^re_/);
    expect(lastPost()).toMatchObject({ path: '/v1/refunds', idempotencyKey: 'k-ref:refund', status: 200 });
  });

  it('customer, SetupIntent save, detach', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: 'k-cus', email: 'a@example.test', name: 'Ada', reference: 'cust_1' });
    expect(gatewayCustomerId).toMatch(/^cus_/);
    expect(lastPost()).toMatchObject({ path: '/v1/customers', idempotencyKey: 'k-cus:createCustomer' });
    const saved = await gateway.savePaymentMethod({ idempotencyKey: 'k-pm', gatewayCustomerId, token: 'pm_card_visa' });
    expect(saved.methodId).toMatch(/^pm_/);
    const posts = proxy.requests.filter((request) => request.idempotencyKey?.startsWith('k-pm:'));
    expect(posts.map((request) => request.idempotencyKey)).toContain('k-pm:setup');
    expect(posts.every((request) => request.status === 200)).toBe(true);
    await gateway.deletePaymentMethod({ idempotencyKey: 'k-del', gatewayCustomerId, methodId: saved.methodId });
  });

  it('confirm and retrieve', async () => {
    await gateway.confirm({ idempotencyKey: 'k-conf', gatewayReference: 'pi_123' });
    const retrieved = await gateway.retrievePayment({ gatewayReference: 'pi_123' });
    expect(retrieved.currency).toMatch(/^[A-Z]{3}$/);
  });

  it('verifyCredentials reads the balance', async () => {
    expect(await gateway.verifyCredentials()).toEqual({ ok: true });
  });

  it('sends the pinned API version on every request and no request was rejected', () => {
    expect(proxy.requests.length).toBeGreaterThan(5);
    expect(new Set(proxy.requests.map((request) => request.stripeVersion))).toEqual(new Set([stripeApiVersion]));
    expect(proxy.requests.filter((request) => request.status >= 400)).toEqual([]);
  });

  it('sends an idempotency key derived from ours on every POST', () => {
    const posts = proxy.requests.filter((request) => request.method === 'POST');
    expect(posts.length).toBeGreaterThan(5);
    for (const post of posts) expect(post.idempotencyKey).toMatch(/^k-[a-z]+:[a-zA-Z_]+$/);
  });
});
