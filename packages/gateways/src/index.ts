export type { GatewayConfig, GatewayMode } from './config.js';
export {
  GatewayError,
  WebhookVerificationError,
  assertNever,
  declineTypeOf,
  failureCodes,
  type DeclineType,
  type FailureCode,
  type GatewayErrorKind,
  type PaymentFailure,
} from './errors.js';
export type { NormalizedWebhookEvent, ParseWebhookInput, WebhookEventType } from './events.js';
export type * from './interface.js';
export type { JsonObject, JsonValue } from './json.js';
export {
  createGateway,
  detectKeyMode,
  gatewayInfo,
  gatewayNames,
  isGatewayName,
  validateKeyForMode,
  type GatewayCapabilities,
  type GatewayKeys,
  type GatewayName,
  type KeyValidation,
} from './registry.js';
export { SandboxGateway, type SandboxGatewayOptions } from './sandbox/index.js';
export { StripeGateway } from './stripe/index.js';
export { RazorpayGateway } from './razorpay/index.js';
export { SandboxStore, type SandboxStats } from './sandbox/store.js';
export { sandboxTestCards, sandboxTokenFor, type SandboxTestCard } from './sandbox/test-cards.js';
