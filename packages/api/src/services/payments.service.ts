import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { GatewayError, gatewayInfo, isGatewayName, type PaymentGateway, type PaymentResult, type PaymentSource, type RefundReason } from '@payrail/gateways';
import type { Logger } from 'pino';
import { idempotencyScope, type Viewer } from '../auth/viewer.js';
import { Customer } from '../db/entities/customer.js';
import { CustomerPaymentProfile } from '../db/entities/customer-payment-profile.js';
import { Invoice } from '../db/entities/invoice.js';
import { OnlinePayment } from '../db/entities/online-payment.js';
import { Payment, type CaptureMethod, type PaymentPurpose } from '../db/entities/payment.js';
import { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';
import { Refund } from '../db/entities/refund.js';
import { DomainError, notFound } from '../domain/errors.js';
import { assertCurrency, assertPositiveAmount } from '../domain/money.js';
import { statusAfterRefund } from '../domain/payment-state.js';
import type { Metrics } from '../metrics.js';
import { assertCustomerRecordAccess } from './access.js';
import { audit } from './audit.js';
import type { GatewayClients } from './gateway-clients.js';
import type { HoldWatcher } from './hold-watcher.js';
import { hashRequest, type IdempotencyService } from './idempotency.js';
import { applyCaptureEffects, moveBalance } from './payment-effects.js';
import { assertKeyAccepts } from './payment-rules.js';
import { applyGatewayResult, refreshFee, transition } from './payment-transitions.js';

export interface InitiatePaymentInput {
  idempotencyKey: string;
  gatewayKeyId?: string | null;
  invoiceId?: string | null;
  linkToken?: string | null;
  customerId?: string | null;
  amountMinor?: number | null;
  currency?: string | null;
  profileId?: string | null;
  paymentToken?: string | null;
  useBalance?: boolean | null;
  captureMethod?: CaptureMethod | null;
  description?: string | null;
  returnUrl?: string | null;
  /** Set by the recurring workflow: charge a saved profile without the customer present. */
  offSession?: boolean | null;
  purpose?: PaymentPurpose | null;
}

export interface RefundPaymentInput {
  idempotencyKey: string;
  paymentId: string;
  amountMinor?: number | null;
  reason?: string | null;
}

export interface ManualPaymentInput {
  idempotencyKey: string;
  customerId: string;
  invoiceId?: string | null;
  amountMinor: number;
  currency: string;
  method: 'cash' | 'bank_transfer';
  reference?: string | null;
  note?: string | null;
}

/** What a resolved initiate request charges: amounts, parties and the source of funds. */
interface ChargePlan {
  amountMinor: number;
  currency: string;
  purpose: PaymentPurpose;
  captureMethod: CaptureMethod;
  customer: Customer | null;
  invoice: Invoice | null;
  link: OnlinePayment | null;
  key: PaymentGatewayKey | null;
  profile: CustomerPaymentProfile | null;
  source: PaymentSource | null;
}

const REFUND_REASONS: readonly RefundReason[] = ['duplicate', 'fraudulent', 'requested_by_customer'];

/** The payment lifecycle: every money-moving operation, idempotent and recorded on the timeline. */
export class PaymentsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly idempotency: IdempotencyService,
    private readonly gateways: GatewayClients,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    /** Starts and signals the manual-capture hold workflow; absent in processes that run no workflows. */
    private readonly holds?: HoldWatcher,
  ) {}

  async initiate(viewer: Viewer, input: InitiatePaymentInput): Promise<Payment> {
    const plan = await this.plan(this.orm.em.fork(), viewer, input);
    const { resultId } = await this.idempotency.run(
      { scope: idempotencyScope(viewer), key: input.idempotencyKey, operation: 'initiatePayment', input: { ...input, idempotencyKey: undefined } },
      async (bind) => {
        const payment = await this.orm.em.fork().transactional(async (em) => {
          const created = this.createPayment(em, plan, input);
          await bind(em, created.id);
          if (plan.source === null) await this.settleFromBalance(em, created, viewer);
          return created;
        });
        if (plan.key && plan.source) await this.authorizeAtGateway(payment.id, plan.key, plan.source, input, viewer);
        return { resultId: payment.id };
      },
      // The previous owner died between creating the payment and recording the gateway's answer: ask
      // again with the same gateway idempotency key, which returns the first charge instead of a new one.
      async (paymentId) => {
        const payment = await this.load(paymentId);
        if (payment.status === 'requires_payment_method' && plan.key && plan.source) {
          await this.authorizeAtGateway(paymentId, plan.key, plan.source, input, viewer);
        }
      },
    );
    return this.load(resultId);
  }

  async confirm(viewer: Viewer, paymentId: string, idempotencyKey: string, confirmation: Record<string, string> = {}): Promise<Payment> {
    let heldBy: PaymentGatewayKey | null = null;
    const confirmed = await this.withLockedPayment(viewer, paymentId, 'payments:write', idempotencyKey, 'confirmPayment', { confirmation }, async (em, payment, gateway) => {
      if (payment.status !== 'requires_action' && payment.status !== 'requires_payment_method') {
        if (payment.status === 'authorized' || payment.status === 'captured') return;
        throw new DomainError('INVALID_STATE', `a ${payment.status} payment cannot be confirmed`, 'input.paymentId');
      }
      const result = await this.callGateway(payment, 'confirm', () =>
        requireGateway(gateway).confirm({ idempotencyKey: `${payment.id}:confirm`, gatewayReference: requireReference(payment), confirmation }),
      );
      await this.apply(em, payment, result, 'confirm', viewer, `${payment.id}:confirm`);
      // A hold authorized only after 3-D Secure lapses like any other: from now, per the key.
      if (isAuthorized(payment) && payment.gatewayKey && !payment.authorizationExpiresAt) {
        heldBy = await em.findOneOrFail(PaymentGatewayKey, payment.gatewayKey.id);
        payment.authorizationExpiresAt = new Date(Date.now() + heldBy.authorizationTtlHours * 3_600_000);
      }
    });
    if (heldBy) await this.holds?.placed(confirmed, heldBy);
    return confirmed;
  }

  async capture(viewer: Viewer, paymentId: string, idempotencyKey: string, amountMinor?: number | null): Promise<Payment> {
    return this.afterSettling(await this.withLockedPayment(viewer, paymentId, 'payments:write', idempotencyKey, 'capturePayment', { amountMinor }, async (em, payment, gateway) => {
      if (payment.status !== 'authorized') {
        throw new DomainError('INVALID_STATE', `only an authorized payment can be captured; this one is ${payment.status}`, 'input.paymentId');
      }
      const amount = amountMinor ?? payment.authorizedMinor;
      assertPositiveAmount(amount);
      if (amount > payment.authorizedMinor) {
        throw new DomainError('AMOUNT_EXCEEDS_CAPTURABLE', `at most ${payment.authorizedMinor} minor units can be captured`, 'input.amountMinor');
      }
      if (amount < payment.authorizedMinor && !capabilitiesOf(payment).partialCapture) {
        throw new DomainError('NOT_SUPPORTED_BY_GATEWAY', `${payment.gateway} captures the full authorized amount only`, 'input.amountMinor');
      }
      const result = await this.callGateway(payment, 'capture', () =>
        requireGateway(gateway).capture({ idempotencyKey: `${payment.id}:capture`, gatewayReference: requireReference(payment), amountMinor: amount }),
      );
      await this.apply(em, payment, result, 'capture', viewer, `${payment.id}:capture`);
      audit(em, viewer, 'payment.captured', { type: 'Payment', id: payment.id }, { amountMinor: amount });
    }));
  }

  async cancel(viewer: Viewer, paymentId: string, idempotencyKey: string): Promise<Payment> {
    return this.afterSettling(await this.withLockedPayment(viewer, paymentId, 'payments:write', idempotencyKey, 'cancelPayment', {}, async (em, payment, gateway) => {
      if (!['requires_payment_method', 'requires_action', 'authorized'].includes(payment.status)) {
        throw new DomainError('INVALID_STATE', `a ${payment.status} payment cannot be canceled`, 'input.paymentId');
      }
      if (payment.status === 'authorized' && !capabilitiesOf(payment).voidAuthorization) {
        throw new DomainError('NOT_SUPPORTED_BY_GATEWAY', `${payment.gateway} cannot release a hold; it lapses on its own when it expires`, 'input.paymentId');
      }
      if (payment.gatewayReference && gateway) {
        const result = await this.callGateway(payment, 'cancel', () =>
          gateway.cancel({ idempotencyKey: `${payment.id}:cancel`, gatewayReference: requireReference(payment) }),
        );
        await this.apply(em, payment, result, 'cancel', viewer, `${payment.id}:cancel`);
      } else {
        transition(em, payment, 'canceled', { kind: 'cancel', outcome: 'succeeded' }, viewer);
      }
      audit(em, viewer, 'payment.canceled', { type: 'Payment', id: payment.id });
    }));
  }

  /** A capture or cancel of a hold ends its workflow's wait (after the transaction committed). */
  private async afterSettling(payment: Payment): Promise<Payment> {
    await this.holds?.settled(payment);
    return payment;
  }

  async refund(viewer: Viewer, input: RefundPaymentInput): Promise<Refund> {
    const reason = parseRefundReason(input.reason);
    const scope = idempotencyScope(viewer);
    const gatewayKey = `${input.paymentId}:refund:${hashRequest(scope, input.idempotencyKey).slice(0, 24)}`;
    const refundId = await this.runLocked(viewer, input.paymentId, 'refunds:write', input.idempotencyKey, 'refundPayment', input, async (em, payment, gateway) => {
      if (payment.status !== 'captured' && payment.status !== 'partially_refunded') {
        throw new DomainError('INVALID_STATE', `only a captured payment can be refunded; this one is ${payment.status}`, 'input.paymentId');
      }
      const refundable = payment.capturedMinor - payment.refundedMinor;
      const amount = input.amountMinor ?? refundable;
      assertPositiveAmount(amount);
      if (amount > refundable) {
        throw new DomainError('AMOUNT_EXCEEDS_REFUNDABLE', `at most ${refundable} minor units can still be refunded`, 'input.amountMinor');
      }
      const refund = em.create(Refund, {
        payment,
        amountMinor: amount,
        currency: payment.currency,
        reason: input.reason ?? null,
        status: 'pending',
        idempotencyKey: gatewayKey,
      });
      em.persist(refund);
      if (gateway) {
        const outcome = await gateway
          .refund({ idempotencyKey: gatewayKey, gatewayReference: requireReference(payment), amountMinor: amount, ...(reason ? { reason } : {}) })
          .catch((error: unknown) => this.rethrowGatewayError(error));
        refund.gatewayReference = outcome.refundReference;
        refund.status = outcome.status;
        if (outcome.status === 'failed') {
          throw new DomainError('GATEWAY_ERROR', outcome.failure?.message ?? 'the gateway declined the refund', null);
        }
      } else {
        refund.status = 'succeeded';
      }
      // A pending refund already reserves its amount, so two refunds can never exceed what was captured.
      payment.refundedMinor += amount;
      transition(em, payment, statusAfterRefund(payment.capturedMinor, payment.refundedMinor), {
        kind: 'refund',
        outcome: refund.status === 'succeeded' ? 'succeeded' : 'pending',
        amountMinor: amount,
        gatewayReference: refund.gatewayReference ?? null,
        idempotencyKey: gatewayKey,
        message: input.reason ?? null,
      }, viewer);
      audit(em, viewer, 'payment.refunded', { type: 'Payment', id: payment.id }, { amountMinor: amount, refundId: refund.id, reason: input.reason ?? null });
      return refund.id;
    });
    return this.orm.em.fork().findOneOrFail(Refund, refundId);
  }

  /** Cash or bank transfer received by staff: a payment that is captured the moment it is recorded. */
  async recordManual(viewer: Viewer, input: ManualPaymentInput): Promise<Payment> {
    const currency = assertCurrency(input.currency);
    assertPositiveAmount(input.amountMinor);
    const em = this.orm.em.fork();
    const customer = await em.findOne(Customer, input.customerId);
    if (!customer) throw notFound('customer', 'input.customerId');
    const invoice = input.invoiceId ? await this.openInvoice(em, input.invoiceId, customer.id, currency) : null;
    const { resultId } = await this.idempotency.run(
      { scope: idempotencyScope(viewer), key: input.idempotencyKey, operation: 'recordManualPayment', input: { ...input, idempotencyKey: undefined } },
      async (bind) => {
        const payment = await this.orm.em.fork().transactional(async (tx) => {
          const created = tx.create(Payment, {
            status: 'requires_payment_method',
            purpose: invoice ? 'invoice' : 'amount',
            methodKind: input.method,
            amountMinor: input.amountMinor,
            currency,
            gateway: 'manual',
            gatewayReference: input.reference ? `manual:${input.reference}` : null,
            customer: customer.id,
            invoice: invoice?.id ?? null,
            idempotencyKey: input.idempotencyKey,
            description: input.note ?? null,
          });
          tx.persist(created);
          await bind(tx, created.id);
          created.authorizedMinor = input.amountMinor;
          created.capturedMinor = input.amountMinor;
          transition(tx, created, 'captured', { kind: 'manual', outcome: 'succeeded', amountMinor: input.amountMinor, message: `${input.method} recorded by staff` }, viewer);
          await applyCaptureEffects(tx, created, input.amountMinor);
          audit(tx, viewer, 'payment.manual_recorded', { type: 'Payment', id: created.id }, { amountMinor: input.amountMinor, method: input.method });
          return created;
        });
        return { resultId: payment.id };
      },
    );
    return this.load(resultId);
  }

  /** Applies a gateway's answer that arrived out of band (webhook, reconciliation, hold expiry). */
  async applyExternalResult(paymentId: string, result: PaymentResult, kind: 'webhook' | 'reconcile' | 'expire'): Promise<Payment> {
    return this.orm.em.fork().transactional(async (em) => {
      const payment = await em.findOneOrFail(Payment, paymentId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      await this.apply(em, payment, result, kind);
      return payment;
    });
  }

  async load(paymentId: string): Promise<Payment> {
    return this.orm.em.fork().findOneOrFail(Payment, paymentId);
  }

  private async plan(em: EntityManager, viewer: Viewer, input: InitiatePaymentInput): Promise<ChargePlan> {
    const captureMethod = input.captureMethod ?? 'automatic';
    const link = input.linkToken ? await this.payableLink(em, input.linkToken) : null;
    const invoiceId = input.invoiceId ?? link?.invoice?.id ?? null;
    const customerId = input.customerId ?? link?.customer?.id ?? (viewer.kind === 'customer' ? viewer.customerId : null);
    const customer = customerId ? await em.findOne(Customer, customerId) : null;
    if (customerId && !customer) throw notFound('customer', 'input.customerId');
    if (input.purpose === 'top_up' && !customer) throw new DomainError('INVALID_INPUT', 'customerId is required for a top-up', 'input.customerId');
    if (viewer.kind === 'anonymous' && !link) throw new DomainError('FORBIDDEN', 'sign in, or pay through a pay link', null);
    if (customer && !link) assertCustomerRecordAccess(viewer, customer.id, 'payments:write', 'customer', 'input.customerId');
    if (viewer.kind === 'customer' && customer && customer.id !== viewer.customerId) throw notFound('customer', 'input.customerId');

    const currencyInput = input.currency ? assertCurrency(input.currency) : null;
    // A customer's own invoices only; another customer's looks exactly like one that does not exist.
    const ownerToCheck = viewer.kind === 'customer' ? null : (customer?.id ?? null);
    const invoice = invoiceId && !link ? await this.openInvoice(em, invoiceId, ownerToCheck, currencyInput) : null;
    if (invoice && viewer.kind === 'customer') assertCustomerRecordAccess(viewer, invoice.customer.id, 'payments:write', 'invoice', 'input.invoiceId');
    const { amountMinor, currency } = this.amountFor(input, link, invoice, currencyInput);

    const profile = input.profileId ? await this.usableProfile(em, viewer, input.profileId, customer) : null;
    const keyId = input.gatewayKeyId ?? profile?.gatewayKey.id ?? null;
    const purpose: PaymentPurpose = input.purpose ?? (link ? 'link' : invoice ? 'invoice' : 'amount');

    if (input.useBalance) {
      if (!invoice || !customer) throw new DomainError('INVALID_INPUT', 'prepaid balance can only pay an invoice of a customer', 'input.useBalance');
      if (input.profileId || input.paymentToken) throw new DomainError('INVALID_INPUT', 'choose either the balance or a payment method', 'input.useBalance');
      return { amountMinor, currency, purpose, captureMethod: 'automatic', customer, invoice, link: null, key: null, profile: null, source: null };
    }
    if (!keyId) throw new DomainError('INVALID_INPUT', 'gatewayKeyId is required', 'input.gatewayKeyId');
    const key = await em.findOne(PaymentGatewayKey, keyId);
    if (!key) throw notFound('gateway key', 'input.gatewayKeyId');
    if (profile && profile.gatewayKey.id !== key.id) throw new DomainError('INVALID_INPUT', 'the saved method belongs to another gateway key', 'input.profileId');
    assertKeyAccepts(key, { amountMinor, currency, captureMethod, recurring: input.offSession ?? false }, viewer);
    const source = this.sourceFor(input, profile);
    return { amountMinor, currency, purpose, captureMethod, customer, invoice, link, key, profile, source };
  }

  private amountFor(input: InitiatePaymentInput, link: OnlinePayment | null, invoice: Invoice | null, currency: string | null) {
    if (link) {
      if (input.amountMinor != null && input.amountMinor !== link.amountMinor) {
        throw new DomainError('INVALID_INPUT', 'a pay link charges its own amount', 'input.amountMinor');
      }
      return { amountMinor: link.amountMinor, currency: link.currency };
    }
    if (invoice) {
      const remaining = invoice.amountMinor - invoice.amountPaidMinor;
      const amountMinor = input.amountMinor ?? remaining;
      assertPositiveAmount(amountMinor);
      if (amountMinor > remaining) throw new DomainError('INVALID_AMOUNT', `the invoice has ${remaining} minor units left to pay`, 'input.amountMinor');
      return { amountMinor, currency: invoice.currency };
    }
    if (input.amountMinor == null) throw new DomainError('INVALID_AMOUNT', 'amountMinor is required', 'input.amountMinor');
    assertPositiveAmount(input.amountMinor);
    if (!currency) throw new DomainError('UNSUPPORTED_CURRENCY', 'currency is required', 'input.currency');
    return { amountMinor: input.amountMinor, currency };
  }

  private sourceFor(input: InitiatePaymentInput, profile: CustomerPaymentProfile | null): PaymentSource {
    if (profile && input.paymentToken) throw new DomainError('INVALID_INPUT', 'give either profileId or paymentToken, not both', 'input.paymentToken');
    if (profile) return { kind: 'saved', gatewayCustomerId: profile.gatewayCustomerId, methodId: profile.methodId };
    if (input.paymentToken) return { kind: 'token', token: input.paymentToken };
    throw new DomainError('INVALID_INPUT', 'a saved profileId or a paymentToken is required', 'input.paymentToken');
  }

  private async payableLink(em: EntityManager, token: string): Promise<OnlinePayment> {
    const link = await em.findOne(OnlinePayment, { token });
    if (!link) throw notFound('pay link', 'input.linkToken');
    if (link.expiresAt && link.expiresAt.getTime() <= Date.now()) {
      throw new DomainError('LINK_EXPIRED', 'this pay link has expired', 'input.linkToken');
    }
    if (link.status !== 'active') throw new DomainError('LINK_NOT_PAYABLE', `this pay link is ${link.status}`, 'input.linkToken');
    return link;
  }

  private async openInvoice(em: EntityManager, invoiceId: string, customerId: string | null, currency: string | null): Promise<Invoice> {
    const invoice = await em.findOne(Invoice, invoiceId);
    if (!invoice) throw notFound('invoice', 'input.invoiceId');
    if (customerId && invoice.customer.id !== customerId) throw new DomainError('INVALID_INPUT', 'the invoice belongs to another customer', 'input.invoiceId');
    if (invoice.status !== 'open') throw new DomainError('INVOICE_NOT_PAYABLE', `the invoice is ${invoice.status}`, 'input.invoiceId');
    if (currency && currency !== invoice.currency) {
      throw new DomainError('CURRENCY_MISMATCH', `the invoice is in ${invoice.currency}`, 'input.currency');
    }
    return invoice;
  }

  private async usableProfile(em: EntityManager, viewer: Viewer, profileId: string, customer: Customer | null): Promise<CustomerPaymentProfile> {
    const profile = await em.findOne(CustomerPaymentProfile, profileId);
    if (!profile || profile.status !== 'active') throw notFound('payment profile', 'input.profileId');
    assertCustomerRecordAccess(viewer, profile.customer.id, 'payments:write', 'payment profile', 'input.profileId');
    if (customer && profile.customer.id !== customer.id) throw notFound('payment profile', 'input.profileId');
    return profile;
  }

  private createPayment(em: EntityManager, plan: ChargePlan, input: InitiatePaymentInput): Payment {
    const payment = em.create(Payment, {
      status: 'requires_payment_method',
      purpose: plan.purpose,
      methodKind: plan.source ? 'card' : 'balance',
      captureMethod: plan.captureMethod,
      amountMinor: plan.amountMinor,
      currency: plan.currency,
      gateway: plan.key?.gateway ?? 'balance',
      gatewayKey: plan.key?.id ?? null,
      customer: plan.customer?.id ?? null,
      profile: plan.profile?.id ?? null,
      invoice: plan.invoice?.id ?? null,
      onlinePayment: plan.link?.id ?? null,
      idempotencyKey: input.idempotencyKey,
      description: input.description ?? plan.link?.description ?? null,
    });
    if (plan.key) refreshFee(payment, plan.key);
    em.persist(payment);
    return payment;
  }

  private async settleFromBalance(em: EntityManager, payment: Payment, viewer: Viewer): Promise<void> {
    await moveBalance(em, payment.customer!.id, payment.currency, -payment.amountMinor, {
      kind: 'invoice_payment',
      paymentId: payment.id,
      invoiceId: payment.invoice?.id,
    });
    payment.authorizedMinor = payment.amountMinor;
    payment.capturedMinor = payment.amountMinor;
    transition(em, payment, 'captured', { kind: 'manual', outcome: 'succeeded', amountMinor: payment.amountMinor, message: 'paid from prepaid balance' }, viewer);
    await applyCaptureEffects(em, payment, payment.amountMinor);
  }

  private async authorizeAtGateway(paymentId: string, key: PaymentGatewayKey, source: PaymentSource, input: InitiatePaymentInput, viewer: Viewer) {
    const gateway = this.gateways.forKey(key);
    const gatewayIdempotencyKey = `${paymentId}:authorize`;
    const payment = await this.load(paymentId);
    let result: PaymentResult | null = null;
    let failure: GatewayError | null = null;
    try {
      result = await gateway.authorize({
        idempotencyKey: gatewayIdempotencyKey,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        captureMethod: payment.captureMethod,
        source,
        offSession: input.offSession ?? false,
        metadata: { paymentId },
        ...(payment.description ? { description: payment.description } : {}),
        ...(input.returnUrl ? { returnUrl: input.returnUrl } : {}),
      });
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      failure = error;
    }
    const authorized = await this.orm.em.fork().transactional(async (em) => {
      const locked = await em.findOneOrFail(Payment, paymentId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (result) {
        await this.apply(em, locked, result, 'authorize', viewer, gatewayIdempotencyKey);
        if (locked.status === 'authorized') {
          locked.authorizationExpiresAt = new Date(Date.now() + key.authorizationTtlHours * 3_600_000);
        }
      } else if (failure) {
        this.recordGatewayFailure(em, locked, failure, gatewayIdempotencyKey, viewer);
      }
      return locked;
    });
    await this.holds?.placed(authorized, key);
  }

  /**
   * A thrown gateway error during authorize: "retryable" means nothing happened at the gateway, so the
   * payment fails; "indeterminate" may have charged, so it waits in processing for reconciliation.
   */
  private recordGatewayFailure(em: EntityManager, payment: Payment, error: GatewayError, idempotencyKey: string, viewer: Viewer) {
    const indeterminate = error.kind === 'indeterminate';
    if (!indeterminate) {
      payment.failureCode = error.code;
      payment.failureMessage = error.message.slice(0, 500);
    }
    transition(em, payment, indeterminate ? 'processing' : 'failed', {
      kind: 'authorize',
      outcome: indeterminate ? 'pending' : 'failed',
      idempotencyKey,
      failureCode: error.code,
      message: error.message.slice(0, 500),
    }, viewer);
    this.logger.warn({ paymentId: payment.id, code: error.code, kind: error.kind }, 'gateway error on authorize');
  }

  private async apply(em: EntityManager, payment: Payment, result: PaymentResult, kind: 'authorize' | 'confirm' | 'capture' | 'cancel' | 'webhook' | 'reconcile' | 'expire', viewer?: Viewer, idempotencyKey?: string) {
    const capturedBefore = payment.capturedMinor;
    const { moved } = applyGatewayResult(em, payment, result, kind, { ...(viewer ? { viewer } : {}), ...(idempotencyKey ? { idempotencyKey } : {}) });
    if (payment.gatewayKey) {
      const key = await em.findOneOrFail(PaymentGatewayKey, payment.gatewayKey.id);
      refreshFee(payment, key);
    }
    if (moved) this.metrics.paymentTransitions.inc({ status: payment.status, gateway: payment.gateway });
    await applyCaptureEffects(em, payment, payment.capturedMinor - capturedBefore);
  }

  private async callGateway(payment: Payment, verb: string, call: () => Promise<PaymentResult>): Promise<PaymentResult> {
    try {
      return await call();
    } catch (error) {
      this.logger.warn({ paymentId: payment.id, verb, err: error instanceof GatewayError ? { code: error.code, kind: error.kind } : undefined }, 'gateway call failed');
      return this.rethrowGatewayError(error);
    }
  }

  private rethrowGatewayError(error: unknown): never {
    if (error instanceof GatewayError) throw new DomainError('GATEWAY_ERROR', `${error.code}: ${error.message}`, null);
    throw error;
  }

  /** {@link runLocked} for operations whose result is the payment itself. */
  private async withLockedPayment(
    viewer: Viewer,
    paymentId: string,
    permission: 'payments:write' | 'refunds:write',
    idempotencyKey: string,
    operation: string,
    input: object,
    work: (em: EntityManager, payment: Payment, gateway: PaymentGateway | null) => Promise<void>,
  ): Promise<Payment> {
    return this.load(await this.runLocked(viewer, paymentId, permission, idempotencyKey, operation, input, work));
  }

  /**
   * Runs a money operation on an existing payment under its idempotency key with the payment row
   * locked for the whole gateway call, so operations on one payment are strictly serialised. The key is
   * bound to what the work returns (a refund id), or to the payment; a replay returns that same id.
   */
  private async runLocked(
    viewer: Viewer,
    paymentId: string,
    permission: 'payments:write' | 'refunds:write',
    idempotencyKey: string,
    operation: string,
    input: object,
    work: (em: EntityManager, payment: Payment, gateway: PaymentGateway | null) => Promise<string | void>,
  ): Promise<string> {
    const existing = await this.orm.em.fork().findOne(Payment, paymentId);
    if (!existing) throw notFound('payment', 'input.paymentId');
    assertCustomerRecordAccess(viewer, existing.customer?.id, permission, 'payment', 'input.paymentId');
    const { resultId } = await this.idempotency.run(
      { scope: idempotencyScope(viewer), key: idempotencyKey, operation, input: { paymentId, ...input, idempotencyKey: undefined } },
      (bind) =>
        this.orm.em.fork().transactional(async (em) => {
          const payment = await em.findOneOrFail(Payment, paymentId, { lockMode: LockMode.PESSIMISTIC_WRITE });
          const key = payment.gatewayKey ? await em.findOneOrFail(PaymentGatewayKey, payment.gatewayKey.id) : null;
          const gateway = key ? this.gateways.forKey(key) : null;
          const boundId = (await work(em, payment, gateway)) ?? paymentId;
          await bind(em, boundId);
          return { resultId: boundId };
        }),
    );
    return resultId;
  }
}

/** What the payment's gateway can do; payments outside a gateway (manual, balance) can do everything. */
function capabilitiesOf(payment: Payment): { partialCapture: boolean; voidAuthorization: boolean } {
  return isGatewayName(payment.gateway) ? gatewayInfo(payment.gateway).capabilities : { partialCapture: true, voidAuthorization: true };
}

/** Read after `apply` moved the payment (a plain comparison there would be narrowed by the checks before it). */
function isAuthorized(payment: Payment): boolean {
  return payment.status === 'authorized';
}

function requireGateway(gateway: PaymentGateway | null): PaymentGateway {
  if (!gateway) throw new DomainError('INVALID_STATE', 'this payment was not made through a gateway', 'input.paymentId');
  return gateway;
}

function requireReference(payment: Payment): string {
  if (!payment.gatewayReference) throw new DomainError('INVALID_STATE', 'the payment never reached its gateway', 'input.paymentId');
  return payment.gatewayReference;
}

function parseRefundReason(reason: string | null | undefined): RefundReason | undefined {
  return REFUND_REASONS.find((r) => r === reason);
}
