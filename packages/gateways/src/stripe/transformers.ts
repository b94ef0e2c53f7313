/**
 * Pure mapping between Stripe's wire objects and the normalised types. No I/O here.
 */
import type Stripe from 'stripe';
import { assertNever, declineTypeOf, type FailureCode, type PaymentFailure } from '../errors.js';
import type { AuthorizeInput, PaymentResult, PaymentStatus, RefundOutput } from '../interface.js';
import { redact } from '../internal/redact.js';

/** Stripe wants lower-case currencies; we use upper case everywhere else. */
export function toStripeCurrency(currency: string): string {
  return currency.toLowerCase();
}

/** Back to our upper-case ISO 4217. */
export function fromStripeCurrency(currency: string): string {
  return currency.toUpperCase();
}

/** The idempotency key sent to Stripe for one of our verbs: distinct per verb so a key can serve a whole flow. */
export function stripeIdempotencyKey(idempotencyKey: string, verb: string): string {
  return `${idempotencyKey}:${verb}`;
}

/**
 * PaymentIntent create parameters for `authorize`. Kept to what both Stripe and localstripe accept:
 * `allowed_payment_method_types: ['card']` instead of `automatic_payment_methods` (so a server-side confirm
 * never needs a redirect `return_url`), no `setup_future_usage` (methods are saved with SetupIntents).
 * Optional fields (description, statement descriptor, return URL) are sent only when given.
 */
export function toPaymentIntentCreateParams(input: AuthorizeInput): Stripe.PaymentIntentCreateParams {
  const params: Stripe.PaymentIntentCreateParams = {
    amount: input.amountMinor,
    currency: toStripeCurrency(input.currency),
    capture_method: input.captureMethod,
    allowed_payment_method_types: ['card'],
    confirm: true,
    metadata: { ...input.metadata },
  };
  const source = input.source;
  if (source.kind === 'token') {
    params.payment_method = source.token;
  } else {
    params.customer = source.gatewayCustomerId;
    params.payment_method = source.methodId;
  }
  if (input.offSession) params.off_session = true;
  if (input.description !== undefined) params.description = input.description;
  if (input.statementDescriptor !== undefined) params.statement_descriptor_suffix = input.statementDescriptor.slice(0, 22);
  if (input.returnUrl !== undefined) params.return_url = input.returnUrl;
  return params;
}

/** PaymentIntent statuses this mapping knows (Stripe's type also allows any other string). */
const knownIntentStatuses = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'succeeded',
  'canceled',
] as const;
type KnownIntentStatus = (typeof knownIntentStatuses)[number];

function isKnownIntentStatus(status: string): status is KnownIntentStatus {
  return knownIntentStatuses.some((known) => known === status);
}

/** Normalised status of a PaymentIntent. */
export function toPaymentStatus(intent: Pick<Stripe.PaymentIntent, 'status' | 'last_payment_error'>): PaymentStatus {
  const status: string = intent.status;
  // A status newer than this code is treated as still processing: reconciliation or a webhook settles it.
  if (!isKnownIntentStatus(status)) return 'processing';
  switch (status) {
    case 'requires_payment_method':
      // Stripe returns a declined intent to requires_payment_method with the decline in last_payment_error.
      return intent.last_payment_error ? 'failed' : 'requires_payment_method';
    case 'requires_confirmation':
      return 'requires_payment_method';
    case 'requires_action':
      return 'requires_action';
    case 'processing':
      return 'processing';
    case 'requires_capture':
      return 'authorized';
    case 'succeeded':
      return 'captured';
    case 'canceled':
      return 'canceled';
    default:
      return assertNever(status);
  }
}

/** Stripe decline codes and error codes, mapped to ours. Unlisted codes become `card_declined`. */
const stripeCodeToFailure: Readonly<Record<string, FailureCode>> = {
  generic_decline: 'card_declined',
  card_declined: 'card_declined',
  card_velocity_exceeded: 'card_declined',
  insufficient_funds: 'insufficient_funds',
  expired_card: 'expired_card',
  incorrect_cvc: 'incorrect_cvc',
  invalid_cvc: 'incorrect_cvc',
  incorrect_number: 'incorrect_number',
  invalid_number: 'incorrect_number',
  invalid_expiry_month: 'expired_card',
  invalid_expiry_year: 'expired_card',
  lost_card: 'lost_or_stolen',
  stolen_card: 'lost_or_stolen',
  pickup_card: 'lost_or_stolen',
  fraudulent: 'fraudulent',
  merchant_blacklist: 'fraudulent',
  do_not_honor: 'do_not_honor',
  authentication_required: 'authentication_required',
  payment_intent_authentication_failure: 'authentication_required',
  processing_error: 'processing_error',
  issuer_not_available: 'processing_error',
  try_again_later: 'processing_error',
  currency_not_supported: 'currency_not_supported',
};

/** Maps a Stripe decline (decline_code wins over code, as it is more specific). */
export function toFailureCode(code: string | undefined | null, declineCode: string | undefined | null): FailureCode {
  const byDecline = declineCode ? stripeCodeToFailure[declineCode] : undefined;
  if (byDecline !== undefined) return byDecline;
  const byCode = code ? stripeCodeToFailure[code] : undefined;
  return byCode ?? 'card_declined';
}

/** The normalised failure of a declined intent. */
export function toPaymentFailure(error: { code?: string | null; decline_code?: string | null; message?: string | null }): PaymentFailure {
  const code = toFailureCode(error.code, error.decline_code);
  const failure: PaymentFailure = { code, message: error.message ?? 'The payment was declined.', declineType: declineTypeOf(code) };
  const gatewayCode = error.decline_code ?? error.code;
  if (gatewayCode) failure.gatewayCode = gatewayCode;
  return failure;
}

/** Amount fields of the latest charge when the intent was retrieved with `expand: ['latest_charge']`. */
interface ChargeAmounts {
  amount: number;
  amount_captured?: number;
  amount_refunded: number;
  captured: boolean;
  status: string;
}

function expandedCharge(intent: Pick<Stripe.PaymentIntent, 'latest_charge'>): ChargeAmounts | undefined {
  const charge = intent.latest_charge;
  return charge !== null && typeof charge === 'object' ? charge : undefined;
}

/**
 * Captured amount. Stripe reports `amount_received` (and `amount_captured` on the charge); localstripe
 * reports neither and models a partial capture as a full capture plus a refund of the remainder, so the
 * fallback reads the charge: automatic capture captures everything; after a manual capture the
 * remainder cannot be told apart from later refunds (right until the first refund; see README).
 */
function capturedAmount(intent: Stripe.PaymentIntent, status: PaymentStatus, charge: ChargeAmounts | undefined): number {
  if (typeof intent.amount_received === 'number') return intent.amount_received;
  if (charge === undefined) return status === 'captured' ? intent.amount : 0;
  // localstripe marks a failed automatic-capture charge `captured: true`; only a succeeded charge counts.
  if (!charge.captured || charge.status !== 'succeeded') return 0;
  if (typeof charge.amount_captured === 'number') return charge.amount_captured;
  return intent.capture_method === 'manual' ? charge.amount - charge.amount_refunded : charge.amount;
}

/** Normalised view of a PaymentIntent. */
export function toPaymentResult(intent: Stripe.PaymentIntent): PaymentResult {
  const status = toPaymentStatus(intent);
  const charge = expandedCharge(intent);
  const capturedMinor = capturedAmount(intent, status, charge);
  const capturableMinor = status === 'authorized' ? (typeof intent.amount_capturable === 'number' ? intent.amount_capturable : intent.amount) : 0;
  const authorizedMinor = status === 'authorized' || status === 'captured' ? intent.amount : status === 'canceled' && charge !== undefined ? intent.amount : 0;
  const result: PaymentResult = {
    gatewayReference: intent.id,
    status,
    amountMinor: intent.amount,
    currency: fromStripeCurrency(intent.currency),
    authorizedMinor,
    capturedMinor,
    capturableMinor,
    raw: redact(intent),
  };
  if (charge !== undefined && charge.captured && charge.status === 'succeeded') {
    // A partial capture shows the released remainder as refunded on the charge; only the rest is ours.
    const released = typeof charge.amount_captured === 'number' ? charge.amount - charge.amount_captured : charge.amount - capturedMinor;
    result.refundedMinor = Math.max(0, charge.amount_refunded - released);
  }
  if (status === 'requires_action') {
    result.nextAction = { type: 'three_d_secure', ...(intent.client_secret ? { clientSecret: intent.client_secret } : {}) };
    const redirect = intent.next_action?.redirect_to_url?.url;
    if (redirect) result.nextAction.redirectUrl = redirect;
  }
  if (intent.last_payment_error && (status === 'failed' || status === 'requires_payment_method')) {
    result.failure = toPaymentFailure(intent.last_payment_error);
  }
  return result;
}

/** Normalised view of a Refund. */
export function toRefundOutput(refund: Stripe.Refund): RefundOutput {
  const output: RefundOutput = {
    refundReference: refund.id,
    status: toRefundStatus(refund.status),
    amountMinor: refund.amount,
    raw: redact(refund),
  };
  if (output.status === 'failed') {
    output.failure = { code: 'processing_error', message: refund.failure_reason ?? 'The refund failed.', declineType: 'soft' };
    if (refund.failure_reason) output.failure.gatewayCode = refund.failure_reason;
  }
  return output;
}

/** Stripe refund statuses: succeeded, pending, requires_action, failed, canceled. */
export function toRefundStatus(status: string | null): RefundOutput['status'] {
  switch (status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      // pending, requires_action or a newer status: a refund.* webhook settles it.
      return 'pending';
  }
}
