import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../../errors.js';
import { signStripeWebhook } from '../../testing/stripe-fakes.js';
import { parseStripeWebhook } from '../webhooks.js';

const secret = 'whsec_test_secret';
const now = new Date('2030-03-01T00:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

function event(type: string, object: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ id: 'evt_1', object: 'event', type, created: nowSeconds - 5, data: { object } }));
}

describe('Stripe webhooks', () => {
  it('normalises a verified payment_intent.succeeded', () => {
    const rawBody = event('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', amount: 1000, amount_received: 1000, currency: 'usd', client_secret: 'pi_1_secret_x' });
    const parsed = parseStripeWebhook({ rawBody, headers: signStripeWebhook(rawBody, secret, nowSeconds), now }, secret);
    expect(parsed).toMatchObject({ eventId: 'evt_1', type: 'payment.succeeded', gatewayReference: 'pi_1', amountMinor: 1000, currency: 'USD' });
    expect(JSON.stringify(parsed.raw)).not.toContain('pi_1_secret_x');
  });

  it('normalises failures, refunds and unknown types', () => {
    const failed = event('payment_intent.payment_failed', { id: 'pi_2', object: 'payment_intent', amount: 50, currency: 'eur', last_payment_error: { code: 'card_declined', decline_code: 'lost_card', message: 'lost' } });
    expect(parseStripeWebhook({ rawBody: failed, headers: signStripeWebhook(failed, secret, nowSeconds), now }, secret)).toMatchObject({ type: 'payment.failed', failure: { code: 'lost_or_stolen', declineType: 'hard' } });
    const refund = event('refund.updated', { id: 're_1', object: 'refund', status: 'succeeded', amount: 20, currency: 'eur', payment_intent: 'pi_2' });
    expect(parseStripeWebhook({ rawBody: refund, headers: signStripeWebhook(refund, secret, nowSeconds), now }, secret)).toMatchObject({ type: 'refund.succeeded', refundReference: 're_1', gatewayReference: 'pi_2', amountMinor: 20 });
    const other = event('customer.created', { id: 'cus_1', object: 'customer' });
    expect(parseStripeWebhook({ rawBody: other, headers: signStripeWebhook(other, secret, nowSeconds), now }, secret)).toMatchObject({ type: 'unknown', nativeType: 'customer.created' });
  });

  it('rejects a wrong secret, a replay outside tolerance, one changed byte and a missing header', () => {
    const rawBody = event('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', amount: 1000, currency: 'usd' });
    expect(() => parseStripeWebhook({ rawBody, headers: signStripeWebhook(rawBody, 'whsec_other', nowSeconds), now }, secret)).toThrow(WebhookVerificationError);
    expect(() => parseStripeWebhook({ rawBody, headers: signStripeWebhook(rawBody, secret, nowSeconds - 301), now }, secret)).toThrow(/tolerance/);
    const changed = Buffer.from(rawBody.toString().replace('"amount":1000', '"amount":9000'));
    expect(changed.length).toBe(rawBody.length);
    expect(() => parseStripeWebhook({ rawBody: changed, headers: signStripeWebhook(rawBody, secret, nowSeconds), now }, secret)).toThrow(/does not match/);
    expect(() => parseStripeWebhook({ rawBody, headers: {}, now }, secret)).toThrow(/missing/);
    expect(() => parseStripeWebhook({ rawBody, headers: signStripeWebhook(rawBody, secret, nowSeconds), now }, undefined)).toThrow(WebhookVerificationError);
  });
});
