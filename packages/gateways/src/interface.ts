import type { DeclineType, FailureCode, PaymentFailure } from './errors.js';
import type { NormalizedWebhookEvent, ParseWebhookInput } from './events.js';
import type { JsonObject } from './json.js';

/*
 * Money: every amount is an integer number of minor units (cents, paise) as a JS number; the API
 * guarantees safe integers. Currencies are ISO 4217 codes in upper case ("USD", "INR").
 * Conversion to a gateway's own representation happens only inside that gateway's transformers.
 */

/** Fields every money-moving input carries. */
export interface IdempotentInput {
  /**
   * Our idempotency key for this operation. The gateway passes a key derived from it (e.g. Stripe's
   * `Idempotency-Key: <key>:<verb>`), so retrying with the same key never moves money twice.
   */
  idempotencyKey: string;
}

/** Input of {@link PaymentGateway.createCustomer}. */
export interface CreateCustomerInput extends IdempotentInput {
  /** Customer email (Stripe needs it for receipts; Razorpay requires it). */
  email: string;
  /** Display name. */
  name?: string;
  /** Phone number (E.164); Razorpay needs one for recurring (token) charges. */
  phone?: string;
  /** Our customer id, stored at the gateway as metadata/notes for reconciliation. */
  reference: string;
}

/** Output of {@link PaymentGateway.createCustomer}. */
export interface CreateCustomerOutput {
  /** The gateway's customer id (Stripe `cus_...`, Razorpay `cust_...`). */
  gatewayCustomerId: string;
}

/** Input of {@link PaymentGateway.savePaymentMethod}. */
export interface SavePaymentMethodInput extends IdempotentInput {
  /** Customer to attach the method to. */
  gatewayCustomerId: string;
  /**
   * What the front end got from the gateway's JS: Stripe `pm_...`, Razorpay token id `token_...`,
   * sandbox a test card number or `tok_sandbox_<name>`. Never a raw card number in live mode.
   */
  token: string;
}

/** Output of {@link PaymentGateway.savePaymentMethod}. */
export interface SavePaymentMethodOutput {
  /** Id to charge later (`source: {kind: 'saved', methodId}`). */
  methodId: string;
  /** Card brand in lower case (`visa`, `mastercard`, ...), or `unknown`. */
  brand: string;
  /** Last four digits. */
  last4: string;
  /** Expiry month, 1-12. */
  expMonth: number;
  /** Expiry year, four digits. */
  expYear: number;
  /** `requires_action` when the customer must still authenticate (finish with the gateway's JS). */
  status: 'saved' | 'requires_action';
  /** Client secret for the front end to finish authentication; present only with `requires_action`. */
  clientSecret?: string;
}

/** Input of {@link PaymentGateway.deletePaymentMethod}. */
export interface DeletePaymentMethodInput extends IdempotentInput {
  /** Customer the method belongs to. */
  gatewayCustomerId: string;
  /** The method to detach. */
  methodId: string;
}

/** Output of {@link PaymentGateway.deletePaymentMethod}. */
export interface DeletePaymentMethodOutput {
  /** Always true: deleting a method that is already gone counts as success. */
  deleted: true;
}

/** Where the money comes from. */
export type PaymentSource =
  | {
      /** A one-off token from the front end (Stripe `pm_...`, sandbox card number or token). */
      kind: 'token';
      /** The token. */
      token: string;
    }
  | {
      /** A method saved earlier with `savePaymentMethod`. */
      kind: 'saved';
      /** Customer the method belongs to. */
      gatewayCustomerId: string;
      /** The saved method. */
      methodId: string;
    };

/** `automatic` captures at once; `manual` only holds the funds until `capture` or `cancel`. */
export type CaptureMethod = 'automatic' | 'manual';

/** Input of {@link PaymentGateway.authorize}: create and confirm a payment. */
export interface AuthorizeInput extends IdempotentInput {
  /** Amount in minor units, a positive safe integer. */
  amountMinor: number;
  /** ISO 4217 currency, upper case. */
  currency: string;
  /** Capture at once or hold. */
  captureMethod: CaptureMethod;
  /** What to charge. */
  source: PaymentSource;
  /** True for merchant-initiated charges without the customer present (recurring, batch). */
  offSession: boolean;
  /** Shown in the gateway dashboard (ignored where the gateway or fake does not accept it). */
  description?: string;
  /** Text on the card statement, where the gateway supports it. */
  statementDescriptor?: string;
  /** Stored at the gateway for reconciliation; always includes our `paymentId`. */
  metadata: Record<string, string>;
  /** Where the customer returns after a redirect (3-D Secure). */
  returnUrl?: string;
}

/** Gateway-neutral payment status (a subset of our domain state machine). */
export type PaymentStatus =
  | 'requires_payment_method'
  | 'requires_action'
  | 'processing'
  | 'authorized'
  | 'captured'
  | 'failed'
  | 'canceled';

/** What the front end must do before the payment can proceed. */
export type NextAction =
  | {
      /** The customer must pass 3-D Secure. */
      type: 'three_d_secure';
      /** Hand to the gateway's JS (Stripe `handleNextAction`). */
      clientSecret?: string;
      /** Or redirect the customer here. */
      redirectUrl?: string;
    }
  | {
      /** The customer must pay in Razorpay Checkout with this order. */
      type: 'razorpay_checkout';
      /** Razorpay order id to open Checkout with. */
      orderId: string;
      /** Razorpay key id (public) for Checkout. */
      keyId: string;
    };

/** The state of a payment at the gateway after any payment verb. */
export interface PaymentResult {
  /** Stable id of the payment at the gateway (Stripe PaymentIntent `pi_...`, Razorpay order `order_...`). */
  gatewayReference: string;
  /** Normalised status. */
  status: PaymentStatus;
  /** Amount requested, minor units. */
  amountMinor: number;
  /** ISO 4217 currency, upper case. */
  currency: string;
  /** Amount the authorization was granted for (0 until authorized). */
  authorizedMinor: number;
  /** Amount captured so far. */
  capturedMinor: number;
  /**
   * Amount still held and capturable. 0 after a capture: a partial capture releases the remainder
   * (Stripe and Razorpay both release it), so `authorizedMinor - capturedMinor` is not capturable.
   */
  capturableMinor: number;
  /** Amount refunded so far, when the gateway reports it on the payment. */
  refundedMinor?: number;
  /** Present with status `requires_action`. */
  nextAction?: NextAction;
  /** Present with status `failed` (and for a declined attempt that left the payment re-usable). */
  failure?: PaymentFailure;
  /** Redacted, JSON-safe gateway response for the log: never secrets, client secrets or card numbers. */
  raw: JsonObject;
}

/** Input of {@link PaymentGateway.confirm}: continue after 3-D Secure or Razorpay Checkout. */
export interface ConfirmInput extends IdempotentInput {
  /** The payment returned by `authorize`. */
  gatewayReference: string;
  /**
   * What the front end got back. Razorpay: `razorpay_payment_id`, `razorpay_order_id`,
   * `razorpay_signature` (verified with the key secret in constant time). Sandbox: optional
   * `outcome: 'fail'` to simulate a failed authentication.
   */
  confirmation?: Record<string, string>;
}

/** Input of {@link PaymentGateway.capture}. */
export interface CaptureInput extends IdempotentInput {
  /** The authorized payment. */
  gatewayReference: string;
  /** Amount to capture, at most the authorized amount; less releases the remainder. */
  amountMinor: number;
}

/** Input of {@link PaymentGateway.cancel}: void an authorization. */
export interface CancelInput extends IdempotentInput {
  /** The payment to void. */
  gatewayReference: string;
}

/** Why we refund (Stripe's reasons; others keep it as a note). */
export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

/** Input of {@link PaymentGateway.refund}. */
export interface RefundInput extends IdempotentInput {
  /** The captured payment. */
  gatewayReference: string;
  /** Amount to refund; partial refunds add up to at most the captured amount. */
  amountMinor: number;
  /** Reason, where the gateway supports it. */
  reason?: RefundReason;
}

/** Output of {@link PaymentGateway.refund}. */
export interface RefundOutput {
  /** The gateway's refund id (Stripe `re_...`, Razorpay `rfnd_...`). */
  refundReference: string;
  /** `pending` refunds settle later: a `refund.succeeded`/`refund.failed` webhook follows. */
  status: 'succeeded' | 'pending' | 'failed';
  /** Amount of this refund, minor units. */
  amountMinor: number;
  /** Present when status is `failed`. */
  failure?: PaymentFailure;
  /** Redacted response for the log. */
  raw: JsonObject;
}

/** Input of {@link PaymentGateway.retrievePayment}. */
export interface RetrievePaymentInput {
  /** The payment to look up. */
  gatewayReference: string;
}

/** Output of {@link PaymentGateway.verifyCredentials}. */
export interface VerifyCredentialsOutput {
  /** Whether the keys authenticate. */
  ok: boolean;
  /** The gateway account the key belongs to, when the gateway says. */
  accountId?: string;
  /** Why not, when `ok` is false. */
  message?: string;
}

/**
 * The one interface every gateway implements. Declines are results (`status: 'failed'` with
 * `failure`); exceptions are `GatewayError` for invalid requests, wrong state and outages.
 * Operations that are already done ("already captured/canceled") return the current state.
 */
export interface PaymentGateway {
  /** Registry name of this gateway. */
  readonly name: string;
  /** Create the customer that saved methods hang off. */
  createCustomer(input: CreateCustomerInput): Promise<CreateCustomerOutput>;
  /** Attach a method for later (off-session) charges. Stripe: a SetupIntent. */
  savePaymentMethod(input: SavePaymentMethodInput): Promise<SavePaymentMethodOutput>;
  /** Detach a saved method. */
  deletePaymentMethod(input: DeletePaymentMethodInput): Promise<DeletePaymentMethodOutput>;
  /** Create and confirm a payment. */
  authorize(input: AuthorizeInput): Promise<PaymentResult>;
  /** Continue a payment after the customer acted (3-D Secure, Razorpay Checkout). */
  confirm(input: ConfirmInput): Promise<PaymentResult>;
  /** Capture an authorization, fully or partially. */
  capture(input: CaptureInput): Promise<PaymentResult>;
  /** Void an authorization. */
  cancel(input: CancelInput): Promise<PaymentResult>;
  /** Refund a captured payment, fully or partially. */
  refund(input: RefundInput): Promise<RefundOutput>;
  /** Read the payment's current state (reconciliation, indeterminate errors). */
  retrievePayment(input: RetrievePaymentInput): Promise<PaymentResult>;
  /** A harmless authenticated call that proves the keys work. */
  verifyCredentials(): Promise<VerifyCredentialsOutput>;
  /** Verify and normalise an inbound webhook; throws `WebhookVerificationError`. */
  parseWebhook(input: ParseWebhookInput): Promise<NormalizedWebhookEvent>;
}

export type { DeclineType, FailureCode, PaymentFailure };
