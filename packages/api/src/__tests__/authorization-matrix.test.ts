import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../auth/viewer.js';
import { BatchCharge } from '../db/entities/batch-charge.js';
import type { RunningApi } from '../server.js';
import { fixtures, uniqueKey, type GraphQLResponse } from '../testing/index.js';
import { useTestApi } from '../testing/use-test-api.js';

type Outcome = 'ok' | 'hidden' | 'forbidden' | 'unauthenticated';
type Role = 'anonymous' | 'admin' | 'finance' | 'support' | 'customerA' | 'customerB' | 'partnerScoped' | 'partnerUnscoped';
const ROLES: Role[] = ['anonymous', 'admin', 'finance', 'support', 'customerA', 'customerB', 'partnerScoped', 'partnerUnscoped'];

interface World {
  keyId: string;
  customerA: string;
  paymentA: string;
  heldPaymentA: string;
  invoiceA: string;
  profileA: string;
  linkToken: string;
  scheduleA: string;
  batchId: string;
  endpointId: string;
}

interface Operation {
  name: string;
  /** The one partner scope that grants it (partnerScoped holds exactly this one). */
  scope: string | null;
  document: string;
  variables: (w: World) => Record<string, unknown>;
  expect: Record<Role, Outcome>;
}

const staffAll = { admin: 'ok', finance: 'ok', support: 'ok' } as const;
const staffWrite = { admin: 'ok', finance: 'ok', support: 'forbidden' } as const;
const adminOnly = { admin: 'ok', finance: 'forbidden', support: 'forbidden' } as const;
const partners = { partnerScoped: 'ok', partnerUnscoped: 'forbidden' } as const;
const noCustomers = { customerA: 'forbidden', customerB: 'forbidden' } as const;
const ownerOnly = { customerA: 'ok', customerB: 'hidden' } as const;
const everyone: Record<Role, Outcome> = Object.fromEntries(ROLES.map((r) => [r, 'ok'])) as Record<Role, Outcome>;

const operations: Operation[] = [
  { name: 'me', scope: null, document: '{ me { kind } }', variables: () => ({}), expect: everyone },
  { name: 'health', scope: null, document: '{ health { status } }', variables: () => ({}), expect: everyone },
  { name: 'availableGateways', scope: null, document: '{ availableGateways { id } }', variables: () => ({}), expect: everyone },
  {
    name: 'onlinePaymentByToken', scope: null, document: 'query($t: String!) { onlinePaymentByToken(token: $t) { status amount { amountMinor } } }',
    variables: (w) => ({ t: w.linkToken }), expect: everyone,
  },
  {
    name: 'payments', scope: 'payments:read', document: '{ payments { totalCount nodes { id customer { id } } } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, customerA: 'ok', customerB: 'ok', ...partners },
  },
  {
    name: 'payment(id)', scope: 'payments:read', document: 'query($id: ID!) { payment(id: $id) { id timeline { kind } } }',
    variables: (w) => ({ id: w.paymentA }), expect: { anonymous: 'unauthenticated', ...staffAll, ...ownerOnly, ...partners },
  },
  {
    name: 'refunds', scope: 'payments:read', document: '{ refunds { totalCount nodes { amount { amountMinor } payment { id } } } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, customerA: 'ok', customerB: 'ok', ...partners },
  },
  {
    name: 'customers', scope: 'customers:read', document: '{ customers { totalCount } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, ...noCustomers, ...partners },
  },
  {
    name: 'customer(id)', scope: 'customers:read', document: 'query($id: ID!) { customer(id: $id) { id balances { amountMinor } } }',
    variables: (w) => ({ id: w.customerA }), expect: { anonymous: 'unauthenticated', ...staffAll, ...ownerOnly, ...partners },
  },
  {
    name: 'invoice(id)', scope: 'invoices:read', document: 'query($id: ID!) { invoice(id: $id) { id amountDue { amountMinor } } }',
    variables: (w) => ({ id: w.invoiceA }), expect: { anonymous: 'unauthenticated', ...staffAll, ...ownerOnly, ...partners },
  },
  {
    name: 'invoices', scope: 'invoices:read', document: '{ invoices { totalCount } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, customerA: 'ok', customerB: 'ok', ...partners },
  },
  {
    name: 'gatewayKeys', scope: 'keys:read', document: '{ gatewayKeys { id secretKeyHint } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, ...noCustomers, ...partners },
  },
  {
    name: 'onlinePayments', scope: 'links:read', document: '{ onlinePayments { totalCount } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, ...noCustomers, ...partners },
  },
  {
    name: 'recurringSchedules', scope: 'schedules:read', document: '{ recurringSchedules { totalCount } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, customerA: 'ok', customerB: 'ok', ...partners },
  },
  {
    name: 'paymentTotals', scope: 'payments:read', document: '{ paymentTotals { currency } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, ...noCustomers, ...partners },
  },
  {
    name: 'auditLogs', scope: 'audit:read', document: '{ auditLogs { totalCount } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, ...noCustomers, ...partners },
  },
  {
    name: 'apiKeys', scope: null, document: '{ apiKeys { id } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...adminOnly, ...noCustomers, partnerScoped: 'forbidden', partnerUnscoped: 'forbidden' },
  },
  {
    name: 'paymentProfiles', scope: 'profiles:read', document: 'query($c: ID) { paymentProfiles(customerId: $c) { id } }',
    variables: (w) => ({ c: w.customerA }), expect: { anonymous: 'unauthenticated', ...staffAll, customerA: 'ok', customerB: 'ok', ...partners },
  },
  {
    name: 'createCustomer', scope: 'customers:write',
    document: 'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } userErrors { code } } }',
    variables: () => ({ i: { email: `${uniqueKey('c')}@example.test`, name: 'New', defaultCurrency: 'USD' } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    name: 'createInvoice', scope: 'invoices:write',
    document: 'mutation($i: CreateInvoiceInput!) { createInvoice(input: $i) { invoice { id } userErrors { code } } }',
    variables: (w) => ({ i: { customerId: w.customerA, amountMinor: 500, currency: 'USD' } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    name: 'initiatePayment', scope: 'payments:write',
    document: 'mutation($i: InitiatePaymentInput!) { initiatePayment(input: $i) { payment { id } userErrors { code } } }',
    variables: (w) => ({ i: { idempotencyKey: uniqueKey(), gatewayKeyId: w.keyId, invoiceId: w.invoiceA, amountMinor: 100, paymentToken: '4242424242424242' } }),
    expect: { anonymous: 'forbidden', ...staffWrite, ...ownerOnly, ...partners },
  },
  {
    name: 'capturePayment', scope: 'payments:write',
    document: 'mutation($i: CapturePaymentInput!) { capturePayment(input: $i) { payment { id } userErrors { code } } }',
    variables: (w) => ({ i: { idempotencyKey: uniqueKey(), paymentId: w.heldPaymentA, amountMinor: 1 } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    name: 'cancelPayment', scope: 'payments:write',
    document: 'mutation($i: CancelPaymentInput!) { cancelPayment(input: $i) { payment { id } userErrors { code } } }',
    variables: (w) => ({ i: { idempotencyKey: uniqueKey(), paymentId: w.paymentA } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    name: 'refundPayment', scope: 'refunds:write',
    document: 'mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { refund { id } userErrors { code } } }',
    variables: (w) => ({ i: { idempotencyKey: uniqueKey(), paymentId: w.paymentA, amountMinor: 1 } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    name: 'recordManualPayment', scope: 'payments:write',
    document: 'mutation($i: RecordManualPaymentInput!) { recordManualPayment(input: $i) { payment { id } userErrors { code } } }',
    variables: (w) => ({ i: { idempotencyKey: uniqueKey(), customerId: w.customerA, amountMinor: 100, currency: 'USD', method: 'CASH' } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, partnerScoped: 'forbidden', partnerUnscoped: 'forbidden' },
  },
  {
    name: 'createGatewayKey', scope: 'keys:write',
    document: 'mutation($i: CreateGatewayKeyInput!) { createGatewayKey(input: $i) { gatewayKey { id } userErrors { code } } }',
    variables: () => ({ i: { gateway: 'sandbox', mode: 'test', label: 'x', secretKey: 'sandbox_key_123', currencies: ['USD'] } }),
    expect: { anonymous: 'unauthenticated', ...adminOnly, ...noCustomers, ...partners },
  },
  {
    name: 'createPayLink', scope: 'links:write',
    document: 'mutation($i: CreatePayLinkInput!) { createPayLink(input: $i) { link { id } userErrors { code } } }',
    variables: () => ({ i: { amountMinor: 1000, currency: 'USD' } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    name: 'savePaymentProfile', scope: 'profiles:write',
    document: 'mutation($i: SavePaymentProfileInput!) { savePaymentProfile(input: $i) { profile { id } userErrors { code } } }',
    variables: (w) => ({ i: { idempotencyKey: uniqueKey(), customerId: w.customerA, gatewayKeyId: w.keyId, paymentToken: '4242424242424242' } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...ownerOnly, ...partners },
  },
  {
    name: 'setDefaultPaymentProfile', scope: 'profiles:write',
    document: 'mutation($i: PaymentProfileIdInput!) { setDefaultPaymentProfile(input: $i) { profile { id } userErrors { code } } }',
    variables: (w) => ({ i: { profileId: w.profileA } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...ownerOnly, ...partners },
  },
  {
    name: 'partnerWebhookEndpoints', scope: 'webhooks:read', document: '{ partnerWebhookEndpoints { id url secretHint } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, ...noCustomers, ...partners },
  },
  {
    name: 'partnerWebhookDeliveries', scope: 'webhooks:read', document: 'query($id: ID!) { partnerWebhookDeliveries(endpointId: $id) { id } }',
    variables: (w) => ({ id: w.endpointId }), expect: { anonymous: 'unauthenticated', ...staffAll, ...noCustomers, ...partners },
  },
  {
    name: 'gatewayWebhookEvents', scope: 'webhooks:read', document: '{ gatewayWebhookEvents { id status } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, ...noCustomers, ...partners },
  },
  {
    name: 'reconciliationQueue', scope: 'payments:read', document: '{ reconciliationQueue { state payment { id } } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffAll, ...noCustomers, ...partners },
  },
  {
    name: 'createPartnerWebhookEndpoint', scope: 'webhooks:write',
    document: 'mutation($i: CreatePartnerWebhookEndpointInput!) { createPartnerWebhookEndpoint(input: $i) { endpoint { id } userErrors { code } } }',
    variables: () => ({ i: { url: 'https://partner.example/hooks', eventTypes: ['payment.succeeded'] } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    // Registered by staff: a partner key cannot see or change it (it looks like one that does not exist).
    name: 'updatePartnerWebhookEndpoint', scope: 'webhooks:write',
    document: 'mutation($i: UpdatePartnerWebhookEndpointInput!) { updatePartnerWebhookEndpoint(input: $i) { endpoint { id } userErrors { code } } }',
    variables: (w) => ({ i: { id: w.endpointId, description: 'changed' } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, partnerScoped: 'hidden', partnerUnscoped: 'forbidden' },
  },
  {
    name: 'resendPartnerWebhook', scope: 'webhooks:write',
    document: 'mutation($i: ResendPartnerWebhookInput!) { resendPartnerWebhook(input: $i) { delivery { id } userErrors { code } } }',
    variables: () => ({ i: { deliveryId: '00000000-0000-7000-8000-000000000000' } }),
    expect: { anonymous: 'unauthenticated', admin: 'hidden', finance: 'hidden', support: 'forbidden', ...noCustomers, partnerScoped: 'hidden', partnerUnscoped: 'forbidden' },
  },
  {
    name: 'reconcilePayment', scope: 'payments:write',
    document: 'mutation($i: ReconcilePaymentInput!) { reconcilePayment(input: $i) { changed userErrors { code } } }',
    variables: (w) => ({ i: { paymentId: w.paymentA } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    name: 'runReconciliation', scope: 'payments:write', document: 'mutation { runReconciliation(limit: 5) { checked } }', variables: () => ({}),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    name: 'createApiKey', scope: null,
    document: 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret userErrors { code } } }',
    variables: () => ({ i: { label: 'x', scopes: ['payments:read'] } }),
    expect: { anonymous: 'unauthenticated', ...adminOnly, ...noCustomers, partnerScoped: 'forbidden', partnerUnscoped: 'forbidden' },
  },
  {
    name: 'recurringSchedule(id)', scope: 'schedules:read', document: 'query($id: ID!) { recurringSchedule(id: $id) { id state { status nextChargeAt retriesLeft source } } }',
    variables: (w) => ({ id: w.scheduleA }), expect: { anonymous: 'unauthenticated', ...staffAll, ...ownerOnly, ...partners },
  },
  {
    name: 'payment.hold', scope: 'payments:read', document: 'query($id: ID!) { payment(id: $id) { id hold { expiresAt expiryAction notifiedAt phase } } }',
    variables: (w) => ({ id: w.heldPaymentA }), expect: { anonymous: 'unauthenticated', ...staffAll, ...ownerOnly, ...partners },
  },
  {
    name: 'batchCharge(id)', scope: 'payments:read', document: 'query($id: ID!) { batchCharge(id: $id) { id progress { total done failed } } }',
    variables: (w) => ({ id: w.batchId }), expect: { anonymous: 'unauthenticated', ...staffAll, ...noCustomers, ...partners },
  },
  {
    name: 'createRecurringSchedule', scope: 'schedules:write',
    document: 'mutation($i: CreateRecurringScheduleInput!) { createRecurringSchedule(input: $i) { schedule { id } userErrors { code } } }',
    variables: (w) => ({ i: { customerId: w.customerA, profileId: w.profileA, amountMinor: 900, currency: 'USD', interval: 'month', startAt: '2030-01-31T09:00:00Z' } }),
    expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    name: 'updateRecurringSchedule', scope: 'schedules:write',
    document: 'mutation($i: UpdateRecurringScheduleInput!) { updateRecurringSchedule(input: $i) { schedule { id } userErrors { code } } }',
    variables: (w) => ({ i: { scheduleId: w.scheduleA, amountMinor: 1200 } }), expect: { anonymous: 'unauthenticated', ...staffWrite, ...ownerOnly, ...partners },
  },
  {
    name: 'pauseRecurringSchedule', scope: 'schedules:write',
    document: 'mutation($i: RecurringScheduleIdInput!) { pauseRecurringSchedule(input: $i) { schedule { id } userErrors { code } } }',
    variables: (w) => ({ i: { scheduleId: w.scheduleA } }), expect: { anonymous: 'unauthenticated', ...staffWrite, ...ownerOnly, ...partners },
  },
  {
    name: 'resumeRecurringSchedule', scope: 'schedules:write',
    document: 'mutation($i: RecurringScheduleIdInput!) { resumeRecurringSchedule(input: $i) { schedule { id } userErrors { code } } }',
    variables: (w) => ({ i: { scheduleId: w.scheduleA } }), expect: { anonymous: 'unauthenticated', ...staffWrite, ...ownerOnly, ...partners },
  },
  {
    name: 'chargeRecurringScheduleNow', scope: 'schedules:write',
    document: 'mutation($i: RecurringScheduleIdInput!) { chargeRecurringScheduleNow(input: $i) { schedule { id } userErrors { code } } }',
    variables: (w) => ({ i: { scheduleId: w.scheduleA } }), expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
  {
    name: 'cancelRecurringSchedule', scope: 'schedules:write',
    document: 'mutation($i: RecurringScheduleIdInput!) { cancelRecurringSchedule(input: $i) { schedule { id } userErrors { code } } }',
    variables: (w) => ({ i: { scheduleId: w.scheduleA } }), expect: { anonymous: 'unauthenticated', ...staffWrite, ...ownerOnly, ...partners },
  },
  {
    name: 'startBatchCharge', scope: 'payments:write',
    document: 'mutation($i: StartBatchChargeInput!) { startBatchCharge(input: $i) { batchCharge { id } userErrors { code } } }',
    variables: (w) => ({ i: { filter: { customerId: w.customerA } } }), expect: { anonymous: 'unauthenticated', ...staffWrite, ...noCustomers, ...partners },
  },
];

function classify(response: GraphQLResponse): Outcome {
  const code = response.errors?.[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (code === 'FORBIDDEN') return 'forbidden';
  if (response.errors?.length) throw new Error(`unexpected error: ${JSON.stringify(response.errors)}`);
  const [result] = Object.values(response.data ?? {});
  if (result === null) return 'hidden';
  const userErrors: { code: string }[] = (result as { userErrors?: { code: string }[] })?.userErrors ?? [];
  if (userErrors.some((e) => e.code === 'NOT_FOUND')) return 'hidden';
  if (userErrors.some((e) => e.code === 'FORBIDDEN')) return 'forbidden';
  return 'ok';
}

describe('authorization matrix: every query and mutation for every kind of caller', () => {
  const handle = useTestApi();
  let api: RunningApi;
  let world: World;
  let f: ReturnType<typeof fixtures>;
  const tokens: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    api = handle.api;
    f = fixtures(api);
    const key = await f.sandboxKey();
    const a = await f.customer();
    const b = await f.customer();
    tokens.admin = await f.staffToken('admin');
    tokens.finance = await f.staffToken('finance');
    tokens.support = await f.staffToken('support');
    tokens.customerA = a.token;
    tokens.customerB = b.token;
    const invoice = await f.invoice(a.customer.id, 1_000_000);
    const paymentA = await api.services.payments.initiate(SYSTEM, { idempotencyKey: uniqueKey(), gatewayKeyId: key.id, customerId: a.customer.id, amountMinor: 5_000, currency: 'USD', paymentToken: '4242424242424242' });
    const held = await api.services.payments.initiate(SYSTEM, { idempotencyKey: uniqueKey(), gatewayKeyId: key.id, customerId: a.customer.id, amountMinor: 5_000, currency: 'USD', paymentToken: '4242424242424242', captureMethod: 'manual' });
    const profile = await api.services.profiles.save(SYSTEM, { idempotencyKey: uniqueKey(), customerId: a.customer.id, gatewayKeyId: key.id, paymentToken: '5555555555554444' });
    const link = await api.services.links.create(SYSTEM, { amountMinor: 700, currency: 'USD' });
    // Workflows are off in this API (no worker): schedule and batch rows exist, their workflows do not.
    const schedule = await api.services.schedules.create(SYSTEM, { customerId: a.customer.id, profileId: profile.id, amountMinor: 1000, currency: 'USD', interval: 'month', startAt: new Date('2030-01-31T09:00:00Z') });
    const em = api.services.orm.em.fork();
    const batch = em.create(BatchCharge, { filter: {}, concurrency: 1, workflowId: 'batch:test' });
    await em.flush();
    const { endpoint } = await api.services.partnerWebhooks.endpoints.create(SYSTEM, { url: 'https://staff.example/hooks', eventTypes: ['*'] });
    world = { keyId: key.id, customerA: a.customer.id, paymentA: paymentA.id, heldPaymentA: held.id, invoiceA: invoice.id, profileA: profile.id, linkToken: link.token, scheduleA: schedule.id, batchId: batch.id, endpointId: endpoint.id };
  });

  const cases = operations.flatMap((op) => ROLES.map((role) => [op.name, role, op.expect[role], op] as const));

  it.each(cases)('%s as %s → %s', async (_name, role, expected, op) => {
    const token =
      role === 'partnerScoped' ? await f.partnerToken(op.scope ? [op.scope] : ['payments:read'])
      : role === 'partnerUnscoped' ? await f.partnerToken(['audit:read'].filter((s) => s !== op.scope).concat(op.scope === 'audit:read' ? ['payments:read'] : []))
      : role === 'anonymous' ? undefined
      : tokens[role];
    const response = await f.gql(token)(op.document, op.variables(world));
    expect(classify(response)).toBe(expected);
  });

  it('a customer listing refunds sees only refunds of their own payments', async () => {
    await api.services.payments.refund(SYSTEM, { idempotencyKey: uniqueKey(), paymentId: world.paymentA, amountMinor: 5 });
    expect((await f.gql(tokens.customerB)('{ refunds { totalCount } }')).data!.refunds.totalCount).toBe(0);
    expect((await f.gql(tokens.customerA)('{ refunds { totalCount } }')).data!.refunds.totalCount).toBeGreaterThan(0);
  });

  it('a customer listing payments sees only their own', async () => {
    const r = await f.gql(tokens.customerB)('{ payments { totalCount nodes { id } } }');
    expect(r.data!.payments.totalCount).toBe(0);
    const own = await f.gql(tokens.customerA)('{ payments { totalCount nodes { customer { id } } } }');
    expect(own.data!.payments.totalCount).toBeGreaterThan(0);
    expect(own.data!.payments.nodes.every((n: { customer: { id: string } }) => n.customer.id === world.customerA)).toBe(true);
  });

  it('staff money actions write the audit log with the actor', async () => {
    const adminGql = f.gql(tokens.admin);
    await adminGql('mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { refund { id } } }', { i: { idempotencyKey: uniqueKey(), paymentId: world.paymentA, amountMinor: 10 } });
    const log = await adminGql('query($id: String) { auditLogs(entityId: $id) { nodes { action actorType actorId } } }', { id: world.paymentA });
    expect(log.data!.auditLogs.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'payment.refunded', actorType: 'staff' })]));
  });

  it('a revoked API key is refused', async () => {
    const { apiKey, secret } = await api.services.staff.createApiKey(SYSTEM, { label: 'soon revoked', scopes: ['payments:read'] });
    expect(classify(await f.gql(secret)('{ payments { totalCount } }'))).toBe('ok');
    await api.services.staff.revokeApiKey(SYSTEM, apiKey.id);
    expect(classify(await f.gql(secret)('{ payments { totalCount } }'))).toBe('unauthenticated');
  });
});
