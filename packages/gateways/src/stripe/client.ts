import type Stripe from 'stripe';
import type { GatewayConfig } from '../config.js';
import { GatewayError } from '../errors.js';
import type { NormalizedWebhookEvent, ParseWebhookInput } from '../events.js';
import type {
  AuthorizeInput,
  CancelInput,
  CaptureInput,
  ConfirmInput,
  CreateCustomerInput,
  CreateCustomerOutput,
  DeletePaymentMethodInput,
  DeletePaymentMethodOutput,
  PaymentGateway,
  PaymentResult,
  RefundInput,
  RefundOutput,
  RetrievePaymentInput,
  SavePaymentMethodInput,
  SavePaymentMethodOutput,
  VerifyCredentialsOutput,
} from '../interface.js';
import { assertCurrency, assertPositiveMinor } from '../internal/money.js';
import { isStripeError, toGatewayError } from './errors.js';
import { createStripeSdk } from './sdk.js';
import { stripeIdempotencyKey, toPaymentIntentCreateParams, toPaymentResult, toRefundOutput } from './transformers.js';
import { parseStripeWebhook } from './webhooks.js';

/** Always read the latest charge with the intent: captured and refunded amounts live there. */
const expandLatestCharge = ['latest_charge'];

/**
 * Stripe through the official SDK: PaymentIntents (automatic or manual capture), SetupIntents to save
 * cards, Refunds, Customers. Every POST carries `Idempotency-Key: <our key>:<verb>`.
 */
export class StripeGateway implements PaymentGateway {
  readonly name = 'stripe';
  private readonly stripe: Stripe;
  private readonly webhookSecret: string | undefined;

  constructor(config: GatewayConfig) {
    this.stripe = createStripeSdk(config);
    this.webhookSecret = config.webhookSecret;
  }

  async createCustomer(input: CreateCustomerInput): Promise<CreateCustomerOutput> {
    const customer = await this.call(() =>
      this.stripe.customers.create(
        { email: input.email, ...(input.name === undefined ? {} : { name: input.name }), metadata: { reference: input.reference } },
        { idempotencyKey: stripeIdempotencyKey(input.idempotencyKey, 'createCustomer') },
      ),
    );
    return { gatewayCustomerId: customer.id };
  }

  /**
   * A SetupIntent, created then confirmed with the method (two calls: localstripe does not take
   * `confirm` on create). Cards the issuer refuses throw a terminal GatewayError carrying the decline.
   */
  async savePaymentMethod(input: SavePaymentMethodInput): Promise<SavePaymentMethodOutput> {
    const created = await this.call(() =>
      this.stripe.setupIntents.create(
        { customer: input.gatewayCustomerId, usage: 'off_session', allowed_payment_method_types: ['card'] },
        { idempotencyKey: stripeIdempotencyKey(input.idempotencyKey, 'setup') },
      ),
    );
    const setupIntent =
      created.status === 'requires_payment_method'
        ? await this.call(() => this.stripe.setupIntents.confirm(created.id, { payment_method: input.token }, { idempotencyKey: stripeIdempotencyKey(input.idempotencyKey, 'setup_confirm') }))
        : created;
    const methodId = typeof setupIntent.payment_method === 'string' ? setupIntent.payment_method : setupIntent.payment_method?.id;
    if (methodId === undefined) throw new GatewayError('Stripe returned a SetupIntent without a payment method', { code: 'unknown', kind: 'indeterminate' });
    const method = await this.call(() => this.stripe.paymentMethods.retrieve(methodId));
    const card = method.card;
    const output: SavePaymentMethodOutput = {
      methodId,
      brand: card?.brand ?? 'unknown',
      last4: card?.last4 ?? '',
      expMonth: card?.exp_month ?? 0,
      expYear: card?.exp_year ?? 0,
      status: setupIntent.status === 'requires_action' ? 'requires_action' : 'saved',
    };
    if (output.status === 'requires_action' && setupIntent.client_secret) output.clientSecret = setupIntent.client_secret;
    return output;
  }

  async deletePaymentMethod(input: DeletePaymentMethodInput): Promise<DeletePaymentMethodOutput> {
    let method: Stripe.PaymentMethod;
    try {
      method = await this.stripe.paymentMethods.retrieve(input.methodId);
    } catch (error) {
      const mapped = toGatewayError(error);
      if (mapped.code === 'not_found') return { deleted: true };
      throw mapped;
    }
    const owner = typeof method.customer === 'string' ? method.customer : method.customer?.id;
    if (owner !== undefined && owner !== input.gatewayCustomerId) {
      throw new GatewayError('The payment method belongs to another customer', { code: 'invalid_request', kind: 'terminal' });
    }
    // A method already detached is the goal reached: Stripe refuses to detach it again.
    if (owner === undefined) return { deleted: true };
    await this.call(() => this.stripe.paymentMethods.detach(input.methodId, {}, { idempotencyKey: stripeIdempotencyKey(input.idempotencyKey, 'detach') }));
    return { deleted: true };
  }

  async authorize(input: AuthorizeInput): Promise<PaymentResult> {
    assertPositiveMinor(input.amountMinor);
    assertCurrency(input.currency);
    const params = toPaymentIntentCreateParams(input);
    try {
      const intent = await this.stripe.paymentIntents.create({ ...params, expand: expandLatestCharge }, { idempotencyKey: stripeIdempotencyKey(input.idempotencyKey, 'authorize') });
      return toPaymentResult(intent);
    } catch (error) {
      const declined = await this.intentOfDecline(error);
      if (declined !== undefined) return toPaymentResult(declined);
      throw toGatewayError(error);
    }
  }

  /**
   * After the customer finished 3-D Secure with Stripe.js the intent has moved on by itself; only an
   * intent left in `requires_confirmation` needs a server-side confirm.
   */
  async confirm(input: ConfirmInput): Promise<PaymentResult> {
    const intent = await this.retrieveIntent(input.gatewayReference);
    if (intent.status !== 'requires_confirmation') return toPaymentResult(intent);
    try {
      const confirmed = await this.stripe.paymentIntents.confirm(intent.id, { expand: expandLatestCharge }, { idempotencyKey: stripeIdempotencyKey(input.idempotencyKey, 'confirm') });
      return toPaymentResult(confirmed);
    } catch (error) {
      const declined = await this.intentOfDecline(error);
      if (declined !== undefined) return toPaymentResult(declined);
      throw toGatewayError(error);
    }
  }

  /** Captures all or part; Stripe releases the uncaptured remainder. Capturing a captured intent returns it. */
  async capture(input: CaptureInput): Promise<PaymentResult> {
    assertPositiveMinor(input.amountMinor);
    try {
      const intent = await this.stripe.paymentIntents.capture(
        input.gatewayReference,
        { amount_to_capture: input.amountMinor, expand: expandLatestCharge },
        { idempotencyKey: stripeIdempotencyKey(input.idempotencyKey, 'capture') },
      );
      return toPaymentResult(intent);
    } catch (error) {
      const current = await this.currentStateAfterRefusal(input.gatewayReference, error);
      if (current.status === 'captured') return current;
      if (current.status === 'canceled') throw new GatewayError('The authorization was canceled', { code: 'already_canceled', kind: 'terminal', cause: error });
      throw toGatewayError(error);
    }
  }

  /** Voids an authorization; canceling a canceled intent returns it. */
  async cancel(input: CancelInput): Promise<PaymentResult> {
    try {
      const intent = await this.stripe.paymentIntents.cancel(input.gatewayReference, { expand: expandLatestCharge }, { idempotencyKey: stripeIdempotencyKey(input.idempotencyKey, 'cancel') });
      return toPaymentResult(intent);
    } catch (error) {
      const current = await this.currentStateAfterRefusal(input.gatewayReference, error);
      if (current.status === 'canceled') return current;
      if (current.status === 'captured') throw new GatewayError('The payment was already captured: refund it instead', { code: 'already_captured', kind: 'terminal', cause: error });
      throw toGatewayError(error);
    }
  }

  async refund(input: RefundInput): Promise<RefundOutput> {
    assertPositiveMinor(input.amountMinor);
    const refund = await this.call(() =>
      this.stripe.refunds.create(
        { payment_intent: input.gatewayReference, amount: input.amountMinor, ...(input.reason === undefined ? {} : { reason: input.reason }) },
        { idempotencyKey: stripeIdempotencyKey(input.idempotencyKey, 'refund') },
      ),
    );
    return toRefundOutput(refund);
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<PaymentResult> {
    return toPaymentResult(await this.retrieveIntent(input.gatewayReference));
  }

  /** Reads the balance: allowed for every standard and most restricted keys, moves nothing. */
  async verifyCredentials(): Promise<VerifyCredentialsOutput> {
    try {
      await this.stripe.balance.retrieve();
      return { ok: true };
    } catch (error) {
      const mapped = toGatewayError(error);
      if (mapped.code === 'invalid_credentials') return { ok: false, message: 'Stripe rejected the secret key' };
      throw mapped;
    }
  }

  async parseWebhook(input: ParseWebhookInput): Promise<NormalizedWebhookEvent> {
    return parseStripeWebhook(input, this.webhookSecret);
  }

  private retrieveIntent(id: string): Promise<Stripe.PaymentIntent> {
    return this.call(() => this.stripe.paymentIntents.retrieve(id, { expand: expandLatestCharge }));
  }

  /**
   * A decline on create/confirm comes back as a card error. Stripe puts the intent in the error; localstripe
   * only names the charge, whose `payment_intent` leads back to it. Either way the decline becomes a result.
   */
  private async intentOfDecline(error: unknown): Promise<Stripe.PaymentIntent | undefined> {
    if (!isStripeError(error) || error.type !== 'StripeCardError') return undefined;
    const intentId = error.payment_intent?.id ?? (error.charge ? await this.intentIdOfCharge(error.charge) : undefined);
    if (intentId === undefined) return undefined;
    return this.retrieveIntent(intentId);
  }

  private async intentIdOfCharge(chargeId: string): Promise<string | undefined> {
    const charge = await this.call(() => this.stripe.charges.retrieve(chargeId));
    const intent = charge.payment_intent;
    return typeof intent === 'string' ? intent : intent?.id;
  }

  /** When Stripe refuses a state change, read the intent: it may already be where we wanted it. */
  private async currentStateAfterRefusal(id: string, error: unknown): Promise<PaymentResult> {
    const mapped = toGatewayError(error);
    if (mapped.kind !== 'terminal' || mapped.code === 'not_found' || mapped.code === 'invalid_credentials') throw mapped;
    return this.retrievePayment({ gatewayReference: id });
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw toGatewayError(error);
    }
  }
}
