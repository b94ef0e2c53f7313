import type { GatewayConfig } from '../config.js';
import { GatewayError, WebhookVerificationError, assertNever } from '../errors.js';
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
import { headerValue } from '../internal/headers.js';
import { assertCurrency, assertPositiveMinor } from '../internal/money.js';
import { stableJson } from '../internal/stable-json.js';
import { verifyTimestampedSignature } from '../internal/timestamped-signature.js';
import { SandboxStore, type SandboxPayment, type SandboxStats } from './store.js';
import { cardOfMethodReference, factsOfPaymentReference, methodReference, paymentReference } from './references.js';
import { findSandboxTestCard, type SandboxTestCard } from './test-cards.js';
import { sandboxFailure, sandboxPaymentRaw, sandboxRefundRaw, toNormalizedEvent, toPaymentResult, toRefundOutput } from './transformers.js';
import { parseSandboxEventBody, sandboxSignatureHeader, type SandboxEventType } from './webhooks.js';
import type { JsonObject } from '../json.js';

/** Options beyond the common config. */
export interface SandboxGatewayOptions {
  /** Share state between instances (e.g. one instance per API key); default: a private store. */
  store?: SandboxStore;
}

/**
 * The built-in simulated processor: deterministic, in memory, test mode only. Test cards are listed in
 * `sandboxTestCards`. Every mutating verb is idempotent per (verb, idempotencyKey): the same key with
 * the same input returns the first outcome (result or terminal error); with other input it throws
 * `idempotency_conflict`, as Stripe does.
 */
export class SandboxGateway implements PaymentGateway {
  readonly name = 'sandbox';
  readonly store: SandboxStore;
  private readonly config: GatewayConfig;

  constructor(config: GatewayConfig, options: SandboxGatewayOptions = {}) {
    if (config.mode !== 'test') {
      throw new GatewayError('The sandbox gateway only runs in test mode', { code: 'invalid_credentials', kind: 'terminal' });
    }
    this.config = config;
    this.store = options.store ?? new SandboxStore();
  }

  /** Counters tests read: charges that reached the processor, per idempotency key, replays. */
  stats(): SandboxStats {
    return this.store.stats();
  }

  createCustomer(input: CreateCustomerInput): Promise<CreateCustomerOutput> {
    return this.idempotent('createCustomer', input, () => {
      const id = this.store.nextId('cus_sbx');
      this.store.customers.set(id, { id, email: input.email, reference: input.reference, ...(input.name === undefined ? {} : { name: input.name }) });
      return { gatewayCustomerId: id };
    });
  }

  savePaymentMethod(input: SavePaymentMethodInput): Promise<SavePaymentMethodOutput> {
    return this.idempotent('savePaymentMethod', input, () => {
      this.requireCustomer(input.gatewayCustomerId);
      const card = this.requireCard(input.token);
      // As on Stripe, attaching a card the issuer declines fails; only the 0341 card attaches and then declines.
      if (card.behaviour.kind === 'declines') {
        const failure = sandboxFailure(card.behaviour.code);
        throw new GatewayError(failure.message, { code: failure.code, kind: 'terminal', declineType: failure.declineType, gatewayCode: failure.code });
      }
      const id = methodReference(this.store.nextUnique('pm_sbx'), card);
      const expYear = this.store.now().getUTCFullYear() + 4;
      this.store.methods.set(id, { id, customerId: input.gatewayCustomerId, card, expMonth: 12, expYear });
      this.emit('method.attached', { id, object: 'sandbox.method', customer: input.gatewayCustomerId, brand: card.brand, last4: card.number.slice(-4) });
      return { methodId: id, brand: card.brand, last4: card.number.slice(-4), expMonth: 12, expYear, status: 'saved' as const };
    });
  }

  deletePaymentMethod(input: DeletePaymentMethodInput): Promise<DeletePaymentMethodOutput> {
    return this.idempotent('deletePaymentMethod', input, () => {
      const method = this.store.methods.get(input.methodId);
      if (method !== undefined && method.customerId !== input.gatewayCustomerId) {
        throw new GatewayError('The method belongs to another customer', { code: 'invalid_request', kind: 'terminal' });
      }
      // Deleting an already deleted method is success: the caller's goal is reached.
      this.store.deletedMethods.add(input.methodId);
      if (method !== undefined) {
        this.store.methods.delete(input.methodId);
        this.emit('method.detached', { id: method.id, object: 'sandbox.method', customer: method.customerId });
      }
      return { deleted: true as const };
    });
  }

  authorize(input: AuthorizeInput): Promise<PaymentResult> {
    return this.idempotent('authorize', input, () => {
      assertPositiveMinor(input.amountMinor);
      assertCurrency(input.currency);
      const { card, saved } = this.resolveSource(input);
      if (card.behaviour.kind === 'network_error_once' && !this.store.networkErrorsServed.has(input.idempotencyKey)) {
        this.store.networkErrorsServed.add(input.idempotencyKey);
        // Thrown before the processor saw the charge and before the idempotency record is written.
        throw new GatewayError('Simulated network error: the sandbox did not receive the request', { code: 'gateway_unavailable', kind: 'retryable' });
      }
      this.store.countCharge(input.idempotencyKey);
      const payment: SandboxPayment = {
        id: paymentReference(this.store.nextUnique('pay_sbx'), { amountMinor: input.amountMinor, currency: input.currency, captureMethod: input.captureMethod, card }),
        status: 'processing',
        amountMinor: input.amountMinor,
        currency: input.currency,
        captureMethod: input.captureMethod,
        authorizedMinor: 0,
        capturedMinor: 0,
        capturableMinor: 0,
        refundedMinor: 0,
        card,
        offSession: input.offSession,
        metadata: { ...input.metadata },
        clientSecret: '',
        createdAt: this.store.now(),
        ...(input.returnUrl === undefined ? {} : { returnUrl: input.returnUrl }),
      };
      payment.clientSecret = `${payment.id}_secret_sandbox`;
      this.store.payments.set(payment.id, payment);
      this.process(payment, { saved, offSession: input.offSession });
      return toPaymentResult(payment);
    });
  }

  confirm(input: ConfirmInput): Promise<PaymentResult> {
    return this.idempotent('confirm', input, () => {
      const payment = this.requirePayment(input.gatewayReference);
      // Confirming a payment that already moved on returns its state: the retry is harmless.
      if (payment.status !== 'requires_action') return toPaymentResult(payment);
      if (input.confirmation?.outcome === 'fail') {
        this.decline(payment, 'authentication_required');
      } else {
        this.approve(payment);
      }
      return toPaymentResult(payment);
    });
  }

  capture(input: CaptureInput): Promise<PaymentResult> {
    return this.idempotent('capture', input, () => {
      assertPositiveMinor(input.amountMinor);
      const payment = this.requirePayment(input.gatewayReference);
      switch (payment.status) {
        case 'captured':
          return toPaymentResult(payment);
        case 'authorized':
          break;
        case 'canceled':
          throw new GatewayError('The authorization was canceled', { code: 'already_canceled', kind: 'terminal' });
        case 'requires_payment_method':
        case 'requires_action':
        case 'processing':
        case 'failed':
          throw new GatewayError(`Cannot capture a payment in status ${payment.status}`, { code: 'invalid_request', kind: 'terminal' });
        default:
          return assertNever(payment.status);
      }
      if (input.amountMinor > payment.capturableMinor) {
        throw new GatewayError(`Cannot capture ${input.amountMinor}: only ${payment.capturableMinor} is authorized`, { code: 'amount_invalid', kind: 'terminal' });
      }
      payment.capturedMinor = input.amountMinor;
      payment.capturableMinor = 0;
      payment.status = 'captured';
      this.emit('payment.captured', sandboxPaymentRaw(payment));
      return toPaymentResult(payment);
    });
  }

  cancel(input: CancelInput): Promise<PaymentResult> {
    return this.idempotent('cancel', input, () => {
      const payment = this.requirePayment(input.gatewayReference);
      switch (payment.status) {
        case 'canceled':
          return toPaymentResult(payment);
        case 'captured':
          throw new GatewayError('The payment was already captured: refund it instead', { code: 'already_captured', kind: 'terminal' });
        case 'processing':
          throw new GatewayError('The payment is still processing', { code: 'invalid_request', kind: 'terminal' });
        case 'authorized':
        case 'requires_action':
        case 'requires_payment_method':
        case 'failed':
          break;
        default:
          return assertNever(payment.status);
      }
      payment.status = 'canceled';
      payment.capturableMinor = 0;
      this.emit('payment.canceled', sandboxPaymentRaw(payment));
      return toPaymentResult(payment);
    });
  }

  refund(input: RefundInput): Promise<RefundOutput> {
    return this.idempotent('refund', input, () => {
      assertPositiveMinor(input.amountMinor);
      const payment = this.requirePayment(input.gatewayReference);
      if (payment.status !== 'captured') {
        throw new GatewayError(`Cannot refund a payment in status ${payment.status}`, { code: 'invalid_request', kind: 'terminal' });
      }
      const refundable = payment.capturedMinor - payment.refundedMinor;
      if (refundable === 0) throw new GatewayError('The payment is already fully refunded', { code: 'already_refunded', kind: 'terminal' });
      if (input.amountMinor > refundable) {
        throw new GatewayError(`Cannot refund ${input.amountMinor}: only ${refundable} is left`, { code: 'amount_invalid', kind: 'terminal' });
      }
      const refund = {
        id: this.store.nextId('rf_sbx'),
        paymentId: payment.id,
        amountMinor: input.amountMinor,
        currency: payment.currency,
        status: 'succeeded' as const,
        createdAt: this.store.now(),
        ...(input.reason === undefined ? {} : { reason: input.reason }),
      };
      this.store.refunds.set(refund.id, refund);
      payment.refundedMinor += input.amountMinor;
      this.emit('refund.succeeded', sandboxRefundRaw(refund));
      return toRefundOutput(refund);
    });
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<PaymentResult> {
    return toPaymentResult(this.requirePayment(input.gatewayReference));
  }

  async verifyCredentials(): Promise<VerifyCredentialsOutput> {
    if (this.config.secretKey.trim() === '') return { ok: false, message: 'The sandbox secret key is empty' };
    return { ok: true, accountId: 'acct_sandbox' };
  }

  async parseWebhook(input: ParseWebhookInput): Promise<NormalizedWebhookEvent> {
    const secret = this.config.webhookSecret;
    if (secret === undefined || secret === '') throw new WebhookVerificationError('missing_secret', 'No webhook secret is configured for this sandbox key');
    verifyTimestampedSignature({ secret, rawBody: input.rawBody, header: headerValue(input.headers, sandboxSignatureHeader), now: input.now ?? new Date() });
    return toNormalizedEvent(parseSandboxEventBody(input.rawBody));
  }

  /** Runs the simulated issuer for a new payment. */
  private process(payment: SandboxPayment, context: { saved: boolean; offSession: boolean }): void {
    const behaviour = payment.card.behaviour;
    switch (behaviour.kind) {
      case 'succeeds':
      case 'network_error_once':
        return this.approve(payment);
      case 'declines':
        return this.decline(payment, behaviour.code);
      case 'saves_then_declines':
        return this.decline(payment, 'card_declined');
      case 'requires_3ds':
        // A card saved through savePaymentMethod carries a mandate: off-session charges need no 3-D Secure.
        if (context.saved && context.offSession) return this.approve(payment);
        return this.requireAction(payment, context.offSession);
      case 'always_requires_3ds':
        return this.requireAction(payment, context.offSession);
      default:
        return assertNever(behaviour);
    }
  }

  private requireAction(payment: SandboxPayment, offSession: boolean): void {
    // Nobody is present to authenticate an off-session charge, so it fails the way Stripe's does.
    if (offSession) return this.decline(payment, 'authentication_required');
    payment.status = 'requires_action';
    this.emit('payment.requires_action', sandboxPaymentRaw(payment));
  }

  private approve(payment: SandboxPayment): void {
    payment.authorizedMinor = payment.amountMinor;
    if (payment.captureMethod === 'automatic') {
      payment.capturedMinor = payment.amountMinor;
      payment.capturableMinor = 0;
      payment.status = 'captured';
      this.emit('payment.captured', sandboxPaymentRaw(payment));
    } else {
      payment.capturableMinor = payment.amountMinor;
      payment.status = 'authorized';
      this.emit('payment.authorized', sandboxPaymentRaw(payment));
    }
  }

  private decline(payment: SandboxPayment, code: Parameters<typeof sandboxFailure>[0]): void {
    payment.status = 'failed';
    payment.failure = sandboxFailure(code);
    this.emit('payment.failed', sandboxPaymentRaw(payment));
  }

  private emit(type: SandboxEventType, object: JsonObject): void {
    this.store.events.push({ id: this.store.nextId('evt_sbx'), type, created: Math.floor(this.store.now().getTime() / 1000), data: { object } });
  }

  private resolveSource(input: AuthorizeInput): { card: SandboxTestCard; saved: boolean } {
    const source = input.source;
    switch (source.kind) {
      case 'token':
        return { card: this.requireCard(source.token), saved: false };
      case 'saved': {
        const method = this.store.methods.get(source.methodId);
        if (method !== undefined && method.customerId === source.gatewayCustomerId) return { card: method.card, saved: true };
        // Saved by another process (the API) and charged here (a worker): the id names the card.
        const card = method === undefined && !this.store.deletedMethods.has(source.methodId) ? cardOfMethodReference(source.methodId) : undefined;
        if (card === undefined) {
          throw new GatewayError(`No saved method ${source.methodId} for customer ${source.gatewayCustomerId}`, { code: 'not_found', kind: 'terminal' });
        }
        return { card, saved: true };
      }
      default:
        return assertNever(source);
    }
  }

  private requireCard(token: string): SandboxTestCard {
    const card = findSandboxTestCard(token);
    if (card === undefined) {
      throw new GatewayError('Unknown sandbox card or token: use one of the sandbox test cards', { code: 'incorrect_number', kind: 'terminal' });
    }
    return card;
  }

  private requireCustomer(id: string): void {
    if (this.store.customers.has(id)) return;
    // Created by another process: sandbox customers hold nothing this process needs.
    if (/^cus_sbx_[a-z0-9]+$/.test(id)) {
      this.store.customers.set(id, { id, email: '', reference: '' });
      return;
    }
    throw new GatewayError(`No sandbox customer ${id}`, { code: 'not_found', kind: 'terminal' });
  }

  private requirePayment(id: string): SandboxPayment {
    const payment = this.store.payments.get(id) ?? this.rebuildPayment(id);
    if (payment === undefined) throw new GatewayError(`No sandbox payment ${id}`, { code: 'not_found', kind: 'terminal' });
    return payment;
  }

  /**
   * A payment made by another process: rebuilt from its id in the state its card leads to, as if the
   * customer had completed any 3-D Secure step. Later changes made by the other process are not known.
   */
  private rebuildPayment(id: string): SandboxPayment | undefined {
    const facts = factsOfPaymentReference(id);
    if (facts === undefined) return undefined;
    const payment: SandboxPayment = {
      id,
      status: 'processing',
      amountMinor: facts.amountMinor,
      currency: facts.currency,
      captureMethod: facts.captureMethod,
      authorizedMinor: 0,
      capturedMinor: 0,
      capturableMinor: 0,
      refundedMinor: 0,
      card: facts.card,
      offSession: false,
      metadata: {},
      clientSecret: `${id}_secret_sandbox`,
      createdAt: this.store.now(),
    };
    const behaviour = facts.card.behaviour;
    if (behaviour.kind === 'declines') this.decline(payment, behaviour.code);
    else if (behaviour.kind === 'saves_then_declines') this.decline(payment, 'card_declined');
    else this.approve(payment);
    this.store.payments.set(id, payment);
    return payment;
  }

  /**
   * Replays the first outcome for (verb, key). Terminal errors are remembered like results; retryable
   * ones are not (the simulated processor never saw the request), so a retry runs again.
   */
  private async idempotent<Input extends { idempotencyKey: string }, Output>(verb: string, input: Input, run: () => Output): Promise<Output> {
    const scopedKey = `${verb}:${input.idempotencyKey}`;
    const fingerprint = stableJson(input);
    const earlier = this.store.recall(scopedKey, fingerprint);
    if (earlier.found === 'conflict') {
      throw new GatewayError(`Idempotency key ${input.idempotencyKey} was already used for ${verb} with different parameters`, { code: 'idempotency_conflict', kind: 'terminal' });
    }
    if (earlier.found) {
      // Records under a verb-scoped key only ever hold that verb's output, written below.
      if (earlier.record.ok) return structuredClone(earlier.record.value) as Output;
      throw earlier.record.error;
    }
    try {
      const value = run();
      this.store.remember(scopedKey, fingerprint, { ok: true, value: structuredClone(value) });
      return value;
    } catch (error) {
      if (!(error instanceof GatewayError) || error.kind === 'terminal') this.store.remember(scopedKey, fingerprint, { ok: false, error });
      throw error;
    }
  }
}
