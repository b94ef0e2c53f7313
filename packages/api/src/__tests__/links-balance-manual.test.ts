import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../server.js';
import { fixtures, uniqueKey } from '../testing/index.js';
import { useTestApi } from '../testing/use-test-api.js';

describe('pay links, prepaid balance and manual payments', () => {
  const handle = useTestApi();
  let api: RunningApi;
  let f: ReturnType<typeof fixtures>;
  let staff: ReturnType<ReturnType<typeof fixtures>['gql']>;
  let keyId: string;

  beforeAll(async () => {
    api = handle.api;
    f = fixtures(api);
    staff = f.gql(await f.staffToken('finance'));
    keyId = (await f.sandboxKey()).id;
  });

  it('an anonymous payer pays a single-use link once; the link then reports itself paid', async () => {
    const created = await staff(`mutation { createPayLink(input: {amountMinor: 1500, currency: "USD", description: "Ticket"}) { link { token url status } userErrors { code } } }`);
    const { token, url } = created.data!.createPayLink.link;
    expect(url).toContain(`/pay/${token}`);
    const anonymous = f.gql();
    const view = await anonymous(`query($t: String!) { onlinePaymentByToken(token: $t) { status description amount { formatted } gateways { id gateway } } }`, { t: token });
    expect(view.data!.onlinePaymentByToken).toMatchObject({ status: 'active', description: 'Ticket', amount: { formatted: '$15.00' }, gateways: [{ id: keyId, gateway: 'sandbox' }] });
    const pay = `mutation($i: InitiatePaymentInput!) { initiatePayment(input: $i) { payment { status amount { amountMinor } } userErrors { code } } }`;
    const first = await anonymous(pay, { i: { idempotencyKey: uniqueKey(), linkToken: token, gatewayKeyId: keyId, paymentToken: '4242424242424242' } });
    expect(first.data!.initiatePayment.payment).toMatchObject({ status: 'CAPTURED', amount: { amountMinor: 1500 } });
    const second = await anonymous(pay, { i: { idempotencyKey: uniqueKey(), linkToken: token, gatewayKeyId: keyId, paymentToken: '4242424242424242' } });
    expect(second.data!.initiatePayment.userErrors).toEqual([{ code: 'LINK_NOT_PAYABLE' }]);
    const after = await anonymous(`query($t: String!) { onlinePaymentByToken(token: $t) { status } }`, { t: token });
    expect(after.data!.onlinePaymentByToken.status).toBe('paid');
  });

  it('a customer tops up prepaid credit by card and pays an invoice from it; too little credit writes nothing', async () => {
    const { customer, token } = await f.customer();
    const me = f.gql(token);
    const topUp = await me(`mutation($i: TopUpBalanceInput!) { topUpBalance(input: $i) { payment { status purpose } userErrors { code } } }`, {
      i: { idempotencyKey: uniqueKey(), amountMinor: 5_000, currency: 'USD', gatewayKeyId: keyId, paymentToken: '4242424242424242' },
    });
    expect(topUp.data!.topUpBalance.payment).toMatchObject({ status: 'CAPTURED', purpose: 'top_up' });
    const small = await f.invoice(customer.id, 3_000);
    const big = await f.invoice(customer.id, 9_000);
    const payFromBalance = `mutation($i: InitiatePaymentInput!) { initiatePayment(input: $i) { payment { status methodKind gateway } userErrors { code } } }`;
    const paid = await me(payFromBalance, { i: { idempotencyKey: uniqueKey(), invoiceId: small.id, useBalance: true } });
    expect(paid.data!.initiatePayment.payment).toMatchObject({ status: 'CAPTURED', methodKind: 'balance', gateway: 'balance' });
    const refused = await me(payFromBalance, { i: { idempotencyKey: uniqueKey(), invoiceId: big.id, useBalance: true } });
    expect(refused.data!.initiatePayment).toEqual({ payment: null, userErrors: [{ code: 'INSUFFICIENT_BALANCE' }] });
    const state = await me(`query($id: ID!, $small: ID!, $big: ID!) { customer(id: $id) { balances { amountMinor currency } }
      s: invoice(id: $small) { status amountDue { amountMinor } } b: invoice(id: $big) { status amountDue { amountMinor } } }`, { id: customer.id, small: small.id, big: big.id });
    expect(state.data).toEqual({
      customer: { balances: [{ amountMinor: 2_000, currency: 'USD' }] },
      s: { status: 'paid', amountDue: { amountMinor: 0 } },
      b: { status: 'open', amountDue: { amountMinor: 9_000 } },
    });
  });

  it('staff record a bank transfer against an invoice; partners may not', async () => {
    const { customer } = await f.customer();
    const invoice = await f.invoice(customer.id, 12_000);
    const record = `mutation($i: RecordManualPaymentInput!) { recordManualPayment(input: $i) { payment { status methodKind gateway timeline { kind } } userErrors { code } } }`;
    const input = { idempotencyKey: uniqueKey(), customerId: customer.id, invoiceId: invoice.id, amountMinor: 12_000, currency: 'USD', method: 'BANK_TRANSFER', reference: 'WIRE-123' };
    const result = await staff(record, { i: input });
    expect(result.data!.recordManualPayment.payment).toMatchObject({ status: 'CAPTURED', methodKind: 'bank_transfer', gateway: 'manual', timeline: [{ kind: 'manual' }] });
    const invoiceNow = await staff(`query($id: ID!) { invoice(id: $id) { status } }`, { id: invoice.id });
    expect(invoiceNow.data!.invoice.status).toBe('paid');
    const partner = f.gql(await f.partnerToken(['payments:write']));
    const denied = await partner(record, { i: { ...input, idempotencyKey: uniqueKey() } });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
