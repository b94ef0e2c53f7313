/**
 * The third tier: a scripted local HTTP server standing in for Stripe, for what the fakes cannot do:
 * 5xx and retries, timeouts, refused connections, Stripe's real card-error shape, state conflicts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors.js';
import { close, listen, readBody } from '../../testing/http-util.js';
import { fakeStripeConfig } from '../../testing/stripe-fakes.js';
import { StripeGateway } from '../client.js';

type Step = (request: IncomingMessage, body: string, response: ServerResponse) => void;
interface Seen { method: string; path: string; idempotencyKey: string | undefined }

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => close(server)));
});

/** Serves the steps in order (the last one repeats) and records what it saw. */
async function scripted(...steps: Step[]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const header = request.headers['idempotency-key'];
      seen.push({ method: request.method ?? '', path: request.url ?? '', idempotencyKey: Array.isArray(header) ? header[0] : header });
      const step = steps[Math.min(seen.length - 1, steps.length - 1)];
      step?.(request, body.toString(), response);
    });
  });
  servers.push(server);
  return { url: await listen(server), seen };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Step {
  return (_request, _body, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

const hang: Step = () => undefined;

function intent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'pi_scripted',
    object: 'payment_intent',
    amount: 1000,
    amount_capturable: 0,
    amount_received: 0,
    capture_method: 'manual',
    client_secret: 'pi_scripted_secret_abc',
    currency: 'usd',
    last_payment_error: null,
    latest_charge: null,
    next_action: null,
    status: 'requires_capture',
    ...overrides,
  };
}

const authorizeInput = {
  idempotencyKey: 'retry-key',
  amountMinor: 1000,
  currency: 'USD',
  captureMethod: 'manual' as const,
  source: { kind: 'token' as const, token: 'pm_card_visa' },
  offSession: false,
  metadata: { paymentId: 'pay_1' },
};

describe('Stripe adapter against a scripted server', () => {
  it('retries 503 with backoff and the same idempotency key, then succeeds', async () => {
    const server = await scripted(json(503, { error: { type: 'api_error', message: 'down' } }), json(503, { error: { type: 'api_error', message: 'down' } }), json(200, intent({ amount_capturable: 1000 })));
    const gateway = new StripeGateway(fakeStripeConfig(server.url, { maxNetworkRetries: 2 }));
    const started = Date.now();
    const result = await gateway.authorize(authorizeInput);
    expect(result).toMatchObject({ status: 'authorized', capturableMinor: 1000 });
    expect(server.seen.map((seen) => seen.idempotencyKey)).toEqual(['retry-key:authorize', 'retry-key:authorize', 'retry-key:authorize']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('a 500 after retries is indeterminate (Stripe may have processed it)', async () => {
    const server = await scripted(json(500, { error: { type: 'api_error', message: 'boom' } }, { 'stripe-should-retry': 'false' }));
    const gateway = new StripeGateway(fakeStripeConfig(server.url, { maxNetworkRetries: 2 }));
    await expect(gateway.authorize(authorizeInput)).rejects.toMatchObject({ code: 'gateway_unavailable', kind: 'indeterminate', httpStatus: 500 });
    expect(server.seen).toHaveLength(1);
  });

  it('a timeout is indeterminate', async () => {
    const server = await scripted(hang);
    const gateway = new StripeGateway(fakeStripeConfig(server.url, { timeoutMs: 200 }));
    await expect(gateway.authorize(authorizeInput)).rejects.toMatchObject({ code: 'timeout', kind: 'indeterminate' });
  });

  it('a refused connection is retryable', async () => {
    const server = await scripted(json(200, {}));
    await close(servers.splice(0, 1)[0] ?? createServer());
    const gateway = new StripeGateway(fakeStripeConfig(server.url));
    await expect(gateway.authorize(authorizeInput)).rejects.toMatchObject({ code: 'gateway_unavailable', kind: 'retryable' });
  });

  it('429 is retryable rate limiting; 401 is terminal bad credentials; idempotency errors are conflicts', async () => {
    const limited = await scripted(json(429, { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'slow down' } }));
    await expect(new StripeGateway(fakeStripeConfig(limited.url)).authorize(authorizeInput)).rejects.toMatchObject({ code: 'rate_limited', kind: 'retryable' });
    const unauthorized = await scripted(json(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }));
    await expect(new StripeGateway(fakeStripeConfig(unauthorized.url)).authorize(authorizeInput)).rejects.toMatchObject({ code: 'invalid_credentials', kind: 'terminal' });
    const conflict = await scripted(json(400, { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' } }));
    await expect(new StripeGateway(fakeStripeConfig(conflict.url)).authorize(authorizeInput)).rejects.toMatchObject({ code: 'idempotency_conflict', kind: 'terminal' });
  });

  it("turns Stripe's card error (intent inside the error) into a failed result", async () => {
    const declinedIntent = intent({ status: 'requires_payment_method', last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } });
    const server = await scripted(
      json(402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', payment_intent: declinedIntent } }),
      json(200, declinedIntent),
    );
    const result = await new StripeGateway(fakeStripeConfig(server.url)).authorize(authorizeInput);
    expect(result).toMatchObject({ gatewayReference: 'pi_scripted', status: 'failed', failure: { code: 'insufficient_funds', declineType: 'soft', gatewayCode: 'insufficient_funds' } });
  });

  it('capturing a canceled intent reports already_canceled after reading the intent', async () => {
    const server = await scripted(
      json(400, { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent could not be captured because it has a status of canceled.' } }),
      json(200, intent({ status: 'canceled' })),
    );
    const gateway = new StripeGateway(fakeStripeConfig(server.url));
    const error = await gateway.capture({ idempotencyKey: 'cap', gatewayReference: 'pi_scripted', amountMinor: 1000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'already_canceled', kind: 'terminal' });
    expect(server.seen.map((seen) => `${seen.method} ${seen.path.split('?')[0]}`)).toEqual(['POST /v1/payment_intents/pi_scripted/capture', 'GET /v1/payment_intents/pi_scripted']);
  });

  it('refunding more than captured is amount_invalid; refunding a refunded charge is already_refunded', async () => {
    const tooMuch = await scripted(json(400, { error: { type: 'invalid_request_error', code: 'amount_too_large', message: 'Refund amount is greater than unrefunded amount' } }));
    await expect(new StripeGateway(fakeStripeConfig(tooMuch.url)).refund({ idempotencyKey: 'r', gatewayReference: 'pi_1', amountMinor: 5 })).rejects.toMatchObject({ code: 'amount_invalid' });
    const refunded = await scripted(json(400, { error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge has already been refunded.' } }));
    await expect(new StripeGateway(fakeStripeConfig(refunded.url)).refund({ idempotencyKey: 'r', gatewayReference: 'pi_1', amountMinor: 5 })).rejects.toMatchObject({ code: 'already_refunded', kind: 'terminal' });
  });
});
