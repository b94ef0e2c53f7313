import type Razorpay from 'razorpay';
import { defaultMaxNetworkRetries, type GatewayConfig } from '../config.js';
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
import { withRetries } from '../internal/retry.js';
import { isAlreadyCaptured, isRazorpayError, toGatewayError } from './errors.js';
import { createRazorpaySdk } from './sdk.js';
import { isValidPaymentSignature } from './signatures.js';
import {
  pickOrderPayment,
  razorpayReceipt,
  toMinor,
  toPaymentResult,
  toRefundOutput,
  type RazorpayOrderWire,
  type RazorpayPaymentWire,
} from './transformers.js';
import { parseRazorpayWebhook } from './webhooks.js';

/**
 * Razorpay through the official SDK. A payment is an order (`gatewayReference` = `order_...`): on-session
 * payments return a `razorpay_checkout` next action and finish in `confirm` with Checkout's signed ids;
 * saved tokens are charged server to server (recurring). Razorpay has no idempotency header for these
 * calls, so orders and refunds carry a receipt derived from our key and are looked up before creating.
 * Razorpay cannot void an authorization or capture part of one (see README).
 */
export class RazorpayGateway implements PaymentGateway {
  readonly name = 'razorpay';
  private readonly razorpay: Razorpay;
  private readonly keyId: string;
  private readonly keySecret: string;
  private readonly webhookSecret: string | undefined;
  private readonly maxRetries: number;

  constructor(config: GatewayConfig) {
    this.razorpay = createRazorpaySdk(config);
    this.keyId = config.publishableKey ?? '';
    this.keySecret = config.secretKey;
    this.webhookSecret = config.webhookSecret;
    this.maxRetries = config.maxNetworkRetries ?? defaultMaxNetworkRetries;
  }

  /** `fail_existing: 0` makes Razorpay return the existing customer for the same email/contact: a retry is safe. */
  async createCustomer(input: CreateCustomerInput): Promise<CreateCustomerOutput> {
    const customer = await this.write(() =>
      this.razorpay.customers.create({
        email: input.email,
        fail_existing: 0,
        notes: { reference: input.reference },
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.phone === undefined ? {} : { contact: input.phone }),
      }),
    );
    return { gatewayCustomerId: customer.id };
  }

  /**
   * Razorpay tokens are created by Checkout (a payment with `save`/recurring); saving one here checks
   * that it belongs to the customer and reads its card details.
   */
  async savePaymentMethod(input: SavePaymentMethodInput): Promise<SavePaymentMethodOutput> {
    const token = await this.read(() => this.razorpay.customers.fetchToken(input.gatewayCustomerId, input.token));
    const card = token.card;
    return {
      methodId: token.id,
      brand: typeof card?.network === 'string' ? card.network.toLowerCase() : 'unknown',
      last4: typeof card?.last4 === 'string' ? card.last4 : '',
      expMonth: toMinor(card?.expiry_month),
      expYear: toMinor(card?.expiry_year),
      status: 'saved',
    };
  }

  async deletePaymentMethod(input: DeletePaymentMethodInput): Promise<DeletePaymentMethodOutput> {
    try {
      await this.write(() => this.razorpay.customers.deleteToken(input.gatewayCustomerId, input.methodId));
    } catch (error) {
      // Already deleted is the goal reached.
      if (error instanceof GatewayError && error.code === 'not_found') return { deleted: true };
      throw error;
    }
    return { deleted: true };
  }

  async authorize(input: AuthorizeInput): Promise<PaymentResult> {
    assertPositiveMinor(input.amountMinor);
    assertCurrency(input.currency);
    const order = await this.findOrCreateOrder(input);
    const source = input.source;
    if (source.kind === 'token') return this.orderResult(order);
    const payments = await this.orderPayments(order.id);
    // A retried authorize finds the recurring payment it already made on this order.
    if (payments.length === 0) {
      const customer = await this.read(() => this.razorpay.customers.fetch(source.gatewayCustomerId));
      await this.write(() =>
        this.razorpay.payments.createRecurringPayment({
          email: customer.email ?? '',
          contact: customer.contact ?? '',
          amount: input.amountMinor,
          currency: input.currency,
          order_id: order.id,
          customer_id: source.gatewayCustomerId,
          token: source.methodId,
          recurring: '1',
          notes: { ...input.metadata },
          ...(input.description === undefined ? {} : { description: input.description }),
        }),
      );
    }
    return this.orderResult(order);
  }

  /** Verifies Checkout's signature (constant time) before trusting the payment id it names. */
  async confirm(input: ConfirmInput): Promise<PaymentResult> {
    const order = await this.read(() => this.razorpay.orders.fetch(input.gatewayReference));
    const confirmation = input.confirmation;
    if (confirmation === undefined) return this.orderResult(order);
    const paymentId = confirmation.razorpay_payment_id ?? '';
    const orderId = confirmation.razorpay_order_id ?? '';
    const signature = confirmation.razorpay_signature ?? '';
    if (orderId !== order.id || !isValidPaymentSignature(order.id, paymentId, signature, this.keySecret)) {
      throw new GatewayError('The Razorpay payment signature does not verify', { code: 'signature_invalid', kind: 'terminal' });
    }
    const payment = await this.read(() => this.razorpay.payments.fetch(paymentId));
    if (payment.order_id !== order.id) throw new GatewayError('The payment belongs to another order', { code: 'signature_invalid', kind: 'terminal' });
    return toPaymentResult(order, payment, this.keyId);
  }

  /** Captures the authorized payment in full; capturing again returns it. */
  async capture(input: CaptureInput): Promise<PaymentResult> {
    assertPositiveMinor(input.amountMinor);
    const order = await this.read(() => this.razorpay.orders.fetch(input.gatewayReference));
    const payment = pickOrderPayment(await this.orderPayments(order.id));
    if (payment === undefined) throw new GatewayError('The order has no payment to capture yet', { code: 'invalid_request', kind: 'terminal' });
    if (payment.status === 'captured' || payment.status === 'refunded') return toPaymentResult(order, payment, this.keyId);
    if (input.amountMinor !== toMinor(payment.amount)) {
      throw new GatewayError('Razorpay captures only the full authorized amount (no partial capture)', { code: 'amount_invalid', kind: 'terminal' });
    }
    try {
      const captured = await this.razorpay.payments.capture(payment.id, input.amountMinor, order.currency);
      return toPaymentResult(order, captured, this.keyId);
    } catch (error) {
      if (!isRazorpayError(error) || !isAlreadyCaptured(error)) throw toGatewayError(error);
    }
    return this.orderResult(order);
  }

  /**
   * Razorpay has no void: an uncaptured authorization is refunded automatically when its capture window
   * ends. Canceling an order nobody paid yet returns `canceled` (nothing is held); otherwise this throws.
   */
  async cancel(input: CancelInput): Promise<PaymentResult> {
    const order = await this.read(() => this.razorpay.orders.fetch(input.gatewayReference));
    const payment = pickOrderPayment(await this.orderPayments(order.id));
    if (payment === undefined || payment.status === 'failed') {
      const result = toPaymentResult(order, payment, this.keyId);
      const { nextAction: _dropped, ...withoutAction } = result;
      return { ...withoutAction, status: 'canceled', capturableMinor: 0 };
    }
    if (payment.status === 'captured' || payment.status === 'refunded') {
      throw new GatewayError('The payment was already captured: refund it instead', { code: 'already_captured', kind: 'terminal' });
    }
    throw new GatewayError('Razorpay cannot void an authorization; it is released automatically when the capture window ends', { code: 'invalid_request', kind: 'terminal' });
  }

  async refund(input: RefundInput): Promise<RefundOutput> {
    assertPositiveMinor(input.amountMinor);
    const payment = pickOrderPayment(await this.orderPayments(input.gatewayReference));
    if (payment === undefined || (payment.status !== 'captured' && payment.status !== 'refunded')) {
      throw new GatewayError('Only a captured payment can be refunded', { code: 'invalid_request', kind: 'terminal' });
    }
    const receipt = razorpayReceipt(input.idempotencyKey, 'refund');
    const earlier = await this.read(() => this.razorpay.payments.fetchMultipleRefund(payment.id, { count: 100 }));
    const existing = earlier.items.find((refund) => refund.receipt === receipt);
    if (existing !== undefined) return toRefundOutput(existing);
    const refund = await this.write(() =>
      this.razorpay.payments.refund(payment.id, { amount: input.amountMinor, speed: 'normal', receipt, notes: { ...(input.reason === undefined ? {} : { reason: input.reason }) } }),
    );
    return toRefundOutput(refund);
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<PaymentResult> {
    const order = await this.read(() => this.razorpay.orders.fetch(input.gatewayReference));
    return this.orderResult(order);
  }

  /** Lists one order: authenticated, harmless. */
  async verifyCredentials(): Promise<VerifyCredentialsOutput> {
    try {
      await this.read(() => this.razorpay.orders.all({ count: 1 }));
      return { ok: true };
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'invalid_credentials') return { ok: false, message: 'Razorpay rejected the key id or key secret' };
      throw error;
    }
  }

  async parseWebhook(input: ParseWebhookInput): Promise<NormalizedWebhookEvent> {
    return parseRazorpayWebhook(input, this.webhookSecret);
  }

  private async findOrCreateOrder(input: AuthorizeInput): Promise<RazorpayOrderWire> {
    const receipt = razorpayReceipt(input.idempotencyKey, 'authorize');
    const existing = await this.read(() => this.razorpay.orders.all({ receipt, count: 1 }));
    const found = existing.items.find((order) => order.receipt === receipt);
    if (found !== undefined) {
      if (toMinor(found.amount) !== input.amountMinor || found.currency !== input.currency) {
        throw new GatewayError(`Idempotency key ${input.idempotencyKey} was already used with a different amount`, { code: 'idempotency_conflict', kind: 'terminal' });
      }
      return found;
    }
    return this.write(() =>
      this.razorpay.orders.create({
        amount: input.amountMinor,
        currency: input.currency,
        receipt,
        payment_capture: input.captureMethod === 'automatic',
        notes: { ...input.metadata, ...(input.description === undefined ? {} : { description: input.description }) },
      }),
    );
  }

  private async orderPayments(orderId: string): Promise<RazorpayPaymentWire[]> {
    const payments = await this.read(() => this.razorpay.orders.fetchPayments(orderId));
    return payments.items;
  }

  private async orderResult(order: RazorpayOrderWire): Promise<PaymentResult> {
    return toPaymentResult(order, pickOrderPayment(await this.orderPayments(order.id)), this.keyId);
  }

  private read<T>(operation: () => Promise<T>): Promise<T> {
    return withRetries(operation, toGatewayError, { maxRetries: this.maxRetries, safeToRepeat: true });
  }

  private write<T>(operation: () => Promise<T>): Promise<T> {
    return withRetries(operation, toGatewayError, { maxRetries: this.maxRetries, safeToRepeat: false });
  }
}
