import { createServer, type IncomingHttpHeaders } from 'node:http';
import { close, listen, readBody } from './http-util.js';

/** A failure the proxy serves instead of forwarding one request. */
export type InjectedFault =
  /** Answer with this status and a Stripe-shaped api_error body (the request never reaches the fake). */
  | { kind: 'status'; status: number }
  /** Accept the request and never answer (client timeouts). */
  | { kind: 'hang' }
  /** Destroy the connection without answering. */
  | { kind: 'reset' };

/** One request as the proxy saw it. */
export interface RecordedStripeRequest {
  method: string;
  path: string;
  idempotencyKey?: string;
  stripeVersion?: string;
  /** Form-encoded body as sent by the SDK (before any rewriting). */
  body: string;
  /** True when answered from the idempotency cache. */
  replayed: boolean;
  /** Status returned to the client. */
  status: number;
}

/** Options of {@link startStripeProxy}. */
export interface StripeProxyOptions {
  /** Base URL of the fake behind the proxy (localstripe or stripe-mock). */
  targetUrl: string;
  /**
   * Emulate Stripe's idempotency layer: a POST with a seen `Idempotency-Key` and the same method, path
   * and body replays the first response (`Idempotent-Replayed: true`); other parameters get a 400
   * `idempotency_error`. Neither localstripe nor stripe-mock implements idempotency. Default true.
   */
  idempotency?: boolean;
  /**
   * Rename parameters the pinned API version uses to the names localstripe 1.15 (an older API) knows:
   * `allowed_payment_method_types` → `payment_method_types`. Default false.
   */
  legacyParamNames?: boolean;
}

/** A running proxy. */
export interface StripeProxy {
  /** Point `GatewayConfig.apiBaseUrl` here. */
  url: string;
  /** Every request, oldest first. */
  requests: RecordedStripeRequest[];
  /** Queue faults; each one replaces the next request's forwarding. */
  injectFaults(...faults: InjectedFault[]): void;
  /** Stops the proxy. */
  close(): Promise<void>;
}

interface CachedResponse {
  fingerprint: string;
  status: number;
  contentType: string;
  body: Buffer;
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A small HTTP proxy in front of a Stripe fake that adds what the fakes lack for our tests: Stripe's
 * idempotency replay, fault injection (5xx, hangs, resets) and a request log for contract assertions.
 */
export async function startStripeProxy(options: StripeProxyOptions): Promise<StripeProxy> {
  const target = new URL(options.targetUrl);
  const requests: RecordedStripeRequest[] = [];
  const faults: InjectedFault[] = [];
  const cache = new Map<string, CachedResponse>();
  const useIdempotency = options.idempotency ?? true;

  const server = createServer((request, response) => {
    void (async () => {
      const body = (await readBody(request)).toString('utf8');
      const method = request.method ?? 'GET';
      const path = request.url ?? '/';
      const idempotencyKey = single(request.headers, 'idempotency-key');
      const stripeVersion = single(request.headers, 'stripe-version');
      const record: RecordedStripeRequest = { method, path, body, replayed: false, status: 0, ...(idempotencyKey === undefined ? {} : { idempotencyKey }), ...(stripeVersion === undefined ? {} : { stripeVersion }) };
      requests.push(record);

      const fault = faults.shift();
      if (fault !== undefined) {
        if (fault.kind === 'hang') return;
        if (fault.kind === 'reset') {
          request.socket.destroy();
          return;
        }
        record.status = fault.status;
        response.writeHead(fault.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { type: 'api_error', message: `Injected ${fault.status}` } }));
        return;
      }

      const fingerprint = `${method} ${path} ${body}`;
      const cacheKey = useIdempotency && method === 'POST' && idempotencyKey !== undefined ? `${single(request.headers, 'authorization') ?? ''} ${idempotencyKey}` : undefined;
      const cached = cacheKey === undefined ? undefined : cache.get(cacheKey);
      if (cached !== undefined) {
        if (cached.fingerprint !== fingerprint) {
          record.status = 400;
          response.writeHead(400, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } }));
          return;
        }
        record.replayed = true;
        record.status = cached.status;
        response.writeHead(cached.status, { 'content-type': cached.contentType, 'idempotent-replayed': 'true' });
        response.end(cached.body);
        return;
      }

      const forwardedBody = options.legacyParamNames ? body.replace(/(^|&)allowed_payment_method_types(%5B|\[)/g, '$1payment_method_types$2') : body;
      const headers = new Headers();
      for (const name of ['authorization', 'content-type', 'stripe-version', 'idempotency-key', 'user-agent']) {
        const value = single(request.headers, name);
        if (value !== undefined) headers.set(name, value);
      }
      const upstream = await fetch(new URL(path, target), { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body: forwardedBody }) });
      const upstreamBody = Buffer.from(await upstream.arrayBuffer());
      const contentType = upstream.headers.get('content-type') ?? 'application/json';
      if (cacheKey !== undefined) cache.set(cacheKey, { fingerprint, status: upstream.status, contentType, body: upstreamBody });
      record.status = upstream.status;
      response.writeHead(upstream.status, { 'content-type': contentType, 'request-id': `req_proxy_${requests.length}` });
      response.end(upstreamBody);
    })().catch((error: unknown) => {
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { type: 'api_error', message: `Proxy error: ${String(error)}` } }));
    });
  });
  const url = await listen(server);
  return {
    url,
    requests,
    injectFaults: (...more) => {
      faults.push(...more);
    },
    close: () => close(server),
  };
}
