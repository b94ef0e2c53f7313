/**
 * A local fake of the Razorpay API (a real node:http server) for the endpoints Payrail uses: customers
 * and tokens, orders, payments (capture, refunds, S2S recurring), with Razorpay's status codes, error
 * bodies, Checkout signatures and signed webhooks. Start it in tests, then point `RazorpayGateway` at it
 * with `fake.config()`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { GatewayConfig } from '../config.js';
import { razorpaySignatureHeader, razorpayEventIdHeader } from '../razorpay/webhooks.js';
import { razorpayWebhookSignature } from '../razorpay/signatures.js';
import { close, listen, readBody } from './http-util.js';
import { RazorpayFakeError, RazorpayFakeState, type CheckoutResponse, type FakeEvent } from './razorpay-fake-state.js';
import type { InjectedFault } from './stripe-proxy.js';

export { razorpayFakeCards, type CheckoutResponse } from './razorpay-fake-state.js';

/** Options of {@link startRazorpayFake}. */
export interface RazorpayFakeOptions {
  /** Key id the fake accepts (default `rzp_test_PayrailFake01`). */
  keyId?: string;
  /** Key secret the fake accepts and signs Checkout responses with. */
  keySecret?: string;
  /** Where to POST signed webhooks, and the secret to sign them with. */
  webhook?: { url: string; secret: string };
  /** Port to listen on (default: any free one). */
  port?: number;
  /** Clock for created_at fields. */
  now?: () => Date;
}

/** One request the fake served. */
export interface RazorpayFakeRequest {
  method: string;
  path: string;
  status: number;
  body: string;
}

/** A webhook the fake tried to deliver. */
export interface RazorpayFakeDelivery {
  event: string;
  eventId: string;
  status: number | 'error';
}

/** A running fake. */
export interface RazorpayFake {
  url: string;
  keyId: string;
  keySecret: string;
  /** Every request served, oldest first. */
  requests: RazorpayFakeRequest[];
  /** Webhook deliveries attempted, oldest first. */
  deliveries: RazorpayFakeDelivery[];
  /** Direct access to the fake's state, for assertions. */
  state: RazorpayFakeState;
  /** A RazorpayGateway config pointing at this fake. */
  config(overrides?: Partial<GatewayConfig>): GatewayConfig;
  /** What Razorpay Checkout does in the browser: pays the order with a test card and returns the signed ids. */
  completeCheckout(orderId: string, cardNumber?: string): Promise<CheckoutResponse>;
  /** A recurring registration: a confirmed token for the customer's test card. Returns the token id. */
  createToken(customerId: string, cardNumber?: string): Promise<string>;
  /** Queue faults; each one replaces the next API request. */
  injectFaults(...faults: InjectedFault[]): void;
  /** Waits until every webhook queued so far has been delivered. */
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
}

/** Signs a webhook body like Razorpay (`X-Razorpay-Signature`). */
export function signRazorpayWebhook(rawBody: Buffer | string, secret: string, eventId = `evt_${Date.now()}`): Record<string, string> {
  return { 'content-type': 'application/json', [razorpaySignatureHeader]: razorpayWebhookSignature(rawBody, secret), [razorpayEventIdHeader]: eventId };
}

type Handler = (match: readonly string[], body: Record<string, unknown>, query: URLSearchParams) => unknown;

function collection(items: unknown[]): Record<string, unknown> {
  return { entity: 'collection', count: items.length, items };
}

/** Starts the fake on 127.0.0.1. */
export async function startRazorpayFake(options: RazorpayFakeOptions = {}): Promise<RazorpayFake> {
  const keyId = options.keyId ?? 'rzp_test_PayrailFake01';
  const keySecret = options.keySecret ?? 'fake_key_secret_0123456789';
  const now = options.now ?? (() => new Date());
  const state = new RazorpayFakeState(keySecret, now);
  const requests: RazorpayFakeRequest[] = [];
  const deliveries: RazorpayFakeDelivery[] = [];
  const faults: InjectedFault[] = [];
  let pendingDeliveries: Promise<void> = Promise.resolve();
  let deliveredEvents = 0;
  let eventSequence = 0;

  const routes: [string, RegExp, Handler][] = [
    ['POST', /^\/v1\/customers$/, (_m, body) => state.createCustomer(body)],
    ['GET', /^\/v1\/customers\/([^/]+)$/, (m) => state.customer(m[1] ?? '')],
    ['GET', /^\/v1\/customers\/([^/]+)\/tokens$/, (m) => collection(state.customerTokens(m[1] ?? ''))],
    ['GET', /^\/v1\/customers\/([^/]+)\/tokens\/([^/]+)$/, (m) => state.customerToken(m[1] ?? '', m[2] ?? '')],
    ['DELETE', /^\/v1\/customers\/([^/]+)\/tokens\/([^/]+)$/, (m) => state.deleteToken(m[1] ?? '', m[2] ?? '')],
    ['POST', /^\/v1\/orders$/, (_m, body) => state.createOrder(body)],
    ['GET', /^\/v1\/orders$/, (_m, _b, query) => collection(state.listOrders(query))],
    ['GET', /^\/v1\/orders\/([^/]+)$/, (m) => state.order(m[1] ?? '')],
    ['GET', /^\/v1\/orders\/([^/]+)\/payments$/, (m) => collection(state.orderPayments(m[1] ?? ''))],
    ['POST', /^\/v1\/payments\/create\/recurring$/, (_m, body) => state.createRecurringPayment(body)],
    ['GET', /^\/v1\/payments\/([^/]+)$/, (m) => state.payment(m[1] ?? '')],
    ['POST', /^\/v1\/payments\/([^/]+)\/capture$/, (m, body) => state.capture(m[1] ?? '', body)],
    ['POST', /^\/v1\/payments\/([^/]+)\/refund$/, (m, body) => state.refund(m[1] ?? '', body)],
    ['GET', /^\/v1\/payments\/([^/]+)\/refunds$/, (m) => collection(state.paymentRefunds(m[1] ?? ''))],
    ['GET', /^\/v1\/refunds\/([^/]+)$/, (m) => state.refundById(m[1] ?? '')],
  ];

  function authorized(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    const expected = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`;
    return header === expected;
  }

  function send(response: ServerResponse, record: RazorpayFakeRequest, status: number, body: unknown): void {
    record.status = status;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }

  function queueWebhooks(): void {
    const webhook = options.webhook;
    const fresh: FakeEvent[] = state.events.slice(deliveredEvents);
    deliveredEvents = state.events.length;
    if (webhook === undefined) return;
    for (const event of fresh) {
      eventSequence += 1;
      const eventId = `evt_Fake${String(eventSequence).padStart(10, '0')}`;
      const rawBody = JSON.stringify({ entity: 'event', account_id: 'acc_PayrailFake', event: event.event, contains: Object.keys(event.payload), payload: event.payload, created_at: Math.floor(now().getTime() / 1000) });
      // Delivered one after another, in order, like a single Razorpay webhook queue.
      pendingDeliveries = pendingDeliveries.then(async () => {
        const delivery: RazorpayFakeDelivery = { event: event.event, eventId, status: 'error' };
        deliveries.push(delivery);
        try {
          const response = await fetch(webhook.url, { method: 'POST', headers: signRazorpayWebhook(rawBody, webhook.secret, eventId), body: rawBody });
          delivery.status = response.status;
        } catch {
          delivery.status = 'error';
        }
      });
    }
  }

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const text = (await readBody(request)).toString('utf8');
      const record: RazorpayFakeRequest = { method: request.method ?? 'GET', path: url.pathname + url.search, status: 0, body: text };
      requests.push(record);
      const fault = faults.shift();
      if (fault !== undefined) {
        if (fault.kind === 'hang') return;
        if (fault.kind === 'reset') {
          request.socket.destroy();
          return;
        }
        send(response, record, fault.status, { error: { code: 'SERVER_ERROR', description: `Injected ${fault.status}`, source: 'NA', step: 'NA', reason: 'NA', metadata: {} } });
        return;
      }
      if (!authorized(request)) {
        send(response, record, 401, { error: { code: 'BAD_REQUEST_ERROR', description: 'Authentication failed', source: 'NA', step: 'NA', reason: 'NA', metadata: {} } });
        return;
      }
      const route = routes.find(([method, pattern]) => method === request.method && pattern.test(url.pathname));
      if (route === undefined) {
        send(response, record, 400, { error: { code: 'BAD_REQUEST_ERROR', description: 'The requested URL was not found on the server.', source: 'NA', step: 'NA', reason: 'NA', metadata: {} } });
        return;
      }
      let body: Record<string, unknown> = {};
      if (text !== '') {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = { ...parsed };
      }
      try {
        const result = route[2](Array.from(url.pathname.match(route[1]) ?? []), body, url.searchParams);
        send(response, record, 200, result);
      } catch (error) {
        if (!(error instanceof RazorpayFakeError)) throw error;
        send(response, record, error.status, error.body());
      }
      queueWebhooks();
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'SERVER_ERROR', description: `Fake error: ${String(error)}` } }));
    });
  });
  const url = await listen(server, options.port ?? 0);

  return {
    url,
    keyId,
    keySecret,
    requests,
    deliveries,
    state,
    config: (overrides = {}) => ({ mode: 'test', publishableKey: keyId, secretKey: keySecret, apiBaseUrl: url, maxNetworkRetries: 0, timeoutMs: 10_000, ...(options.webhook ? { webhookSecret: options.webhook.secret } : {}), ...overrides }),
    completeCheckout: async (orderId, cardNumber = '4111111111111111') => {
      const result = state.pay(orderId, cardNumber, {});
      queueWebhooks();
      return result;
    },
    createToken: async (customerId, cardNumber = '4111111111111111') => {
      const token = state.createToken(customerId, cardNumber);
      queueWebhooks();
      return token.id;
    },
    injectFaults: (...more) => {
      faults.push(...more);
    },
    flushWebhooks: () => pendingDeliveries,
    close: async () => {
      await pendingDeliveries;
      await close(server);
    },
  };
}
