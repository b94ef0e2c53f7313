import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizeInput } from '../../interface.js';
import { close, listen, readBody } from '../../testing/http-util.js';
import { startRazorpayFake, type RazorpayFake } from '../../testing/razorpay-fake.js';
import { RazorpayGateway } from '../client.js';

let unique = 0;
function key(label: string): string {
  unique += 1;
  return `${label}-${unique}`;
}

function authorizeInput(overrides: Partial<AuthorizeInput> = {}): AuthorizeInput {
  return { idempotencyKey: key('auth'), amountMinor: 50_000, currency: 'INR', captureMethod: 'manual', source: { kind: 'token', token: 'checkout' }, offSession: false, metadata: { paymentId: 'pay_1' }, ...overrides };
}

describe('Razorpay flows against the local fake', () => {
  const webhookSecret = 'rzp_webhook_secret';
  const received: { body: Buffer; headers: Record<string, string | string[] | undefined> }[] = [];
  const receiver = createServer((request, response) => {
    void readBody(request).then((body) => {
      received.push({ body, headers: request.headers });
      response.writeHead(200).end();
    });
  });
  let fake: RazorpayFake;
  let gateway: RazorpayGateway;

  beforeAll(async () => {
    const receiverUrl = await listen(receiver);
    fake = await startRazorpayFake({ webhook: { url: `${receiverUrl}/webhooks/razorpay`, secret: webhookSecret } });
    gateway = new RazorpayGateway(fake.config());
  });
  afterAll(async () => {
    await fake.close();
    await close(receiver);
  });

  it('checkout flow: order → Checkout → confirm with a verified signature → capture → partial refund', async () => {
    const pending = await gateway.authorize(authorizeInput());
    expect(pending).toMatchObject({ status: 'requires_action', nextAction: { type: 'razorpay_checkout', keyId: fake.keyId, orderId: pending.gatewayReference } });
    const checkout = await fake.completeCheckout(pending.gatewayReference);
    const confirmed = await gateway.confirm({ idempotencyKey: key('conf'), gatewayReference: pending.gatewayReference, confirmation: { ...checkout } });
    expect(confirmed).toMatchObject({ status: 'authorized', authorizedMinor: 50_000, capturableMinor: 50_000 });
    const captured = await gateway.capture({ idempotencyKey: key('cap'), gatewayReference: pending.gatewayReference, amountMinor: 50_000 });
    expect(captured).toMatchObject({ status: 'captured', capturedMinor: 50_000 });
    const refund = await gateway.refund({ idempotencyKey: key('ref'), gatewayReference: pending.gatewayReference, amountMinor: 10_000 });
    expect(refund).toMatchObject({ status: 'succeeded', amountMinor: 10_000, refundReference: expect.stringMatching(/^rfnd_/) });
    expect((await gateway.retrievePayment({ gatewayReference: pending.gatewayReference })).refundedMinor).toBe(10_000);
  });

  it('rejects a forged Checkout signature', async () => {
    const pending = await gateway.authorize(authorizeInput());
    const checkout = await fake.completeCheckout(pending.gatewayReference);
    const forged = { ...checkout, razorpay_signature: '0'.repeat(64) };
    await expect(gateway.confirm({ idempotencyKey: key('conf'), gatewayReference: pending.gatewayReference, confirmation: forged })).rejects.toMatchObject({ code: 'signature_invalid' });
  });

  it('recurring: a saved token is charged server to server, automatic capture', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: key('cus'), email: 'asha@example.test', name: 'Asha', phone: '+919000000001', reference: 'c1' });
    const tokenId = await fake.createToken(gatewayCustomerId);
    const method = await gateway.savePaymentMethod({ idempotencyKey: key('pm'), gatewayCustomerId, token: tokenId });
    expect(method).toMatchObject({ methodId: tokenId, brand: 'visa', last4: '1111', expMonth: 12, status: 'saved' });
    const charged = await gateway.authorize(authorizeInput({ captureMethod: 'automatic', offSession: true, source: { kind: 'saved', gatewayCustomerId, methodId: tokenId } }));
    expect(charged).toMatchObject({ status: 'captured', capturedMinor: 50_000 });
    expect(await gateway.deletePaymentMethod({ idempotencyKey: key('del'), gatewayCustomerId, methodId: tokenId })).toEqual({ deleted: true });
    expect(await gateway.deletePaymentMethod({ idempotencyKey: key('del'), gatewayCustomerId, methodId: tokenId })).toEqual({ deleted: true });
  });

  it('a token whose card declines gives a failed result', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: key('cus'), email: 'decline@example.test', reference: 'c2' });
    const tokenId = await fake.createToken(gatewayCustomerId, '4000000000000341');
    const charged = await gateway.authorize(authorizeInput({ offSession: true, source: { kind: 'saved', gatewayCustomerId, methodId: tokenId } }));
    expect(charged).toMatchObject({ status: 'failed', failure: { code: 'card_declined', declineType: 'soft', gatewayCode: 'card_declined' } });
  });

  it('a retried authorize with the same key reuses the order and never charges twice', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: key('cus'), email: 'retry@example.test', reference: 'c3' });
    const tokenId = await fake.createToken(gatewayCustomerId);
    const input = authorizeInput({ offSession: true, source: { kind: 'saved', gatewayCustomerId, methodId: tokenId } });
    const first = await gateway.authorize(input);
    const second = await gateway.authorize(input);
    expect(second.gatewayReference).toBe(first.gatewayReference);
    expect(fake.state.orderPayments(first.gatewayReference)).toHaveLength(1);
    await expect(gateway.authorize({ ...input, amountMinor: 60_000 })).rejects.toMatchObject({ code: 'idempotency_conflict' });
  });

  it('refund retries with the same key return the same refund; over-refunds are refused', async () => {
    const pending = await gateway.authorize(authorizeInput({ captureMethod: 'automatic' }));
    await fake.completeCheckout(pending.gatewayReference);
    const refundKey = key('ref');
    const first = await gateway.refund({ idempotencyKey: refundKey, gatewayReference: pending.gatewayReference, amountMinor: 20_000 });
    const again = await gateway.refund({ idempotencyKey: refundKey, gatewayReference: pending.gatewayReference, amountMinor: 20_000 });
    expect(again.refundReference).toBe(first.refundReference);
    await expect(gateway.refund({ idempotencyKey: key('ref'), gatewayReference: pending.gatewayReference, amountMinor: 30_001 })).rejects.toMatchObject({ code: 'amount_invalid' });
    await gateway.refund({ idempotencyKey: key('ref'), gatewayReference: pending.gatewayReference, amountMinor: 30_000 });
    await expect(gateway.refund({ idempotencyKey: key('ref'), gatewayReference: pending.gatewayReference, amountMinor: 1 })).rejects.toMatchObject({ code: 'already_refunded' });
  });

  it('capturing twice returns the capture; partial capture and void are refused as Razorpay cannot do them', async () => {
    const pending = await gateway.authorize(authorizeInput());
    await fake.completeCheckout(pending.gatewayReference);
    await expect(gateway.capture({ idempotencyKey: key('cap'), gatewayReference: pending.gatewayReference, amountMinor: 100 })).rejects.toMatchObject({ code: 'amount_invalid' });
    await expect(gateway.cancel({ idempotencyKey: key('void'), gatewayReference: pending.gatewayReference })).rejects.toMatchObject({ code: 'invalid_request' });
    await gateway.capture({ idempotencyKey: key('cap'), gatewayReference: pending.gatewayReference, amountMinor: 50_000 });
    expect(await gateway.capture({ idempotencyKey: key('cap'), gatewayReference: pending.gatewayReference, amountMinor: 50_000 })).toMatchObject({ status: 'captured' });
    await expect(gateway.cancel({ idempotencyKey: key('void'), gatewayReference: pending.gatewayReference })).rejects.toMatchObject({ code: 'already_captured' });
  });

  it('canceling an unpaid order is harmless', async () => {
    const pending = await gateway.authorize(authorizeInput());
    const canceled = await gateway.cancel({ idempotencyKey: key('void'), gatewayReference: pending.gatewayReference });
    expect(canceled).toMatchObject({ status: 'canceled', capturableMinor: 0 });
    expect(canceled.nextAction).toBeUndefined();
  });

  it('verifies credentials, and reports bad ones', async () => {
    expect(await gateway.verifyCredentials()).toEqual({ ok: true });
    expect(await new RazorpayGateway(fake.config({ secretKey: 'wrong' })).verifyCredentials()).toMatchObject({ ok: false });
  });

  it('delivers signed webhooks that parseWebhook verifies and normalises', async () => {
    const pending = await gateway.authorize(authorizeInput({ captureMethod: 'automatic' }));
    await fake.completeCheckout(pending.gatewayReference);
    await fake.flushWebhooks();
    const parsed = await Promise.all(received.map((delivery) => gateway.parseWebhook({ rawBody: delivery.body, headers: delivery.headers })));
    const captured = parsed.find((event) => event.nativeType === 'payment.captured' && event.gatewayReference === pending.gatewayReference);
    expect(captured).toMatchObject({ type: 'payment.succeeded', amountMinor: 50_000, currency: 'INR', eventId: expect.stringMatching(/^evt_/) });
    expect(fake.deliveries.every((delivery) => delivery.status === 200)).toBe(true);
  });

  it('maps network failures: refused is retryable, a hang is a timeout, 503 is retried', async () => {
    const slow = new RazorpayGateway(fake.config({ timeoutMs: 200 }));
    fake.injectFaults({ kind: 'hang' });
    await expect(slow.retrievePayment({ gatewayReference: 'order_x' })).rejects.toMatchObject({ code: 'timeout', kind: 'indeterminate' });
    const retrying = new RazorpayGateway(fake.config({ maxNetworkRetries: 2 }));
    const pending = await retrying.authorize(authorizeInput());
    fake.injectFaults({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    expect((await retrying.retrievePayment({ gatewayReference: pending.gatewayReference })).gatewayReference).toBe(pending.gatewayReference);
    const refused = new RazorpayGateway(fake.config({ apiBaseUrl: 'http://127.0.0.1:1' }));
    await expect(refused.retrievePayment({ gatewayReference: 'order_x' })).rejects.toMatchObject({ code: 'gateway_unavailable', kind: 'retryable' });
  });
});
