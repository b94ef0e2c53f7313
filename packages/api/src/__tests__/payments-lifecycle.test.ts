import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../server.js';
import { fixtures, uniqueKey } from '../testing/index.js';
import { useTestApi } from '../testing/use-test-api.js';

const PAYMENT_FIELDS = `id status captureMethod amount { amountMinor currency formatted } authorized { amountMinor } captured { amountMinor }
  refunded { amountMinor } refundable { amountMinor } capturable { amountMinor } fee { amountMinor } failureCode gatewayReference
  nextAction { type clientSecret } timeline { kind outcome fromStatus toStatus amount { amountMinor } }`;
const INITIATE = `mutation($input: InitiatePaymentInput!) { initiatePayment(input: $input) { payment { ${PAYMENT_FIELDS} } userErrors { field code message } } }`;
const CAPTURE = `mutation($input: CapturePaymentInput!) { capturePayment(input: $input) { payment { ${PAYMENT_FIELDS} } userErrors { field code message } } }`;
const CANCEL = `mutation($input: CancelPaymentInput!) { cancelPayment(input: $input) { payment { ${PAYMENT_FIELDS} } userErrors { field code message } } }`;
const CONFIRM = `mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { payment { ${PAYMENT_FIELDS} } userErrors { field code message } } }`;
const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { refund { status amount { amountMinor } } payment { ${PAYMENT_FIELDS} } userErrors { field code message } } }`;

describe('payment lifecycle through GraphQL on the sandbox gateway', () => {
  const handle = useTestApi();
  let api: RunningApi;
  let gql: ReturnType<ReturnType<typeof fixtures>['gql']>;
  let keyId: string;
  let customerId: string;

  beforeAll(async () => {
    api = handle.api;
    const f = fixtures(api);
    gql = f.gql(await f.staffToken('finance'));
    keyId = (await f.sandboxKey({ feeFixedMinor: 30, feePercentBps: 290 })).id;
    customerId = (await f.customer()).customer.id;
  });

  const pay = async (card: string, extra: Record<string, unknown> = {}) => {
    const r = await gql(INITIATE, {
      input: { idempotencyKey: uniqueKey(), gatewayKeyId: keyId, customerId, amountMinor: 10_000, currency: 'USD', paymentToken: card, ...extra },
    });
    expect(r.errors).toBeUndefined();
    return r.data!.initiatePayment;
  };
  const capture = (paymentId: string, amountMinor?: number) =>
    gql(CAPTURE, { input: { idempotencyKey: uniqueKey(), paymentId, amountMinor } }).then((r) => r.data!.capturePayment);
  const refund = (paymentId: string, amountMinor?: number) =>
    gql(REFUND, { input: { idempotencyKey: uniqueKey(), paymentId, amountMinor, reason: 'requested_by_customer' } }).then((r) => r.data!.refundPayment);
  const cancel = (paymentId: string) => gql(CANCEL, { input: { idempotencyKey: uniqueKey(), paymentId } }).then((r) => r.data!.cancelPayment);

  it('requires_payment_method → captured with automatic capture, fee recorded, timeline written', async () => {
    const { payment, userErrors } = await pay('4242424242424242');
    expect(userErrors).toEqual([]);
    expect(payment.status).toBe('CAPTURED');
    expect(payment.captured.amountMinor).toBe(10_000);
    expect(payment.amount.formatted).toBe('$100.00');
    expect(payment.fee.amountMinor).toBe(30 + 290);
    expect(payment.timeline).toEqual([
      expect.objectContaining({ kind: 'authorize', outcome: 'succeeded', fromStatus: 'requires_payment_method', toStatus: 'captured' }),
    ]);
  });

  it('manual capture: authorized → partial capture releases the rest → refunds up to the captured amount, not a minor unit more', async () => {
    const held = (await pay('4242424242424242', { captureMethod: 'MANUAL' })).payment;
    expect(held.status).toBe('AUTHORIZED');
    expect(held.capturable.amountMinor).toBe(10_000);

    const captured = await capture(held.id, 6_000);
    expect(captured.userErrors).toEqual([]);
    expect(captured.payment).toMatchObject({ status: 'CAPTURED', captured: { amountMinor: 6_000 }, authorized: { amountMinor: 10_000 } });
    expect(captured.payment.fee.amountMinor).toBe(30 + 174);

    const first = await refund(held.id, 2_500);
    expect(first.userErrors).toEqual([]);
    expect(first.payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refunded: { amountMinor: 2_500 }, refundable: { amountMinor: 3_500 } });

    const tooMuch = await refund(held.id, 3_501);
    expect(tooMuch.userErrors).toEqual([expect.objectContaining({ code: 'AMOUNT_EXCEEDS_REFUNDABLE', field: 'input.amountMinor' })]);

    const rest = await refund(held.id, 3_500);
    expect(rest.payment).toMatchObject({ status: 'REFUNDED', refunded: { amountMinor: 6_000 }, refundable: { amountMinor: 0 } });

    const oneMore = await refund(held.id, 1);
    expect(oneMore.userErrors[0].code).toBe('INVALID_STATE');
    const kinds = oneMore.userErrors.length && (await gql(`query($id: ID!) { payment(id: $id) { timeline { kind toStatus } refunds { amount { amountMinor } } } }`, { id: held.id })).data!.payment;
    expect(kinds.timeline.map((t: { kind: string }) => t.kind)).toEqual(['authorize', 'capture', 'refund', 'refund']);
    expect(kinds.refunds.map((r: { amount: { amountMinor: number } }) => r.amount.amountMinor)).toEqual([2_500, 3_500]);
  });

  it('a refund retried with its idempotency key returns the first refund and moves no more money', async () => {
    const paid = (await pay('4242424242424242')).payment;
    const input = { idempotencyKey: uniqueKey('refund'), paymentId: paid.id, amountMinor: 1_000 };
    const withId = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { refund { id } payment { refunded { amountMinor } } userErrors { code } } }`;
    const first = (await gql(withId, { input })).data!.refundPayment;
    const again = (await gql(withId, { input })).data!.refundPayment;
    expect(first.userErrors).toEqual([]);
    expect(again.refund.id).toBe(first.refund.id);
    expect(again.payment.refunded.amountMinor).toBe(1_000);
  });

  it('authorized → canceled releases the hold; a canceled payment cannot be captured, refunded or canceled again', async () => {
    const held = (await pay('4242424242424242', { captureMethod: 'MANUAL' })).payment;
    const canceled = await cancel(held.id);
    expect(canceled.payment.status).toBe('CANCELED');
    expect((await capture(held.id)).userErrors[0].code).toBe('INVALID_STATE');
    expect((await refund(held.id)).userErrors[0].code).toBe('INVALID_STATE');
    expect((await cancel(held.id)).userErrors[0].code).toBe('INVALID_STATE');
  });

  it('3-D Secure: requires_action with a next action, then confirm → captured', async () => {
    const started = (await pay('4000002500003155')).payment;
    expect(started.status).toBe('REQUIRES_ACTION');
    expect(started.nextAction.type).toBe('three_d_secure');
    const confirmed = await gql(CONFIRM, { input: { idempotencyKey: uniqueKey(), paymentId: started.id } });
    expect(confirmed.data!.confirmPayment.payment).toMatchObject({ status: 'CAPTURED', nextAction: null });
  });

  it('a decline is a FAILED payment with a normalised code, not an error; failed is final', async () => {
    const { payment, userErrors } = await pay('4000000000009995');
    expect(userErrors).toEqual([]);
    expect(payment).toMatchObject({ status: 'FAILED', failureCode: 'insufficient_funds' });
    expect((await capture(payment.id)).userErrors[0].code).toBe('INVALID_STATE');
    expect((await refund(payment.id)).userErrors[0].code).toBe('INVALID_STATE');
    expect((await cancel(payment.id)).userErrors[0].code).toBe('INVALID_STATE');
  });

  it('forbidden transitions: capture a captured payment, refund an authorization, capture more than authorized, confirm a captured one', async () => {
    const done = (await pay('4242424242424242')).payment;
    expect((await capture(done.id)).userErrors[0].code).toBe('INVALID_STATE');
    expect((await cancel(done.id)).userErrors[0].code).toBe('INVALID_STATE');
    const held = (await pay('4242424242424242', { captureMethod: 'MANUAL' })).payment;
    expect((await refund(held.id)).userErrors[0].code).toBe('INVALID_STATE');
    expect((await capture(held.id, 10_001)).userErrors[0]).toMatchObject({ code: 'AMOUNT_EXCEEDS_CAPTURABLE', field: 'input.amountMinor' });
    expect((await capture(held.id, 10_000)).payment.status).toBe('CAPTURED');
  });

  it('the same idempotency key with the same input returns the first payment; with another input it is rejected', async () => {
    const input = { idempotencyKey: uniqueKey(), gatewayKeyId: keyId, customerId, amountMinor: 1_234, currency: 'USD', paymentToken: '4242424242424242' };
    const first = (await gql(INITIATE, { input })).data!.initiatePayment.payment;
    const again = (await gql(INITIATE, { input })).data!.initiatePayment.payment;
    expect(again.id).toBe(first.id);
    const changed = (await gql(INITIATE, { input: { ...input, amountMinor: 1_235 } })).data!.initiatePayment;
    expect(changed).toEqual({ payment: null, userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'input.idempotencyKey' })] });
  });
});
