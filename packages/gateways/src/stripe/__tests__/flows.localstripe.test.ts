/**
 * Flow tests against localstripe (stateful fake), through the proxy that adds Stripe's idempotency
 * replay and renames `allowed_payment_method_types` for localstripe's older API.
 * localstripe rejects parameters it does not know, so these flows omit description, statement
 * descriptor and return URL (the contract tests against stripe-mock cover those).
 */
import { createServer } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthorizeInput } from '../../interface.js';
import { close, listen, readBody } from '../../testing/http-util.js';
import { fakeServiceUrl, fakeStripeConfig, fakeStripeSecretKey, localstripeAuthenticate, registerLocalstripeWebhook } from '../../testing/stripe-fakes.js';
import { startStripeProxy, type StripeProxy } from '../../testing/stripe-proxy.js';
import { StripeGateway } from '../client.js';

const localstripeUrl = fakeServiceUrl('LOCALSTRIPE_URL');
if (localstripeUrl === undefined) console.warn('LOCALSTRIPE_URL is not set: skipping the localstripe flow tests');

let unique = 0;
function key(label: string): string {
  unique += 1;
  return `${label}-${Date.now()}-${unique}`;
}

function authorizeInput(overrides: Partial<AuthorizeInput> = {}): AuthorizeInput {
  return {
    idempotencyKey: key('auth'),
    amountMinor: 2500,
    currency: 'EUR',
    captureMethod: 'manual',
    source: { kind: 'token', token: 'pm_card_visa' },
    offSession: false,
    metadata: { paymentId: 'pay_test' },
    ...overrides,
  };
}

describe.skipIf(localstripeUrl === undefined)('Stripe flows on localstripe', () => {
  const baseUrl = localstripeUrl ?? '';
  let proxy: StripeProxy;
  let gateway: StripeGateway;

  // localstripe is shared with other test files and packages, so it is never reset here: every object is new.
  beforeAll(async () => {
    proxy = await startStripeProxy({ targetUrl: baseUrl, legacyParamNames: true });
    gateway = new StripeGateway(fakeStripeConfig(proxy.url));
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('authorizes, partially captures, then refunds', async () => {
    const held = await gateway.authorize(authorizeInput());
    expect(held).toMatchObject({ status: 'authorized', authorizedMinor: 2500, capturableMinor: 2500, capturedMinor: 0, currency: 'EUR' });
    const captured = await gateway.capture({ idempotencyKey: key('cap'), gatewayReference: held.gatewayReference, amountMinor: 1500 });
    expect(captured).toMatchObject({ status: 'captured', capturedMinor: 1500, capturableMinor: 0, refundedMinor: 0 });
    const refund = await gateway.refund({ idempotencyKey: key('ref'), gatewayReference: held.gatewayReference, amountMinor: 500 });
    expect(refund).toMatchObject({ status: 'succeeded', amountMinor: 500, refundReference: expect.stringMatching(/^re_/) });
  });

  it('declines the 0341 card as a failed result', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: key('cus'), email: 'decline@example.test', reference: 'c-decline' });
    const method = await gateway.savePaymentMethod({ idempotencyKey: key('pm'), gatewayCustomerId, token: 'pm_card_chargeCustomerFail' });
    const result = await gateway.authorize(authorizeInput({ offSession: true, source: { kind: 'saved', gatewayCustomerId, methodId: method.methodId } }));
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'card_declined', declineType: 'soft' } });
    expect(result.gatewayReference).toMatch(/^pi_/);
  });

  it('saves a card and charges it off-session, then detaches it', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: key('cus'), email: 'save@example.test', name: 'Ada', reference: 'c-save' });
    const method = await gateway.savePaymentMethod({ idempotencyKey: key('pm'), gatewayCustomerId, token: 'pm_card_visa' });
    expect(method).toMatchObject({ status: 'saved', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 });
    const charged = await gateway.authorize(authorizeInput({ captureMethod: 'automatic', offSession: true, source: { kind: 'saved', gatewayCustomerId, methodId: method.methodId } }));
    expect(charged).toMatchObject({ status: 'captured', capturedMinor: 2500 });
    expect(await gateway.deletePaymentMethod({ idempotencyKey: key('del'), gatewayCustomerId, methodId: method.methodId })).toEqual({ deleted: true });
  });

  it('runs 3-D Secure: requires_action, authenticate, confirm', async () => {
    const token = await createCardMethod(baseUrl, '4000002500003155');
    const pending = await gateway.authorize(authorizeInput({ captureMethod: 'automatic', source: { kind: 'token', token } }));
    expect(pending.status).toBe('requires_action');
    const clientSecret = pending.nextAction?.type === 'three_d_secure' ? pending.nextAction.clientSecret : undefined;
    expect(clientSecret).toMatch(/_secret_/);
    expect(JSON.stringify(pending.raw)).not.toContain(clientSecret);
    await localstripeAuthenticate(baseUrl, pending.gatewayReference, clientSecret ?? '', true);
    const done = await gateway.confirm({ idempotencyKey: key('conf'), gatewayReference: pending.gatewayReference });
    expect(done).toMatchObject({ status: 'captured', capturedMinor: 2500 });
  });

  // localstripe 1.15 captures a canceled intent (Stripe refuses), so capture-after-cancel is covered
  // by the scripted-server tests in errors.http.test.ts instead.
  it('cancels an authorization; canceling again returns it', async () => {
    const held = await gateway.authorize(authorizeInput());
    expect(await gateway.cancel({ idempotencyKey: key('void'), gatewayReference: held.gatewayReference })).toMatchObject({ status: 'canceled', capturableMinor: 0 });
    expect(await gateway.cancel({ idempotencyKey: key('void'), gatewayReference: held.gatewayReference })).toMatchObject({ status: 'canceled' });
  });

  it('refuses to cancel a captured payment', async () => {
    const paid = await gateway.authorize(authorizeInput({ captureMethod: 'automatic' }));
    await expect(gateway.cancel({ idempotencyKey: key('void'), gatewayReference: paid.gatewayReference })).rejects.toMatchObject({ code: 'already_captured', kind: 'terminal' });
  });

  it('refunds in full and refuses to refund more', async () => {
    const paid = await gateway.authorize(authorizeInput({ captureMethod: 'automatic' }));
    expect(await gateway.refund({ idempotencyKey: key('ref'), gatewayReference: paid.gatewayReference, amountMinor: 2500 })).toMatchObject({ status: 'succeeded', amountMinor: 2500 });
    expect((await gateway.retrievePayment({ gatewayReference: paid.gatewayReference })).refundedMinor).toBe(2500);
  });

  it('capturing twice returns the captured payment', async () => {
    const held = await gateway.authorize(authorizeInput());
    await gateway.capture({ idempotencyKey: key('cap'), gatewayReference: held.gatewayReference, amountMinor: 2500 });
    const again = await gateway.capture({ idempotencyKey: key('cap'), gatewayReference: held.gatewayReference, amountMinor: 2500 });
    expect(again).toMatchObject({ status: 'captured', capturedMinor: 2500 });
  });

  it('a retried authorize with the same key returns the same intent', async () => {
    const input = authorizeInput();
    const first = await gateway.authorize(input);
    const second = await gateway.authorize(input);
    expect(second.gatewayReference).toBe(first.gatewayReference);
    expect(proxy.requests.filter((request) => request.idempotencyKey === `${input.idempotencyKey}:authorize`).map((request) => request.replayed)).toEqual([false, true]);
  });

  it('verifies credentials', async () => {
    expect(await gateway.verifyCredentials()).toEqual({ ok: true });
    expect(await new StripeGateway(fakeStripeConfig(proxy.url, { secretKey: 'not_a_key' })).verifyCredentials()).toMatchObject({ ok: false });
  });

  describe('webhooks from localstripe', () => {
    const secret = 'whsec_localstripe_flow';
    const received: { body: Buffer; headers: Record<string, string | string[] | undefined> }[] = [];
    const receiver = createServer((request, response) => {
      void readBody(request).then((body) => {
        received.push({ body, headers: request.headers });
        response.writeHead(200).end();
      });
    });

    beforeAll(async () => {
      const receiverUrl = await listen(receiver);
      await registerLocalstripeWebhook(baseUrl, `payrail-${Date.now()}`, `${receiverUrl}/webhooks/stripe`, secret);
    });
    afterAll(async () => close(receiver));
    beforeEach(() => {
      received.length = 0;
    });

    it('receives a signed payment_intent.succeeded that parseWebhook verifies and normalises', async () => {
      const signed = new StripeGateway(fakeStripeConfig(proxy.url, { webhookSecret: secret }));
      const paid = await gateway.authorize(authorizeInput({ captureMethod: 'automatic' }));
      const deadline = Date.now() + 5_000;
      let event;
      while (event === undefined && Date.now() < deadline) {
        for (const delivery of received) {
          const parsed = await signed.parseWebhook({ rawBody: delivery.body, headers: delivery.headers });
          if (parsed.type === 'payment.succeeded' && parsed.gatewayReference === paid.gatewayReference) event = parsed;
        }
        if (event === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(event).toMatchObject({ type: 'payment.succeeded', nativeType: 'payment_intent.succeeded', currency: 'EUR', eventId: expect.stringMatching(/^evt_/) });
    });
  });
});

/** Creates a card PaymentMethod on localstripe as Stripe.js would in the browser. */
async function createCardMethod(baseUrl: string, number: string): Promise<string> {
  const body = new URLSearchParams({ type: 'card', 'card[number]': number, 'card[exp_month]': '12', 'card[exp_year]': '2030', 'card[cvc]': '123' });
  const response = await fetch(`${baseUrl}/v1/payment_methods`, { method: 'POST', headers: { authorization: `Bearer ${fakeStripeSecretKey}`, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  const json: unknown = await response.json();
  if (typeof json !== 'object' || json === null || !('id' in json) || typeof json.id !== 'string') throw new Error(`localstripe did not create a payment method: ${JSON.stringify(json)}`);
  return json.id;
}
