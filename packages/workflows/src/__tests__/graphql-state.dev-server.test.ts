import { randomUUID } from 'node:crypto';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Payment, SYSTEM } from '@payrail/api/services';
import { uniqueKey } from '@payrail/api/testing';
import { createWorker } from '../worker.js';
import { customerWithCard, openDomainEnv, type DomainEnv } from './domain-env.js';
import { namespace, quietTemporalRuntime, temporalEnv, workflowBundle } from './temporal-env.js';

const address = temporalEnv('TEMPORAL_ADDRESS');

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const SCHEDULE = `query($id: ID!) { recurringSchedule(id: $id) { id status cycle state { status nextChargeAt cycle retriesLeft failedAttempts source } } }`;
const HOLD = `query($id: ID!) { payment(id: $id) { status hold { expiresAt expiryAction notifiedAt phase } } }`;
const BATCH = `query($id: ID!) { batchCharge(id: $id) { status progress { total done charged failed skipped finished } results { invoiceId outcome reason } } }`;

// Staff, partners and customers see each workflow's state through the real GraphQL endpoint, with a
// worker running the workflows on the Temporal dev server and the activities on this test's database.
describe.skipIf(address === undefined)('workflow state through GraphQL (dev server)', () => {
  const taskQueue = `test-graphql-${randomUUID()}`;
  let domain: DomainEnv;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let staff: ReturnType<DomainEnv['f']['gql']>;
  let partner: ReturnType<DomainEnv['f']['gql']>;

  beforeAll(async () => {
    quietTemporalRuntime();
    domain = await openDomainEnv(address!, taskQueue);
    connection = await NativeConnection.connect({ address: address! });
    worker = await createWorker({ connection, namespace, taskQueue, workflowBundle: await workflowBundle(), activities: domain.activities });
    running = worker.run();
    staff = domain.f.gql(await domain.f.staffToken('finance'));
    partner = domain.f.gql(await domain.f.partnerToken(['schedules:read', 'payments:read']));
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await domain?.close();
  });

  it('schedule: next charge and retries left from the workflow; the customer pauses and resumes; staff charge now', async () => {
    const { customer, profile, token } = await customerWithCard(domain, '4242424242424242');
    const startAt = '2031-01-31T10:00:00.000Z';
    const created = await staff(`mutation($i: CreateRecurringScheduleInput!) { createRecurringSchedule(input: $i) { schedule { id status } userErrors { code message } } }`, {
      i: { customerId: customer.id, profileId: profile.id, amountMinor: 1500, currency: 'USD', interval: 'month', startAt },
    });
    expect(created.data!.createRecurringSchedule.userErrors).toEqual([]);
    const id = created.data!.createRecurringSchedule.schedule.id as string;

    const live = await until('the workflow state', async () => {
      const r = await partner(SCHEDULE, { id });
      return r.data?.recurringSchedule?.state.source === 'workflow' ? r.data.recurringSchedule : null;
    });
    expect(live.state).toEqual({ status: 'active', nextChargeAt: startAt, cycle: 0, retriesLeft: 4, failedAttempts: 0, source: 'workflow' });

    const customerGql = domain.f.gql(token);
    const paused = await customerGql(`mutation($i: RecurringScheduleIdInput!) { pauseRecurringSchedule(input: $i) { schedule { status } userErrors { code } } }`, { i: { scheduleId: id } });
    expect(paused.data!.pauseRecurringSchedule).toEqual({ schedule: { status: 'paused' }, userErrors: [] });
    await until('paused in the workflow', async () => (await partner(SCHEDULE, { id })).data?.recurringSchedule.state.status === 'paused');
    await customerGql(`mutation($i: RecurringScheduleIdInput!) { resumeRecurringSchedule(input: $i) { schedule { status } } }`, { i: { scheduleId: id } });
    await until('active again', async () => (await partner(SCHEDULE, { id })).data?.recurringSchedule.state.status === 'active');

    const charged = await staff(`mutation($i: RecurringScheduleIdInput!) { chargeRecurringScheduleNow(input: $i) { userErrors { code } } }`, { i: { scheduleId: id } });
    expect(charged.data!.chargeRecurringScheduleNow.userErrors).toEqual([]);
    const after = await until('cycle 1', async () => {
      const r = (await partner(SCHEDULE, { id })).data?.recurringSchedule;
      return r?.state.cycle === 1 && r.cycle === 1 ? r : null;
    });
    expect(after.state).toMatchObject({ status: 'active', nextChargeAt: '2031-02-28T10:00:00.000Z', retriesLeft: 4 });
    // The customer raises the amount: the next cycle (charged now by staff) is invoiced at the new amount.
    const updated = await customerGql(`mutation($i: UpdateRecurringScheduleInput!) { updateRecurringSchedule(input: $i) { schedule { amount { amountMinor } } userErrors { code } } }`, { i: { scheduleId: id, amountMinor: 2500 } });
    expect(updated.data!.updateRecurringSchedule).toEqual({ schedule: { amount: { amountMinor: 2500 } }, userErrors: [] });
    await staff(`mutation($i: RecurringScheduleIdInput!) { chargeRecurringScheduleNow(input: $i) { userErrors { code } } }`, { i: { scheduleId: id } });
    await until('cycle 2', async () => (await partner(SCHEDULE, { id })).data?.recurringSchedule.state.cycle === 2);
    const payments = await domain.api.services.orm.em.fork().find(Payment, { customer: customer.id }, { orderBy: { createdAt: 'asc' } });
    expect(payments.map((p) => [p.status, p.amountMinor])).toEqual([['captured', 1500], ['captured', 2500]]);

    // Another customer cannot see or touch it.
    const other = domain.f.gql((await domain.f.customer()).token);
    expect((await other(SCHEDULE, { id })).data!.recurringSchedule).toBeNull();
    const foreign = await other(`mutation($i: RecurringScheduleIdInput!) { cancelRecurringSchedule(input: $i) { userErrors { code } } }`, { i: { scheduleId: id } });
    expect(foreign.data!.cancelRecurringSchedule.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    await customerGql(`mutation($i: RecurringScheduleIdInput!) { cancelRecurringSchedule(input: $i) { schedule { status } } }`, { i: { scheduleId: id } });
    await until('canceled', async () => (await partner(SCHEDULE, { id })).data?.recurringSchedule.status === 'canceled');
  });

  it('hold: expiry, expiry action and phase from the hold workflow; a staff capture ends it', async () => {
    const { key, customer } = await customerWithCard(domain, '4242424242424242', { authorizationTtlHours: 168, holdExpiryAction: 'capture' });
    const payment = await domain.api.services.payments.initiate(SYSTEM, { idempotencyKey: uniqueKey(), gatewayKeyId: key.id, customerId: customer.id, amountMinor: 9_900, currency: 'USD', paymentToken: '4242424242424242', captureMethod: 'manual' });
    const held = await until('the hold workflow', async () => {
      const r = (await partner(HOLD, { id: payment.id })).data?.payment;
      return r?.hold?.phase === 'held' ? r : null;
    });
    expect(held.hold).toEqual({ expiresAt: payment.authorizationExpiresAt!.toISOString(), expiryAction: 'capture', notifiedAt: null, phase: 'held' });
    expect(Date.parse(held.hold.expiresAt) - Date.now()).toBeGreaterThan(167 * 3_600_000);

    await staff(`mutation($i: CapturePaymentInput!) { capturePayment(input: $i) { payment { status } } }`, { i: { idempotencyKey: uniqueKey(), paymentId: payment.id } });
    const workflow = domain.api.services.workflows;
    await until('the hold workflow to end', async () => (await workflow.queryHold(payment.id))?.phase === 'captured');
    expect((await partner(HOLD, { id: payment.id })).data!.payment).toMatchObject({ status: 'CAPTURED', hold: { phase: 'captured' } });
  });

  it('batch: progress and report through GraphQL; a second run charges nothing twice', async () => {
    const paying = await customerWithCard(domain, '4242424242424242');
    const declining = await customerWithCard(domain, '4000000000000341');
    const { customer: noCard } = await domain.f.customer();
    const invoice = (customerId: string, amountMinor: number) => domain.api.services.invoices.create(SYSTEM, { customerId, amountMinor, currency: 'EUR' });
    const invoices = [await invoice(paying.customer.id, 1000), await invoice(paying.customer.id, 2000), await invoice(declining.customer.id, 3000), await invoice(noCard.id, 4000)];

    async function runBatch() {
      const started = await staff(`mutation($i: StartBatchChargeInput!) { startBatchCharge(input: $i) { batchCharge { id status } userErrors { code message } } }`, { i: { filter: { currency: 'EUR' }, concurrency: 2 } });
      expect(started.data!.startBatchCharge.userErrors).toEqual([]);
      const id = started.data!.startBatchCharge.batchCharge.id as string;
      return until('the batch to finish', async () => {
        const b = (await partner(BATCH, { id })).data?.batchCharge;
        return b?.status === 'completed' ? b : null;
      });
    }

    const first = await runBatch();
    expect(first.progress).toEqual({ total: 4, done: 4, charged: 2, failed: 1, skipped: 1, finished: true });
    const byInvoice = Object.fromEntries(first.results.map((r: { invoiceId: string; outcome: string; reason: string | null }) => [r.invoiceId, [r.outcome, r.reason]]));
    expect(byInvoice).toEqual({
      [invoices[0]!.id]: ['charged', null],
      [invoices[1]!.id]: ['charged', null],
      [invoices[2]!.id]: ['failed', 'card_declined'],
      [invoices[3]!.id]: ['skipped', 'no_default_profile'],
    });

    // Run again: the paid invoices drop out of the filter; the declined one replays its first result
    // (same invoice + card = same key) instead of charging again.
    const second = await runBatch();
    expect(second.progress).toEqual({ total: 2, done: 2, charged: 0, failed: 1, skipped: 1, finished: true });
    const em = domain.api.services.orm.em.fork();
    for (const inv of invoices) {
      expect(await em.count(Payment, { invoice: inv.id })).toBe(inv.customer.id === noCard.id ? 0 : 1);
    }
  });
});
