import { fakeStripeSecretKey, localstripeAuthenticate, startStripeProxy, type StripeProxy } from '@payrail/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../../server.js';
import { createTestDatabase, fixtures, startTestApi, uniqueKey, type TestDatabase } from '../../../testing/index.js';

const localstripeUrl = process.env.LOCALSTRIPE_URL;
if (!localstripeUrl && process.env.CI) throw new Error('LOCALSTRIPE_URL is not set: run through ./dev test');

const PAYMENT = 'id status gatewayReference captured { amountMinor } nextAction { clientSecret } timeline { kind fromStatus toStatus }';

/** A card PaymentMethod made the way Stripe.js would (localstripe keeps the card number). */
async function cardMethod(baseUrl: string, number: string): Promise<string> {
  const body = new URLSearchParams({ type: 'card', 'card[number]': number, 'card[exp_month]': '12', 'card[exp_year]': '2030', 'card[cvc]': '123' });
  const response = await fetch(`${baseUrl}/v1/payment_methods`, { method: 'POST', headers: { authorization: `Bearer ${fakeStripeSecretKey}`, 'content-type': 'application/x-www-form-urlencoded' }, body });
  return ((await response.json()) as { id: string }).id;
}

describe.skipIf(!localstripeUrl)('reconciliation against localstripe (real Stripe SDK): a payment whose webhook never came', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let stripe: StripeProxy;
  let gql: ReturnType<ReturnType<typeof fixtures>['gql']>;
  let keyId: string;

  beforeAll(async () => {
    stripe = await startStripeProxy({ targetUrl: localstripeUrl!, legacyParamNames: true });
    db = await createTestDatabase();
    // Stuck as soon as it is seen; three checks 1 ms apart, then the staff queue.
    api = await startTestApi(db.url, { PAYRAIL_STRIPE_API_BASE_URL: stripe.url, PAYRAIL_RECONCILE_STUCK_AFTER_MS: '0', PAYRAIL_RECONCILE_BACKOFF_MS: '1,1' });
    const f = fixtures(api);
    gql = f.gql(await f.staffToken('admin'));
    const created = await gql(`mutation($i: CreateGatewayKeyInput!) { createGatewayKey(input: $i) { gatewayKey { id } userErrors { message } } }`, {
      i: { gateway: 'stripe', mode: 'test', label: 'Stripe', secretKey: 'sk_test_PayrailFake123', publishableKey: 'pk_test_PayrailFake123', webhookSecret: 'whsec_test_1234', currencies: ['USD'] },
    });
    keyId = created.data!.createGatewayKey.gatewayKey.id;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await stripe?.close();
  });

  async function threeDSecurePayment() {
    const token = await cardMethod(stripe.url, '4000002500003155');
    const r = await gql(`mutation($i: InitiatePaymentInput!) { initiatePayment(input: $i) { payment { ${PAYMENT} } userErrors { message } } }`, {
      i: { idempotencyKey: uniqueKey(), gatewayKeyId: keyId, amountMinor: 4_200, currency: 'USD', paymentToken: token },
    });
    expect(r.data!.initiatePayment.payment.status).toBe('REQUIRES_ACTION');
    return r.data!.initiatePayment.payment as { id: string; gatewayReference: string; nextAction: { clientSecret: string } };
  }

  const payment = async (id: string) => (await gql(`query($id: ID!) { payment(id: $id) { ${PAYMENT} } }`, { id })).data!.payment;

  it('the customer finished 3-D Secure at Stripe, no webhook arrived: the scheduled sweep asks Stripe and captures it', async () => {
    const stuck = await threeDSecurePayment();
    await localstripeAuthenticate(stripe.url, stuck.gatewayReference, stuck.nextAction.clientSecret, true);
    expect((await payment(stuck.id)).status).toBe('REQUIRES_ACTION');

    const sweep = await gql(`mutation { runReconciliation(limit: 50) { enrolled checked resolved needsAttention } }`);
    expect(sweep.data!.runReconciliation).toMatchObject({ resolved: expect.any(Number) });
    expect(sweep.data!.runReconciliation.resolved).toBeGreaterThanOrEqual(1);

    const fixed = await payment(stuck.id);
    expect(fixed).toMatchObject({ status: 'CAPTURED', captured: { amountMinor: 4_200 } });
    expect(fixed.timeline.at(-1)).toMatchObject({ kind: 'reconcile', fromStatus: 'requires_action', toStatus: 'captured' });
    const [event] = await api.services.orm.em.getConnection().execute<{ type: string }[]>(`select type from domain_events where subject_id = ? order by id desc limit 1`, [stuck.id]);
    expect(event!.type).toBe('payment.succeeded');
  });

  it('staff reconcile one payment on demand; what stays unresolved after the backoff lands in the staff queue', async () => {
    const abandoned = await threeDSecurePayment();
    const onDemand = await gql(`mutation($i: ReconcilePaymentInput!) { reconcilePayment(input: $i) { changed item { state attempts lastOutcome } userErrors { code } } }`, { i: { paymentId: abandoned.id } });
    expect(onDemand.data!.reconcilePayment).toMatchObject({ changed: false, item: { state: 'pending', attempts: 0, lastOutcome: 'gateway says requires_action' } });

    for (let run = 0; run < 3; run += 1) {
      await gql(`mutation { runReconciliation(limit: 50) { checked } }`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const queue = await gql(`{ reconciliationQueue { state attempts lastOutcome payment { id status } } }`);
    expect(queue.data!.reconciliationQueue).toEqual(
      expect.arrayContaining([expect.objectContaining({ state: 'needs_attention', attempts: 3, payment: { id: abandoned.id, status: 'REQUIRES_ACTION' } })]),
    );

    // Later the customer does finish, and staff resolve it from the queue.
    await localstripeAuthenticate(stripe.url, abandoned.gatewayReference, abandoned.nextAction.clientSecret, true);
    const resolved = await gql(`mutation($i: ReconcilePaymentInput!) { reconcilePayment(input: $i) { changed item { state payment { status } } } }`, { i: { paymentId: abandoned.id } });
    expect(resolved.data!.reconcilePayment).toMatchObject({ changed: true, item: { state: 'resolved', payment: { status: 'CAPTURED' } } });
    const after = await gql(`{ reconciliationQueue { payment { id } } }`);
    expect(after.data!.reconciliationQueue.map((i: { payment: { id: string } }) => i.payment.id)).not.toContain(abandoned.id);
  });
});
