export { signSandboxWebhook, sandboxSignatureHeader, type SandboxWebhookEvent, type SignedWebhook } from '../sandbox/webhooks.js';
export { sandboxTestCards, sandboxTokenFor } from '../sandbox/test-cards.js';
export {
  fakeServiceUrl,
  fakeStripeConfig,
  fakeStripeSecretKey,
  localstripeAuthenticate,
  registerLocalstripeWebhook,
  resetLocalstripe,
  signStripeWebhook,
} from './stripe-fakes.js';
export { startStripeProxy, type InjectedFault, type RecordedStripeRequest, type StripeProxy, type StripeProxyOptions } from './stripe-proxy.js';
export {
  razorpayFakeCards,
  signRazorpayWebhook,
  startRazorpayFake,
  type CheckoutResponse,
  type RazorpayFake,
  type RazorpayFakeDelivery,
  type RazorpayFakeOptions,
  type RazorpayFakeRequest,
} from './razorpay-fake.js';
export { deliverWebhook } from './deliver-webhook.js';
