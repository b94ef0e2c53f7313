/**
 * Runs the conformance suite for every gateway: sandbox (in memory), Stripe (localstripe behind the
 * idempotency proxy; needs LOCALSTRIPE_URL) and Razorpay (the local fake).
 */
import { afterAll } from 'vitest';
import type { PaymentGateway, PaymentResult } from '../interface.js';
import { signTimestamped } from '../internal/timestamped-signature.js';
import { razorpayWebhookToleranceSeconds } from '../razorpay/webhooks.js';
import { RazorpayGateway } from '../razorpay/client.js';
import { SandboxGateway } from '../sandbox/gateway.js';
import { signSandboxWebhook } from '../sandbox/webhooks.js';
import { StripeGateway } from '../stripe/client.js';
import { startRazorpayFake, signRazorpayWebhook, type RazorpayFake } from '../testing/razorpay-fake.js';
import { fakeServiceUrl, fakeStripeConfig, localstripeAuthenticate } from '../testing/stripe-fakes.js';
import { startStripeProxy, type StripeProxy } from '../testing/stripe-proxy.js';
import { describeConformance } from './conformance/suite.js';

const toleranceSeconds = 300;
const unixSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

const sandboxSecret = 'whsec_sandbox_conformance';
describeConformance({
  name: 'sandbox',
  gateway: async () => new SandboxGateway({ mode: 'test', secretKey: 'sbx_test', webhookSecret: sandboxSecret }),
  capabilities: { voidAuthorization: true, partialCapture: true },
  currency: 'USD',
  amountMinor: 4_000,
  goodSource: async () => ({ kind: 'token', token: '4242424242424242' }),
  decliningSource: async () => ({ kind: 'token', token: '4000000000000002' }),
  completeAction: (gateway, result) => gateway.confirm({ idempotencyKey: `confirm-${result.gatewayReference}`, gatewayReference: result.gatewayReference }),
  signedEvent: (at, secret = sandboxSecret) => signSandboxWebhook({ id: 'evt_sbx_1', type: 'payment.captured', created: unixSeconds(at), data: { object: { id: 'pay_sbx_1', object: 'sandbox.payment', amount: 4000, amount_captured: 4000, currency: 'USD' } } }, secret, unixSeconds(at)),
  webhookToleranceSeconds: toleranceSeconds,
});

const localstripeUrl = fakeServiceUrl('LOCALSTRIPE_URL');
if (localstripeUrl === undefined) console.warn('LOCALSTRIPE_URL is not set: skipping Stripe conformance');
const stripeSecret = 'whsec_stripe_conformance';
let stripeProxy: StripeProxy | undefined;
describeConformance(
  {
    name: 'stripe (localstripe)',
    gateway: async () => {
      // No reset of localstripe: other test files (and other packages) share it; every object here is new.
      stripeProxy = await startStripeProxy({ targetUrl: localstripeUrl ?? '', legacyParamNames: true });
      return new StripeGateway(fakeStripeConfig(stripeProxy.url, { webhookSecret: stripeSecret }));
    },
    capabilities: { voidAuthorization: true, partialCapture: true },
    currency: 'EUR',
    amountMinor: 4_000,
    goodSource: async () => ({ kind: 'token', token: 'pm_card_visa' }),
    decliningSource: async () => ({ kind: 'token', token: 'pm_card_chargeCustomerFail' }),
    completeAction: async (gateway: PaymentGateway, result: PaymentResult) => {
      const clientSecret = result.nextAction?.type === 'three_d_secure' ? (result.nextAction.clientSecret ?? '') : '';
      await localstripeAuthenticate(localstripeUrl ?? '', result.gatewayReference, clientSecret, true);
      return gateway.confirm({ idempotencyKey: `confirm-${result.gatewayReference}`, gatewayReference: result.gatewayReference });
    },
    signedEvent: (at, secret = stripeSecret) => {
      const rawBody = Buffer.from(JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', created: unixSeconds(at), data: { object: { id: 'pi_1', object: 'payment_intent', amount: 4000, amount_received: 4000, currency: 'eur' } } }));
      return { rawBody, headers: { 'content-type': 'application/json', 'stripe-signature': signTimestamped(secret, rawBody, unixSeconds(at)) } };
    },
    webhookToleranceSeconds: toleranceSeconds,
  },
  { skip: localstripeUrl === undefined },
);

const razorpaySecret = 'rzp_webhook_conformance';
let razorpayFake: RazorpayFake | undefined;
async function razorpayCustomerToken(cardNumber: string): Promise<{ kind: 'saved'; gatewayCustomerId: string; methodId: string }> {
  const fake = razorpayFake;
  if (fake === undefined) throw new Error('The Razorpay fake is not running');
  const customer = fake.state.createCustomer({ email: `c${fake.state.customers.size}@example.test`, contact: '+919000000000', fail_existing: 0 });
  const methodId = await fake.createToken(customer.id, cardNumber);
  return { kind: 'saved', gatewayCustomerId: customer.id, methodId };
}
describeConformance({
  name: 'razorpay (local fake)',
  gateway: async () => {
    razorpayFake = await startRazorpayFake();
    return new RazorpayGateway(razorpayFake.config({ webhookSecret: razorpaySecret }));
  },
  capabilities: { voidAuthorization: false, partialCapture: false },
  currency: 'INR',
  amountMinor: 40_000,
  // Saved tokens are charged server to server; the Checkout flow is covered in razorpay/__tests__.
  goodSource: () => razorpayCustomerToken('4111111111111111'),
  decliningSource: () => razorpayCustomerToken('4000000000000341'),
  completeAction: async (gateway, result) => {
    const fake = razorpayFake;
    if (fake === undefined) throw new Error('The Razorpay fake is not running');
    const checkout = await fake.completeCheckout(result.gatewayReference);
    return gateway.confirm({ idempotencyKey: `confirm-${result.gatewayReference}`, gatewayReference: result.gatewayReference, confirmation: { ...checkout } });
  },
  signedEvent: (at, secret = razorpaySecret) => {
    const rawBody = Buffer.from(JSON.stringify({ entity: 'event', account_id: 'acc_1', event: 'payment.captured', contains: ['payment'], payload: { payment: { entity: { id: 'pay_1', order_id: 'order_1', amount: 40000, currency: 'INR', status: 'captured' } } }, created_at: unixSeconds(at) }));
    return { rawBody, headers: signRazorpayWebhook(rawBody, secret, 'evt_conformance') };
  },
  webhookToleranceSeconds: razorpayWebhookToleranceSeconds,
});

afterAll(async () => {
  await stripeProxy?.close();
  await razorpayFake?.close();
});
