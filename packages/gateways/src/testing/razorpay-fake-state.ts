/**
 * The business rules of the local Razorpay fake: entities shaped like Razorpay's documented objects,
 * their state changes, the errors Razorpay answers, and the events each change emits.
 */
import { razorpayPaymentSignature } from '../razorpay/signatures.js';

/** A Razorpay-shaped error: HTTP status plus the documented `{error: {...}}` body. */
export class RazorpayFakeError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly field?: string,
    readonly reason = 'input_validation_failed',
  ) {
    super(description);
  }

  body(): Record<string, unknown> {
    return { error: { code: 'BAD_REQUEST_ERROR', description: this.description, source: 'business', step: 'payment_initiation', reason: this.reason, metadata: {}, ...(this.field === undefined ? {} : { field: this.field }) } };
  }
}

type Entity = Record<string, unknown> & { id: string };

/** What a test card does in the fake. */
interface FakeCard {
  network: string;
  /** Set when charges fail: Razorpay's error_reason. */
  declineReason?: string;
  /** Set when even saving the card (creating a token) fails. */
  refusesSaving?: boolean;
}

/** Test cards, numbered like Razorpay's and Stripe's test cards. */
export const razorpayFakeCards: Readonly<Record<string, FakeCard>> = {
  '4111111111111111': { network: 'Visa' },
  '5104015555555558': { network: 'MasterCard' },
  '4000000000000002': { network: 'Visa', declineReason: 'card_declined', refusesSaving: true },
  '4000000000009995': { network: 'Visa', declineReason: 'insufficient_funds', refusesSaving: true },
  '4000000000000069': { network: 'Visa', declineReason: 'card_expired', refusesSaving: true },
  '4000000000000341': { network: 'Visa', declineReason: 'card_declined' },
};

/** Event the fake emits after a change, delivered as a signed webhook. */
export interface FakeEvent {
  event: string;
  payload: Record<string, { entity: Entity }>;
}

/** What Checkout hands the browser after a payment, and what recurring create returns. */
export interface CheckoutResponse {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature: string;
}

function integer(value: unknown, field: string): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new RazorpayFakeError(400, `The ${field} must be an integer.`, field);
  return number;
}

function notes(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}

/** All the fake's state and rules. */
export class RazorpayFakeState {
  readonly customers = new Map<string, Entity>();
  readonly tokens = new Map<string, Entity & { customer_id: string; cardNumber: string }>();
  readonly orders = new Map<string, Entity>();
  readonly payments = new Map<string, Entity>();
  readonly refunds = new Map<string, Entity>();
  readonly events: FakeEvent[] = [];
  private sequence = 0;

  constructor(
    private readonly keySecret: string,
    private readonly now: () => Date,
  ) {}

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_Fake${String(this.sequence).padStart(10, '0')}`;
  }

  private seconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  private require<T extends Entity>(map: Map<string, T>, id: string): T {
    const entity = map.get(id);
    if (entity === undefined) throw new RazorpayFakeError(400, 'The id provided does not exist', 'id');
    return entity;
  }

  createCustomer(body: Record<string, unknown>): Entity {
    const email = typeof body.email === 'string' ? body.email : undefined;
    const contact = typeof body.contact === 'string' || typeof body.contact === 'number' ? String(body.contact) : undefined;
    const failExisting = body.fail_existing === undefined || body.fail_existing === 1 || body.fail_existing === '1' || body.fail_existing === true;
    const existing = [...this.customers.values()].find((customer) => customer.email === email && customer.contact === (contact ?? null));
    if (existing !== undefined) {
      if (failExisting) throw new RazorpayFakeError(400, 'Customer already exists for the merchant', 'email');
      return existing;
    }
    const customer: Entity = { id: this.nextId('cust'), entity: 'customer', name: body.name ?? null, email: email ?? null, contact: contact ?? null, gstin: null, notes: notes(body.notes), created_at: this.seconds() };
    this.customers.set(customer.id, customer);
    return customer;
  }

  customer(id: string): Entity {
    return this.require(this.customers, id);
  }

  /** A token as a recurring registration in Checkout would create it. */
  createToken(customerId: string, cardNumber: string): Entity {
    this.customer(customerId);
    const card = razorpayFakeCards[cardNumber];
    if (card === undefined) throw new RazorpayFakeError(400, 'Your payment could not be completed as this card is not supported.', 'card');
    if (card.refusesSaving) throw new RazorpayFakeError(400, 'Your payment has been declined by your bank.', 'card', card.declineReason);
    const token = {
      id: this.nextId('token'),
      entity: 'token',
      token: this.nextId('tkn'),
      bank: null,
      wallet: null,
      method: 'card',
      recurring: true,
      recurring_details: { status: 'confirmed', failure_reason: null },
      card: { entity: 'card', name: 'Test Customer', last4: cardNumber.slice(-4), network: card.network, type: 'credit', issuer: null, international: false, emi: false, expiry_month: '12', expiry_year: String(this.now().getUTCFullYear() + 4) },
      auth_type: null,
      mrn: null,
      used_at: this.seconds(),
      created_at: this.seconds(),
      expired_at: null,
      status: 'active',
      customer_id: customerId,
      cardNumber,
    };
    this.tokens.set(token.id, token);
    this.events.push({ event: 'token.confirmed', payload: { token: { entity: publicToken(token) } } });
    return publicToken(token);
  }

  customerTokens(customerId: string): Entity[] {
    this.customer(customerId);
    return [...this.tokens.values()].filter((token) => token.customer_id === customerId).map(publicToken);
  }

  customerToken(customerId: string, tokenId: string): Entity {
    const token = this.tokens.get(tokenId);
    if (token === undefined || token.customer_id !== customerId) throw new RazorpayFakeError(400, 'The id provided does not exist', 'token_id');
    return publicToken(token);
  }

  deleteToken(customerId: string, tokenId: string): { deleted: boolean } {
    const token = this.tokens.get(tokenId);
    if (token === undefined || token.customer_id !== customerId) throw new RazorpayFakeError(400, 'The id provided does not exist', 'token_id');
    this.tokens.delete(tokenId);
    this.events.push({ event: 'token.cancelled', payload: { token: { entity: publicToken(token) } } });
    return { deleted: true };
  }

  createOrder(body: Record<string, unknown>): Entity {
    const amount = integer(body.amount, 'amount');
    if (amount < 100) throw new RazorpayFakeError(400, 'Order amount less than minimum amount allowed', 'amount');
    const currency = typeof body.currency === 'string' ? body.currency : 'INR';
    if (!/^[A-Z]{3}$/.test(currency)) throw new RazorpayFakeError(400, 'The currency must be a valid ISO 4217 code.', 'currency');
    if (typeof body.receipt === 'string' && body.receipt.length > 40) throw new RazorpayFakeError(400, 'The receipt may not be greater than 40 characters.', 'receipt');
    const order: Entity = {
      id: this.nextId('order'),
      entity: 'order',
      amount,
      amount_paid: 0,
      amount_due: amount,
      currency,
      receipt: typeof body.receipt === 'string' ? body.receipt : null,
      offer_id: null,
      status: 'created',
      attempts: 0,
      notes: notes(body.notes),
      created_at: this.seconds(),
      payment_capture: body.payment_capture === true || body.payment_capture === 1 || body.payment_capture === '1',
    };
    this.orders.set(order.id, order);
    return publicOrder(order);
  }

  listOrders(query: URLSearchParams): Entity[] {
    const receipt = query.get('receipt');
    const count = Math.min(100, Number(query.get('count') ?? 10) || 10);
    const skip = Number(query.get('skip') ?? 0) || 0;
    return [...this.orders.values()]
      .filter((order) => receipt === null || order.receipt === receipt)
      .reverse()
      .slice(skip, skip + count)
      .map(publicOrder);
  }

  order(id: string): Entity {
    return publicOrder(this.require(this.orders, id));
  }

  orderPayments(orderId: string): Entity[] {
    this.require(this.orders, orderId);
    return [...this.payments.values()].filter((payment) => payment.order_id === orderId);
  }

  payment(id: string): Entity {
    return this.require(this.payments, id);
  }

  /** Pays an order with a card (Checkout) or a token (recurring); declines leave a failed payment. */
  pay(orderId: string, cardNumber: string, extra: { customerId?: string; tokenId?: string; email?: string; contact?: string; notes?: Record<string, unknown> }): CheckoutResponse {
    const order = this.require(this.orders, orderId);
    if (order.status === 'paid') throw new RazorpayFakeError(400, 'Order has already been paid', 'order_id');
    const card = razorpayFakeCards[cardNumber];
    if (card === undefined) throw new RazorpayFakeError(400, 'Your payment could not be completed as this card is not supported.', 'card');
    order.attempts = Number(order.attempts) + 1;
    order.status = 'attempted';
    const payment: Entity = {
      id: this.nextId('pay'),
      entity: 'payment',
      amount: order.amount,
      currency: order.currency,
      status: 'created',
      order_id: order.id,
      invoice_id: null,
      international: false,
      method: 'card',
      amount_refunded: 0,
      refund_status: null,
      captured: false,
      description: null,
      card_id: this.nextId('card'),
      bank: null,
      wallet: null,
      vpa: null,
      email: extra.email ?? 'customer@example.test',
      contact: extra.contact ?? '+919000090000',
      customer_id: extra.customerId ?? null,
      token_id: extra.tokenId ?? null,
      notes: extra.notes ?? {},
      fee: 0,
      tax: 0,
      error_code: null,
      error_description: null,
      error_source: null,
      error_step: null,
      error_reason: null,
      acquirer_data: { auth_code: null },
      created_at: this.seconds(),
    };
    this.payments.set(payment.id, payment);
    if (card.declineReason !== undefined) {
      Object.assign(payment, { status: 'failed', error_code: 'BAD_REQUEST_ERROR', error_description: 'Payment failed because the card was declined by the bank.', error_source: 'bank', error_step: 'payment_authorization', error_reason: card.declineReason });
      this.events.push({ event: 'payment.failed', payload: { payment: { entity: payment } } });
    } else {
      payment.status = 'authorized';
      this.events.push({ event: 'payment.authorized', payload: { payment: { entity: payment } } });
      if (order.payment_capture === true) this.markCaptured(order, payment);
    }
    return { razorpay_payment_id: payment.id, razorpay_order_id: order.id, razorpay_signature: razorpayPaymentSignature(order.id, payment.id, this.keySecret) };
  }

  createRecurringPayment(body: Record<string, unknown>): CheckoutResponse {
    const orderId = typeof body.order_id === 'string' ? body.order_id : '';
    const customerId = typeof body.customer_id === 'string' ? body.customer_id : '';
    const tokenId = typeof body.token === 'string' ? body.token : '';
    if (String(body.recurring) !== '1' && body.recurring !== true) throw new RazorpayFakeError(400, 'The recurring field is required.', 'recurring');
    if (typeof body.email !== 'string' || body.email === '') throw new RazorpayFakeError(400, 'The email field is required.', 'email');
    const order = this.require(this.orders, orderId);
    this.customer(customerId);
    const token = this.tokens.get(tokenId);
    if (token === undefined || token.customer_id !== customerId) throw new RazorpayFakeError(400, 'The token id provided does not exist', 'token');
    if (integer(body.amount, 'amount') !== order.amount || body.currency !== order.currency) throw new RazorpayFakeError(400, 'The amount and currency must match the order', 'amount');
    return this.pay(orderId, token.cardNumber, { customerId, tokenId, email: body.email, ...(typeof body.contact === 'string' ? { contact: body.contact } : {}), notes: notes(body.notes) });
  }

  capture(paymentId: string, body: Record<string, unknown>): Entity {
    const payment = this.payment(paymentId);
    if (payment.status === 'captured' || payment.status === 'refunded') throw new RazorpayFakeError(400, 'This payment has already been captured');
    if (payment.status !== 'authorized') throw new RazorpayFakeError(400, 'Only payments which have been authorized and not yet captured can be captured');
    if (integer(body.amount, 'amount') !== payment.amount) throw new RazorpayFakeError(400, 'Capture amount must be equal to the amount authorized', 'amount');
    if (typeof body.currency === 'string' && body.currency !== payment.currency) throw new RazorpayFakeError(400, 'The currency should be same as the payment currency', 'currency');
    this.markCaptured(this.require(this.orders, String(payment.order_id)), payment);
    return payment;
  }

  private markCaptured(order: Entity, payment: Entity): void {
    Object.assign(payment, { status: 'captured', captured: true, fee: Math.round(Number(payment.amount) * 0.02), tax: 0 });
    Object.assign(order, { status: 'paid', amount_paid: order.amount, amount_due: 0 });
    this.events.push({ event: 'payment.captured', payload: { payment: { entity: payment } } });
    this.events.push({ event: 'order.paid', payload: { payment: { entity: payment }, order: { entity: publicOrder(order) } } });
  }

  refund(paymentId: string, body: Record<string, unknown>): Entity {
    const payment = this.payment(paymentId);
    if (payment.status !== 'captured' && payment.status !== 'refunded') throw new RazorpayFakeError(400, 'The payment has not been captured', 'payment_id');
    const refundable = Number(payment.amount) - Number(payment.amount_refunded);
    if (refundable === 0) throw new RazorpayFakeError(400, 'The payment has been fully refunded already');
    const amount = body.amount === undefined ? refundable : integer(body.amount, 'amount');
    if (amount <= 0 || amount > refundable) throw new RazorpayFakeError(400, 'The refund amount provided is greater than amount captured', 'amount');
    const refund: Entity = {
      id: this.nextId('rfnd'),
      entity: 'refund',
      amount,
      currency: payment.currency,
      payment_id: payment.id,
      notes: notes(body.notes),
      receipt: typeof body.receipt === 'string' ? body.receipt : null,
      acquirer_data: { arn: null },
      created_at: this.seconds(),
      batch_id: null,
      status: 'processed',
      speed_processed: 'normal',
      speed_requested: typeof body.speed === 'string' ? body.speed : 'normal',
    };
    this.refunds.set(refund.id, refund);
    payment.amount_refunded = Number(payment.amount_refunded) + amount;
    const full = payment.amount_refunded === payment.amount;
    Object.assign(payment, { refund_status: full ? 'full' : 'partial', status: full ? 'refunded' : 'captured' });
    this.events.push({ event: 'refund.processed', payload: { refund: { entity: refund }, payment: { entity: payment } } });
    return refund;
  }

  paymentRefunds(paymentId: string): Entity[] {
    this.payment(paymentId);
    return [...this.refunds.values()].filter((refund) => refund.payment_id === paymentId);
  }

  refundById(id: string): Entity {
    return this.require(this.refunds, id);
  }
}

function publicOrder(order: Entity): Entity {
  const { payment_capture: _internal, ...rest } = order;
  return { ...rest, id: order.id };
}

function publicToken(token: Entity): Entity {
  const { cardNumber: _secret, customer_id: _owner, ...rest } = token;
  return { ...rest, id: token.id };
}
