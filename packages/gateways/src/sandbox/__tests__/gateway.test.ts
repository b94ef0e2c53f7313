import { describe, expect, it } from 'vitest';
import { GatewayError, WebhookVerificationError } from '../../errors.js';
import type { AuthorizeInput } from '../../interface.js';
import { SandboxGateway } from '../gateway.js';
import { SandboxStore } from '../store.js';
import { sandboxTokenFor } from '../test-cards.js';
import { signSandboxWebhook } from '../webhooks.js';

const fixedNow = new Date('2030-01-15T10:00:00Z');
const webhookSecret = 'whsec_sandbox_test';

function newGateway(store = new SandboxStore({ now: () => fixedNow })): SandboxGateway {
  return new SandboxGateway({ mode: 'test', secretKey: 'sbx_test_key', webhookSecret }, { store });
}

function authorizeInput(overrides: Partial<AuthorizeInput> = {}): AuthorizeInput {
  return {
    idempotencyKey: 'idem-1',
    amountMinor: 1000,
    currency: 'USD',
    captureMethod: 'automatic',
    source: { kind: 'token', token: '4242424242424242' },
    offSession: false,
    metadata: { paymentId: 'pay_1' },
    ...overrides,
  };
}

describe('SandboxGateway authorize', () => {
  it('captures at once with automatic capture', async () => {
    const result = await newGateway().authorize(authorizeInput());
    expect(result).toMatchObject({ status: 'captured', authorizedMinor: 1000, capturedMinor: 1000, capturableMinor: 0, currency: 'USD' });
    expect(result.failure).toBeUndefined();
  });

  it('holds with manual capture, then captures part and releases the rest', async () => {
    const gateway = newGateway();
    const held = await gateway.authorize(authorizeInput({ captureMethod: 'manual' }));
    expect(held).toMatchObject({ status: 'authorized', authorizedMinor: 1000, capturedMinor: 0, capturableMinor: 1000 });
    const captured = await gateway.capture({ idempotencyKey: 'cap-1', gatewayReference: held.gatewayReference, amountMinor: 600 });
    expect(captured).toMatchObject({ status: 'captured', authorizedMinor: 1000, capturedMinor: 600, capturableMinor: 0 });
  });

  it.each([
    ['4000000000000002', 'card_declined', 'soft'],
    ['4000000000009995', 'insufficient_funds', 'soft'],
    ['4000000000000069', 'expired_card', 'hard'],
    ['4000000000009987', 'lost_or_stolen', 'hard'],
    ['4000000000000119', 'processing_error', 'soft'],
    [sandboxTokenFor('declined'), 'card_declined', 'soft'],
  ] as const)('declines %s as a failed result with %s (%s)', async (token, code, declineType) => {
    const result = await newGateway().authorize(authorizeInput({ source: { kind: 'token', token } }));
    expect(result.status).toBe('failed');
    expect(result.failure).toMatchObject({ code, declineType });
    expect(result.capturedMinor).toBe(0);
  });

  it('asks for 3-D Secure, then completes on confirm', async () => {
    const gateway = newGateway();
    const pending = await gateway.authorize(authorizeInput({ source: { kind: 'token', token: '4000002500003155' }, returnUrl: 'https://shop.test/back' }));
    expect(pending.status).toBe('requires_action');
    expect(pending.nextAction).toMatchObject({ type: 'three_d_secure', clientSecret: expect.stringContaining('_secret_') });
    expect(JSON.stringify(pending.raw)).not.toContain('_secret_');
    const done = await gateway.confirm({ idempotencyKey: 'conf-1', gatewayReference: pending.gatewayReference });
    expect(done).toMatchObject({ status: 'captured', capturedMinor: 1000 });
  });

  it('fails a 3-D Secure payment whose authentication fails', async () => {
    const gateway = newGateway();
    const pending = await gateway.authorize(authorizeInput({ source: { kind: 'token', token: '4000002500003155' } }));
    const failed = await gateway.confirm({ idempotencyKey: 'conf-1', gatewayReference: pending.gatewayReference, confirmation: { outcome: 'fail' } });
    expect(failed.failure?.code).toBe('authentication_required');
  });

  it('fails off-session charges that need authentication', async () => {
    const result = await newGateway().authorize(authorizeInput({ offSession: true, source: { kind: 'token', token: '4000002760003184' } }));
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'authentication_required', declineType: 'soft' } });
  });

  it('rejects float and negative amounts and lower-case currencies', async () => {
    const gateway = newGateway();
    await expect(gateway.authorize(authorizeInput({ amountMinor: 10.5 }))).rejects.toMatchObject({ code: 'amount_invalid', kind: 'terminal' });
    await expect(gateway.authorize(authorizeInput({ idempotencyKey: 'k2', amountMinor: -1 }))).rejects.toMatchObject({ code: 'amount_invalid' });
    await expect(gateway.authorize(authorizeInput({ idempotencyKey: 'k3', currency: 'usd' }))).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('rejects unknown cards as a terminal error', async () => {
    await expect(newGateway().authorize(authorizeInput({ source: { kind: 'token', token: '1234' } }))).rejects.toBeInstanceOf(GatewayError);
  });
});

describe('SandboxGateway idempotency', () => {
  it('returns the same result for a retried key and charges once', async () => {
    const gateway = newGateway();
    const first = await gateway.authorize(authorizeInput());
    const second = await gateway.authorize(authorizeInput());
    expect(second).toEqual(first);
    expect(gateway.stats()).toMatchObject({ charges: 1, chargesByIdempotencyKey: { 'idem-1': 1 }, idempotentReplays: 1 });
  });

  it('rejects the same key with different input', async () => {
    const gateway = newGateway();
    await gateway.authorize(authorizeInput());
    await expect(gateway.authorize(authorizeInput({ amountMinor: 2000 }))).rejects.toMatchObject({ code: 'idempotency_conflict' });
  });

  it('treats keys with the same input in another key order as the same request', async () => {
    const gateway = newGateway();
    const input = authorizeInput();
    const reordered: AuthorizeInput = {
      metadata: { paymentId: 'pay_1' },
      offSession: false,
      source: { token: '4242424242424242', kind: 'token' },
      captureMethod: 'automatic',
      currency: 'USD',
      amountMinor: 1000,
      idempotencyKey: 'idem-1',
    };
    expect(await gateway.authorize(reordered)).toEqual(await gateway.authorize(input));
  });

  it('shares idempotency records between instances on one store', async () => {
    const store = new SandboxStore();
    const first = await newGateway(store).authorize(authorizeInput());
    const second = await newGateway(store).authorize(authorizeInput());
    expect(second.gatewayReference).toBe(first.gatewayReference);
    expect(store.stats().charges).toBe(1);
  });

  it('a simulated network error is retryable and the retry with the same key charges once', async () => {
    const gateway = newGateway();
    const input = authorizeInput({ source: { kind: 'token', token: '4000000000000408' } });
    await expect(gateway.authorize(input)).rejects.toMatchObject({ code: 'gateway_unavailable', kind: 'retryable' });
    expect(await gateway.authorize(input)).toMatchObject({ status: 'captured' });
    expect(gateway.stats().charges).toBe(1);
  });

  it('replays terminal errors for the same key', async () => {
    const gateway = newGateway();
    const input = { idempotencyKey: 'cap', gatewayReference: 'pay_sbx_missing', amountMinor: 1 };
    await expect(gateway.capture(input)).rejects.toMatchObject({ code: 'not_found' });
    await expect(gateway.capture(input)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('SandboxGateway capture, cancel, refund', () => {
  it('treats capturing twice as success and refuses to capture more than authorized', async () => {
    const gateway = newGateway();
    const held = await gateway.authorize(authorizeInput({ captureMethod: 'manual' }));
    await expect(gateway.capture({ idempotencyKey: 'c0', gatewayReference: held.gatewayReference, amountMinor: 1001 })).rejects.toMatchObject({ code: 'amount_invalid' });
    await gateway.capture({ idempotencyKey: 'c1', gatewayReference: held.gatewayReference, amountMinor: 1000 });
    const again = await gateway.capture({ idempotencyKey: 'c2', gatewayReference: held.gatewayReference, amountMinor: 1000 });
    expect(again).toMatchObject({ status: 'captured', capturedMinor: 1000 });
  });

  it('voids an authorization; voiding again is success; capturing it is not', async () => {
    const gateway = newGateway();
    const held = await gateway.authorize(authorizeInput({ captureMethod: 'manual' }));
    expect(await gateway.cancel({ idempotencyKey: 'v1', gatewayReference: held.gatewayReference })).toMatchObject({ status: 'canceled', capturableMinor: 0 });
    expect(await gateway.cancel({ idempotencyKey: 'v2', gatewayReference: held.gatewayReference })).toMatchObject({ status: 'canceled' });
    await expect(gateway.capture({ idempotencyKey: 'c', gatewayReference: held.gatewayReference, amountMinor: 1 })).rejects.toMatchObject({ code: 'already_canceled' });
  });

  it('refuses to void a captured payment', async () => {
    const gateway = newGateway();
    const paid = await gateway.authorize(authorizeInput());
    await expect(gateway.cancel({ idempotencyKey: 'v', gatewayReference: paid.gatewayReference })).rejects.toMatchObject({ code: 'already_captured' });
  });

  it('refunds partially, then the rest, then refuses', async () => {
    const gateway = newGateway();
    const paid = await gateway.authorize(authorizeInput());
    const ref = paid.gatewayReference;
    expect(await gateway.refund({ idempotencyKey: 'r1', gatewayReference: ref, amountMinor: 300 })).toMatchObject({ status: 'succeeded', amountMinor: 300 });
    await expect(gateway.refund({ idempotencyKey: 'r2', gatewayReference: ref, amountMinor: 701 })).rejects.toMatchObject({ code: 'amount_invalid' });
    await gateway.refund({ idempotencyKey: 'r3', gatewayReference: ref, amountMinor: 700 });
    await expect(gateway.refund({ idempotencyKey: 'r4', gatewayReference: ref, amountMinor: 1 })).rejects.toMatchObject({ code: 'already_refunded' });
    expect((await gateway.retrievePayment({ gatewayReference: ref })).refundedMinor).toBe(1000);
  });
});

describe('SandboxGateway saved methods', () => {
  it('saves a card, charges it off-session, and deletes it', async () => {
    const gateway = newGateway();
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: 'cus', email: 'a@example.test', reference: 'c1' });
    const method = await gateway.savePaymentMethod({ idempotencyKey: 'pm', gatewayCustomerId, token: '4242 4242 4242 4242' });
    expect(method).toMatchObject({ status: 'saved', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 });
    const charged = await gateway.authorize(authorizeInput({ offSession: true, source: { kind: 'saved', gatewayCustomerId, methodId: method.methodId } }));
    expect(charged.status).toBe('captured');
    expect(await gateway.deletePaymentMethod({ idempotencyKey: 'del', gatewayCustomerId, methodId: method.methodId })).toEqual({ deleted: true });
    expect(await gateway.deletePaymentMethod({ idempotencyKey: 'del2', gatewayCustomerId, methodId: method.methodId })).toEqual({ deleted: true });
    await expect(gateway.authorize(authorizeInput({ idempotencyKey: 'x', source: { kind: 'saved', gatewayCustomerId, methodId: method.methodId } }))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('saves the 0341 card but declines its charges', async () => {
    const gateway = newGateway();
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: 'cus', email: 'a@example.test', reference: 'c1' });
    const method = await gateway.savePaymentMethod({ idempotencyKey: 'pm', gatewayCustomerId, token: '4000000000000341' });
    const charged = await gateway.authorize(authorizeInput({ offSession: true, source: { kind: 'saved', gatewayCustomerId, methodId: method.methodId } }));
    expect(charged).toMatchObject({ status: 'failed', failure: { code: 'card_declined' } });
  });

  it('lets a saved 3-D Secure card pay off-session (a mandate exists)', async () => {
    const gateway = newGateway();
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: 'cus', email: 'a@example.test', reference: 'c1' });
    const method = await gateway.savePaymentMethod({ idempotencyKey: 'pm', gatewayCustomerId, token: '4000002500003155' });
    const charged = await gateway.authorize(authorizeInput({ offSession: true, source: { kind: 'saved', gatewayCustomerId, methodId: method.methodId } }));
    expect(charged.status).toBe('captured');
  });

  it('refuses to save a card the issuer declines', async () => {
    const gateway = newGateway();
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: 'cus', email: 'a@example.test', reference: 'c1' });
    await expect(gateway.savePaymentMethod({ idempotencyKey: 'pm', gatewayCustomerId, token: '4000000000000002' })).rejects.toMatchObject({ code: 'card_declined', declineType: 'soft' });
  });
});

describe('SandboxGateway webhooks', () => {
  it('emits signed events that parse back to normalised ones', async () => {
    const gateway = newGateway();
    const paid = await gateway.authorize(authorizeInput());
    const event = gateway.store.events.at(-1);
    if (event === undefined) throw new Error('no event emitted');
    const signed = signSandboxWebhook(event, webhookSecret, Math.floor(fixedNow.getTime() / 1000));
    const parsed = await gateway.parseWebhook({ ...signed, now: fixedNow });
    expect(parsed).toMatchObject({ type: 'payment.succeeded', gatewayReference: paid.gatewayReference, amountMinor: 1000, currency: 'USD' });
  });

  it('keeps unknown event types', async () => {
    const signed = signSandboxWebhook({ id: 'evt_x', type: 'payment.teleported', created: 1, data: { object: {} } }, webhookSecret, Math.floor(fixedNow.getTime() / 1000));
    expect((await newGateway().parseWebhook({ ...signed, now: fixedNow })).type).toBe('unknown');
  });

  it('rejects a bad signature, an old timestamp, a changed byte and a missing header', async () => {
    const gateway = newGateway();
    const event = { id: 'evt_1', type: 'payment.captured', created: 1, data: { object: {} } };
    const timestamp = Math.floor(fixedNow.getTime() / 1000);
    const wrongSecret = signSandboxWebhook(event, 'other', timestamp);
    await expect(gateway.parseWebhook({ ...wrongSecret, now: fixedNow })).rejects.toMatchObject({ reason: 'signature_mismatch' });
    const old = signSandboxWebhook(event, webhookSecret, timestamp - 301);
    await expect(gateway.parseWebhook({ ...old, now: fixedNow })).rejects.toMatchObject({ reason: 'timestamp_out_of_tolerance' });
    const good = signSandboxWebhook(event, webhookSecret, timestamp);
    const tampered = Buffer.from(good.rawBody);
    tampered[tampered.length - 2] = tampered[tampered.length - 2] === 0x7d ? 0x20 : 0x7d;
    await expect(gateway.parseWebhook({ rawBody: tampered, headers: good.headers, now: fixedNow })).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(gateway.parseWebhook({ rawBody: good.rawBody, headers: {}, now: fixedNow })).rejects.toMatchObject({ reason: 'missing_signature' });
  });
});

describe('SandboxGateway construction', () => {
  it('refuses live mode', () => {
    expect(() => new SandboxGateway({ mode: 'live', secretKey: 'x' })).toThrow(GatewayError);
  });
});

describe('SandboxGateway across processes', () => {
  it('charges a method saved by another instance (API saves, worker charges) and captures its hold', async () => {
    const api = newGateway();
    const worker = newGateway();
    const { gatewayCustomerId } = await api.createCustomer({ idempotencyKey: 'cus', email: 'a@example.test', reference: 'c1' });
    const method = await api.savePaymentMethod({ idempotencyKey: 'pm', gatewayCustomerId, token: '4000000000000341' });
    const declined = await worker.authorize(authorizeInput({ offSession: true, source: { kind: 'saved', gatewayCustomerId, methodId: method.methodId } }));
    expect(declined.failure?.code).toBe('card_declined');
    const held = await api.authorize(authorizeInput({ idempotencyKey: 'hold', captureMethod: 'manual', amountMinor: 777, currency: 'EUR' }));
    const captured = await worker.capture({ idempotencyKey: 'cap', gatewayReference: held.gatewayReference, amountMinor: 700 });
    expect(captured).toMatchObject({ status: 'captured', capturedMinor: 700, amountMinor: 777, currency: 'EUR' });
  });

  it('does not resolve a method this instance deleted, nor unknown references', async () => {
    const gateway = newGateway();
    const { gatewayCustomerId } = await gateway.createCustomer({ idempotencyKey: 'cus', email: 'a@example.test', reference: 'c1' });
    const method = await gateway.savePaymentMethod({ idempotencyKey: 'pm', gatewayCustomerId, token: '4242424242424242' });
    await gateway.deletePaymentMethod({ idempotencyKey: 'del', gatewayCustomerId, methodId: method.methodId });
    await expect(gateway.authorize(authorizeInput({ source: { kind: 'saved', gatewayCustomerId, methodId: method.methodId } }))).rejects.toMatchObject({ code: 'not_found' });
    await expect(gateway.retrievePayment({ gatewayReference: 'pay_sbx_nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
