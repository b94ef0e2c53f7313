import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../server.js';
import { fixtures, uniqueKey } from '../testing/index.js';
import { SYSTEM } from '../auth/viewer.js';
import { OnlinePayment } from '../db/entities/online-payment.js';
import { useTestApi } from '../testing/use-test-api.js';

const INITIATE = `mutation($input: InitiatePaymentInput!) { initiatePayment(input: $input) { payment { id } userErrors { field code message } } }`;
const TABLES = ['payments', 'payment_gateway_transactions', 'refunds', 'idempotency_records', 'customer_balances', 'balance_transactions'];

describe('bad input gives a typed error and writes nothing', () => {
  const handle = useTestApi();
  let api: RunningApi;
  let gql: ReturnType<ReturnType<typeof fixtures>['gql']>;
  let base: Record<string, unknown>;
  let expiredLinkToken: string;

  beforeAll(async () => {
    api = handle.api;
    const f = fixtures(api);
    gql = f.gql(await f.staffToken('admin'));
    const key = await f.sandboxKey({ currencies: ['USD', 'JPY'], minimumAmounts: [{ currency: 'USD', amountMinor: 50 }] });
    const { customer } = await f.customer();
    base = { gatewayKeyId: key.id, customerId: customer.id, amountMinor: 1_000, currency: 'USD', paymentToken: '4242424242424242' };
    const link = await api.services.links.create(SYSTEM, { amountMinor: 500, currency: 'USD', expiresAt: new Date(Date.now() + 60_000) });
    await api.services.orm.em.fork().nativeUpdate(OnlinePayment, { id: link.id }, { expiresAt: new Date(Date.now() - 1_000) });
    expiredLinkToken = link.token;
  });

  async function rowCounts(): Promise<Record<string, number>> {
    const connection = api.services.orm.em.getConnection();
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = Number((await connection.execute<{ n: string }[]>(`select count(*) as n from ${table}`))[0]?.n);
    return counts;
  }

  const cases: [string, Record<string, unknown>, string, string | null][] = [
    ['negative amount', { amountMinor: -5 }, 'INVALID_AMOUNT', 'input.amountMinor'],
    ['zero amount', { amountMinor: 0 }, 'INVALID_AMOUNT', 'input.amountMinor'],
    ['currency the key does not accept', { currency: 'EUR' }, 'UNSUPPORTED_CURRENCY', 'input.currency'],
    ['unknown ISO code', { currency: 'XYZ' }, 'UNSUPPORTED_CURRENCY', 'input.currency'],
    ['below the minimum for the currency', { amountMinor: 49 }, 'BELOW_MINIMUM', 'input.amountMinor'],
    ['unknown gateway key', { gatewayKeyId: '0190c0de-0000-7000-8000-000000000000' }, 'NOT_FOUND', 'input.gatewayKeyId'],
    ['unknown customer', { customerId: '0190c0de-0000-7000-8000-000000000001' }, 'NOT_FOUND', 'input.customerId'],
    ['unknown invoice', { invoiceId: '0190c0de-0000-7000-8000-000000000002' }, 'NOT_FOUND', 'input.invoiceId'],
    ['unknown saved profile', { paymentToken: null, profileId: '0190c0de-0000-7000-8000-000000000003' }, 'NOT_FOUND', 'input.profileId'],
    ['no payment method', { paymentToken: null }, 'INVALID_INPUT', 'input.paymentToken'],
    ['too short an idempotency key', { idempotencyKey: 'short' }, 'INVALID_INPUT', 'input.idempotencyKey'],
  ];

  it.each(cases)('%s', async (_name, override, code, field) => {
    const before = await rowCounts();
    const r = await gql(INITIATE, { input: { ...base, idempotencyKey: uniqueKey(), ...override } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.initiatePayment).toEqual({ payment: null, userErrors: [expect.objectContaining({ code, field })] });
    expect(await rowCounts()).toEqual(before);
  });

  it('an expired pay link', async () => {
    const before = await rowCounts();
    const r = await f_gqlAnonymous(api)(INITIATE, { input: { idempotencyKey: uniqueKey(), linkToken: expiredLinkToken, gatewayKeyId: base.gatewayKeyId, paymentToken: '4242424242424242' } });
    expect(r.data!.initiatePayment.userErrors).toEqual([expect.objectContaining({ code: 'LINK_EXPIRED', field: 'input.linkToken' })]);
    expect(await rowCounts()).toEqual(before);
  });

  it('an amount above 2^53 is rejected by the SafeInt scalar before any resolver runs', async () => {
    const before = await rowCounts();
    const r = await gql(INITIATE, { input: { ...base, idempotencyKey: uniqueKey(), amountMinor: 2 ** 53 + 2 } });
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCounts()).toEqual(before);
  });

  it('a malformed currency code is rejected by the CurrencyCode scalar', async () => {
    const r = await gql(INITIATE, { input: { ...base, idempotencyKey: uniqueKey(), currency: 'dollars' } });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('errors never carry stack traces or SQL', async () => {
    const r = await gql(`{ payment(id: "not-a-uuid") { id } }`);
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/at \w+ \(|select |invalid input syntax/i);
    expect(r.errors?.[0]?.message).toBe('Internal server error');
  });
});

function f_gqlAnonymous(api: RunningApi) {
  return fixtures(api).gql();
}
