import { setTimeout as sleep } from 'node:timers/promises';
import { signStripeWebhook, startRazorpayFake, startStripeProxy, type RazorpayFake, type StripeProxy } from '@payrail/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../server.js';
import { createTestDatabase, fixtures, startTestApi, uniqueKey, type TestDatabase } from '../testing/index.js';

const PAYMENT = `id status gateway gatewayReference amount { amountMinor } authorized { amountMinor } captured { amountMinor } refunded { amountMinor }
  nextAction { type orderId keyId } timeline { kind outcome toStatus }`;
const CREATE_KEY = `mutation($i: CreateGatewayKeyInput!) { createGatewayKey(input: $i) { gatewayKey { id gateway mode secretKeyHint webhookUrl } userErrors { field code message } } }`;
const VERIFY = `mutation($i: GatewayKeyIdInput!) { verifyGatewayKey(input: $i) { ok message } }`;
const INITIATE = `mutation($i: InitiatePaymentInput!) { initiatePayment(input: $i) { payment { ${PAYMENT} } userErrors { field code message } } }`;
const CONFIRM = `mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { payment { ${PAYMENT} } userErrors { field code message } } }`;
const CAPTURE = `mutation($i: CapturePaymentInput!) { capturePayment(input: $i) { payment { ${PAYMENT} } userErrors { field code message } } }`;
const CANCEL = `mutation($i: CancelPaymentInput!) { cancelPayment(input: $i) { payment { ${PAYMENT} } userErrors { field code message } } }`;
const REFUND = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { payment { ${PAYMENT} } userErrors { field code message } } }`;

function requireEnv(name: string): string | undefined {
  const value = process.env[name];
  if (!value && process.env.CI) throw new Error(`${name} is not set: run through ./dev test`);
  return value;
}
const localstripeUrl = requireEnv('LOCALSTRIPE_URL');

describe.skipIf(!localstripeUrl)('Stripe and Razorpay configured and used through GraphQL (real SDKs, local fakes)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let stripe: StripeProxy;
  let razorpay: RazorpayFake;
  let gql: ReturnType<ReturnType<typeof fixtures>['gql']>;
  let customerId: string;

  beforeAll(async () => {
    stripe = await startStripeProxy({ targetUrl: localstripeUrl!, legacyParamNames: true });
    razorpay = await startRazorpayFake();
    db = await createTestDatabase();
    api = await startTestApi(db.url, { PAYRAIL_STRIPE_API_BASE_URL: stripe.url, PAYRAIL_RAZORPAY_API_BASE_URL: razorpay.url });
    const f = fixtures(api);
    gql = f.gql(await f.staffToken('admin'));
    customerId = (await f.customer({ defaultCurrency: 'INR' })).customer.id;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await stripe?.close();
    await razorpay?.close();
  });

  const pay = async (input: Record<string, unknown>) => (await gql(INITIATE, { i: { idempotencyKey: uniqueKey(), customerId, ...input } })).data!.initiatePayment;
  const capture = async (paymentId: string, amountMinor?: number) => (await gql(CAPTURE, { i: { idempotencyKey: uniqueKey(), paymentId, amountMinor } })).data!.capturePayment;
  const refund = async (paymentId: string, amountMinor: number) => (await gql(REFUND, { i: { idempotencyKey: uniqueKey(), paymentId, amountMinor } })).data!.refundPayment;

  it('Stripe: a staff user configures the key, then a payment, a hold with partial capture and a partial refund go through', async () => {
    const created = await gql(CREATE_KEY, {
      i: { gateway: 'stripe', mode: 'test', label: 'Stripe test', secretKey: 'sk_test_PayrailFake123', publishableKey: 'pk_test_PayrailFake123', webhookSecret: 'whsec_test_1234', currencies: ['USD', 'EUR'] },
    });
    expect(created.data!.createGatewayKey.userErrors).toEqual([]);
    const keyId = created.data!.createGatewayKey.gatewayKey.id;
    expect(created.data!.createGatewayKey.gatewayKey).toMatchObject({ gateway: 'stripe', mode: 'test', secretKeyHint: 'e123' });
    expect((await gql(VERIFY, { i: { id: keyId } })).data!.verifyGatewayKey.ok).toBe(true);

    const mismatched = await gql(CREATE_KEY, { i: { gateway: 'stripe', mode: 'live', label: 'wrong', secretKey: 'sk_test_PayrailFake123', currencies: ['USD'] } });
    expect(mismatched.data!.createGatewayKey.userErrors[0]).toMatchObject({ code: 'INVALID_KEY' });

    const paid = await pay({ gatewayKeyId: keyId, amountMinor: 2_000, currency: 'USD', paymentToken: 'pm_card_visa' });
    expect(paid.userErrors).toEqual([]);
    expect(paid.payment).toMatchObject({ status: 'CAPTURED', gateway: 'stripe', captured: { amountMinor: 2_000 } });
    expect(paid.payment.gatewayReference).toMatch(/^pi_/);

    const held = (await pay({ gatewayKeyId: keyId, amountMinor: 5_000, currency: 'USD', paymentToken: 'pm_card_visa', captureMethod: 'MANUAL' })).payment;
    expect(held.status).toBe('AUTHORIZED');
    const partial = await capture(held.id, 3_000);
    expect(partial.userErrors).toEqual([]);
    expect(partial.payment).toMatchObject({ status: 'CAPTURED', captured: { amountMinor: 3_000 }, authorized: { amountMinor: 5_000 } });
    const refunded = await refund(held.id, 1_000);
    expect(refunded.userErrors).toEqual([]);
    expect(refunded.payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refunded: { amountMinor: 1_000 } });
    expect(refunded.payment.timeline.map((t: { kind: string }) => t.kind)).toEqual(['authorize', 'capture', 'refund']);

    // A card that saves fine and then declines: saved through a SetupIntent, charged off-session.
    const saved = await gql(
      `mutation($i: SavePaymentProfileInput!) { savePaymentProfile(input: $i) { profile { id brand last4 status } userErrors { code message } } }`,
      { i: { idempotencyKey: uniqueKey(), customerId, gatewayKeyId: keyId, paymentToken: 'pm_card_chargeCustomerFail' } },
    );
    expect(saved.data!.savePaymentProfile.userErrors).toEqual([]);
    expect(saved.data!.savePaymentProfile.profile).toMatchObject({ status: 'active', last4: expect.stringMatching(/^\d{4}$/) });
    const declined = await pay({ gatewayKeyId: keyId, amountMinor: 1_000, currency: 'USD', profileId: saved.data!.savePaymentProfile.profile.id });
    expect(declined.payment).toMatchObject({ status: 'FAILED' });
    expect(declined.payment.timeline[0]).toMatchObject({ kind: 'authorize', outcome: 'failed' });

    // Stripe later reports that refund as failed (e.g. the card was closed): the money never left, so the
    // amount is refundable again and the payment is back to captured, with the event on the timeline.
    const refundReference = (await gql(`query($id: ID!) { refunds(paymentId: $id) { nodes { gatewayReference } } }`, { id: held.id })).data!.refunds.nodes[0].gatewayReference;
    const body = JSON.stringify({
      id: `evt_${uniqueKey()}`, object: 'event', type: 'refund.failed', created: Math.floor(Date.now() / 1000),
      data: { object: { id: refundReference, object: 'refund', status: 'failed', amount: 1_000, currency: 'usd', payment_intent: held.gatewayReference } },
    });
    const delivered = await fetch(`${api.url}/webhooks/stripe/${keyId}`, { method: 'POST', headers: signStripeWebhook(body, 'whsec_test_1234'), body });
    expect(delivered.status).toBe(200);
    const statusOf = `query($id: ID!) { payment(id: $id) { status refunded { amountMinor } refundable { amountMinor } refunds { status } timeline { kind outcome message } } }`;
    let after = (await gql(statusOf, { id: held.id })).data!.payment;
    for (let i = 0; i < 50 && after.status !== 'CAPTURED'; i += 1) {
      await sleep(100);
      after = (await gql(statusOf, { id: held.id })).data!.payment;
    }
    expect(after).toMatchObject({ status: 'CAPTURED', refunded: { amountMinor: 0 }, refundable: { amountMinor: 3_000 }, refunds: [{ status: 'failed' }] });
    expect(after.timeline.at(-1)).toMatchObject({ kind: 'webhook', outcome: 'failed', message: expect.stringContaining('refundable again') });

    const idempotencyKeys = stripe.requests.filter((r) => r.method === 'POST').map((r) => r.idempotencyKey);
    expect(idempotencyKeys.every((k) => typeof k === 'string' && k.length > 0)).toBe(true);
  });

  it('Razorpay: a staff user configures the key, then a Checkout payment, a hold captured in full and a partial refund go through', async () => {
    const created = await gql(CREATE_KEY, {
      i: { gateway: 'razorpay', mode: 'test', label: 'Razorpay test', publishableKey: razorpay.keyId, secretKey: razorpay.keySecret, webhookSecret: 'rzp_whsec_1234', currencies: ['INR'] },
    });
    expect(created.data!.createGatewayKey.userErrors).toEqual([]);
    const keyId = created.data!.createGatewayKey.gatewayKey.id;
    expect((await gql(VERIFY, { i: { id: keyId } })).data!.verifyGatewayKey.ok).toBe(true);

    const started = (await pay({ gatewayKeyId: keyId, amountMinor: 50_000, currency: 'INR', paymentToken: 'checkout' })).payment;
    expect(started).toMatchObject({ status: 'REQUIRES_ACTION', nextAction: { type: 'razorpay_checkout', keyId: razorpay.keyId } });
    const checkout = await razorpay.completeCheckout(started.nextAction.orderId);
    const confirmation = Object.entries(checkout).map(([name, value]) => ({ name, value: String(value) }));
    const confirmed = (await gql(CONFIRM, { i: { idempotencyKey: uniqueKey(), paymentId: started.id, confirmation } })).data!.confirmPayment;
    expect(confirmed.userErrors).toEqual([]);
    expect(confirmed.payment).toMatchObject({ status: 'CAPTURED', captured: { amountMinor: 50_000 } });

    const hold = (await pay({ gatewayKeyId: keyId, amountMinor: 80_000, currency: 'INR', paymentToken: 'checkout', captureMethod: 'MANUAL' })).payment;
    const holdCheckout = await razorpay.completeCheckout(hold.nextAction.orderId);
    const authorized = (await gql(CONFIRM, { i: { idempotencyKey: uniqueKey(), paymentId: hold.id, confirmation: Object.entries(holdCheckout).map(([name, value]) => ({ name, value: String(value) })) } })).data!.confirmPayment;
    expect(authorized.payment.status).toBe('AUTHORIZED');
    const partial = await capture(hold.id, 30_000);
    expect(partial.userErrors).toEqual([expect.objectContaining({ code: 'NOT_SUPPORTED_BY_GATEWAY', field: 'input.amountMinor' })]);
    const voided = (await gql(CANCEL, { i: { idempotencyKey: uniqueKey(), paymentId: hold.id } })).data!.cancelPayment;
    expect(voided.userErrors[0].code).toBe('NOT_SUPPORTED_BY_GATEWAY');
    const full = await capture(hold.id);
    expect(full.payment).toMatchObject({ status: 'CAPTURED', captured: { amountMinor: 80_000 } });
    const refunded = await refund(hold.id, 20_000);
    expect(refunded.payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refunded: { amountMinor: 20_000 } });
    expect(refunded.payment.timeline.map((t: { kind: string }) => t.kind)).toEqual(['authorize', 'confirm', 'capture', 'refund']);
  });

  it('Razorpay: a forged Checkout signature is refused and the payment stays waiting', async () => {
    const keys = (await gql(`{ gatewayKeys { id gateway } }`)).data!.gatewayKeys as { id: string; gateway: string }[];
    const keyId = keys.find((k) => k.gateway === 'razorpay')!.id;
    const started = (await pay({ gatewayKeyId: keyId, amountMinor: 10_000, currency: 'INR', paymentToken: 'checkout' })).payment;
    const checkout = await razorpay.completeCheckout(started.nextAction.orderId);
    const forged = Object.entries({ ...checkout, razorpay_signature: '0'.repeat(64) }).map(([name, value]) => ({ name, value: String(value) }));
    const result = (await gql(CONFIRM, { i: { idempotencyKey: uniqueKey(), paymentId: started.id, confirmation: forged } })).data!.confirmPayment;
    expect(result.userErrors[0]).toMatchObject({ code: 'GATEWAY_ERROR' });
    expect(result.userErrors[0].message).toContain('signature_invalid');
    const after = (await gql(`query($id: ID!) { payment(id: $id) { status } }`, { id: started.id })).data!.payment;
    expect(after.status).toBe('REQUIRES_ACTION');
  });
});
